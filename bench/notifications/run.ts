/**
 * Live notification benchmark: how many notifications per second reach 1,000 open GraphQL
 * subscriptions (graphql-ws over WebSocket), next to the raw Redis pub/sub rate measured in the
 * same run on the same machine. Prints figures; it does not pass or fail.
 *
 *   npx tsx bench/notifications/run.ts [--subscribers 1000] [--rounds 20] [--seconds 300] [--skip-build]
 *
 * - Builds the server (npm run build:server, unless --skip-build) and uses the compiled code:
 *   tsx emits no decorator metadata, so NestJS only runs from dist/.
 * - Recreates the database `waypoint_bench_notifications` on 127.0.0.1:5432 (BENCH_DATABASE_URL
 *   to use another), migrates it, and creates one organization with --subscribers employees.
 * - Starts the API as its own process (`node dist/apps/api/src/main.js`), opens one graphql-ws
 *   subscription per employee from this process, and waits until Redis shows every channel
 *   listened to.
 * - Runs the producer in a third process (producer.ts: the compiled worker's Nest context,
 *   `createWorker()`), as the worker runs in production.
 * - Three measurements, each of --rounds rounds of one notification per subscriber, sent back to
 *   back, timed from the first send to the last delivery:
 *     1. raw Redis pub/sub: PUBLISH to one channel per subscriber from the producer process, one
 *        ioredis subscriber connection in this process receives (the baseline: Redis and the
 *        client library, no API, no GraphQL, no WebSocket);
 *     2. publish path: LivePublisher.publish (Redis PUBLISH) -> API (RedisPubSub, GraphQL
 *        execution of the subscription, filter) -> WebSocket -> client;
 *     3. end to end: NotificationService.notifyMany (INSERT of already-claimed rows, PUBLISH,
 *        COMMIT) -> same as 2.
 *   Latency is measured per notification from its round's send to its arrival (wall clock,
 *   same machine). CPU seconds of each process are read from /proc (Linux) around each phase.
 */
import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as GqlWsClient, createClient } from 'graphql-ws';
import Redis from 'ioredis';
import { Client } from 'pg';
import { ensureDatabase } from '../lib';
import WebSocket from 'ws';

type DataSourceModule = typeof import('../../libs/core/src/database/data-source');
type TokenModule = typeof import('../../libs/core/src/auth/token.service');
type NotificationsModule = typeof import('../../libs/notifications/src');
import type { ProducerMessage, ProducerPath, ProducerRequest } from './producer';

const ROOT = resolve(__dirname, '../..');
const JWT_SECRET = 'waypoint-bench-secret-0123456789';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Options {
  subscribers: number;
  rounds: number;
  seconds: number;
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { subscribers: 1000, rounds: 20, seconds: 300, build: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--subscribers') o.subscribers = value();
    else if (flag === '--rounds') o.rounds = value();
    else if (flag === '--seconds') o.seconds = value();
    else if (flag === '--skip-build') o.build = false;
    else {
      process.stderr.write(`bench/notifications: unknown argument "${argv[i]}"\n`);
      process.exit(2);
    }
  }
  for (const k of ['subscribers', 'rounds', 'seconds'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) {
      process.stderr.write(`bench/notifications: --${k} must be a positive integer\n`);
      process.exit(2);
    }
  }
  return o;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const nowMs = () => performance.timeOrigin + performance.now();

/** CPU seconds (user + system) a process has used so far, from /proc (NaN where there is none). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function until(what: string, deadlineMs: number, check: () => boolean | Promise<boolean>, everyMs = 5): Promise<void> {
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadlineMs) throw new Error(`Timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The API process

async function startApi(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const tail: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`The API exited with code ${exited}:\n${tail.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The API did not become healthy in 90 s:\n${tail.join('\n')}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The producer process (producer.ts)

interface Producer {
  pid: number;
  run(path: ProducerPath, rounds: number, onSent: (sourceId: string, at: number) => void): Promise<number>;
  stop(): Promise<void>;
}

async function startProducer(env: Record<string, string>, base: Omit<ProducerRequest, 'path' | 'rounds'>): Promise<Producer> {
  const child = fork(join(__dirname, 'producer.ts'), [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onMessage: (m: ProducerMessage) => void = () => undefined;
  child.on('message', (m: ProducerMessage) => onMessage(m));
  await new Promise<void>((resolve, reject) => {
    onMessage = (m) => (m.kind === 'ready' ? resolve() : undefined);
    child.once('exit', (code) => reject(new Error(`The producer exited with code ${code}`)));
  });
  return {
    pid: child.pid!,
    run: (path, rounds, onSent) =>
      new Promise((resolve, reject) => {
        onMessage = (m) => {
          if (m.kind === 'sent') onSent(m.sourceId, m.at);
          else if (m.kind === 'done') resolve(m.sendSeconds);
          else if (m.kind === 'failed') reject(new Error(m.error));
        };
        child.send({ ...base, path, rounds } satisfies ProducerRequest);
      }),
    stop: async () => {
      const done = new Promise((r) => child.once('exit', r));
      child.send('stop');
      await Promise.race([done, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

// ---------------------------------------------------------------------------------------------

interface Phase {
  label: string;
  delivered: number;
  expected: number;
  seconds: number;
  /** Time the producer spent in its calls (PUBLISH pipelines, or INSERT + claim + PUBLISH). */
  sendSeconds: number;
  rate: number;
  latencies: number[];
  cpu: { api: number; producer: number; clients: number };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const hardStop = setTimeout(() => {
    process.stderr.write(`bench/notifications: stopped after ${o.seconds} s (--seconds)\n`);
    process.exit(3);
  }, o.seconds * 1000);
  hardStop.unref();

  if (o.build) {
    say('Building (npm run build:server) ...');
    const b = spawnSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error('npm run build:server failed');
  }
  for (const f of ['dist/apps/api/src/main.js', 'dist/apps/worker/src/bootstrap.js', 'dist/libs/core/src/database/data-source.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build:server first`);
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { runMigrations } = require(join(ROOT, 'dist/libs/core/src/database/data-source.js')) as DataSourceModule;
  const { signToken } = require(join(ROOT, 'dist/libs/core/src/auth/token.service.js')) as TokenModule;
  const { liveChannel } = require(join(ROOT, 'dist/libs/notifications/src/index.js')) as NotificationsModule;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // Database: one organization, one employee per subscription.
  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waypoint_bench_notifications';
  await ensureDatabase(benchUrl, false);
  await runMigrations(benchUrl);
  const pg = new Client({ connectionString: benchUrl });
  await pg.connect();
  const [{ id: organizationId }] = (await pg.query(`INSERT INTO organization (slug, name) VALUES ('bench', 'Bench') RETURNING id`)).rows;
  const ids: string[] = (
    await pg.query(
      `INSERT INTO employee (organization_id, email, first_name, last_name, title, level)
       SELECT $1, 'user' || g || '@bench.test', 'User', 'N' || g, 'Engineer', 3 FROM generate_series(1, $2) g
       RETURNING id`,
      [organizationId, o.subscribers],
    )
  ).rows.map((r: { id: string }) => r.id);
  await pg.end();

  const queuePrefix = `benchn${randomUUID().slice(0, 6)}`;
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: benchUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'waypoint-bench-mail-')),
  };
  say(`Live notifications benchmark: ${o.subscribers} subscriptions, ${o.rounds} rounds of one notification per subscriber`);
  say(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}; API, producer (worker context) and clients in 3 processes`);
  const api = await startApi(env);
  const rawChannels = ids.map((id) => `${queuePrefix}:raw:${organizationId}:${id}`);
  const producer = await startProducer(env, { organizationId, recipientIds: ids, rawChannels });

  // The subscriptions, connected in batches of 100 (clients arriving, not 1,000 handshakes at once).
  const secret = new TextEncoder().encode(JWT_SECRET);
  const tokens = await Promise.all(
    ids.map((id) => signToken(secret, { issuer: 'waypoint', audience: 'waypoint' }, { employeeId: id, organizationId, roles: [] }, 3600)),
  );
  let delivered = 0;
  let errors = 0;
  let connected = 0;
  const closes = new Map<string, number>();
  const sentAt = new Map<string, number>();
  let latencies: number[] = [];
  const clients: GqlWsClient[] = [];
  const t0 = nowMs();
  for (let i = 0; i < ids.length; i++) {
    if (i % 100 === 0) await until(`connections up to ${i}`, Date.now() + 60_000, () => connected >= i, 10);
    const client = createClient({
      url: `${api.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens[i]}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => void errors++,
      on: {
        connected: () => void connected++,
        closed: (e) => {
          const code = String((e as { code?: number }).code);
          closes.set(code, (closes.get(code) ?? 0) + 1);
        },
      },
    });
    client.subscribe<{ notificationReceived: { sourceId: string } }>(
      { query: 'subscription { notificationReceived { id type sourceId title body data createdAt } }' },
      {
        next: (r) => {
          if (!r.data) return void errors++;
          delivered++;
          const at = sentAt.get(r.data.notificationReceived.sourceId);
          if (at !== undefined) latencies.push(nowMs() - at);
        },
        error: () => void errors++,
        complete: () => undefined,
      },
    );
    clients.push(client);
  }
  const redis = new Redis(REDIS_URL);
  const channels = ids.map((id) => liveChannel(queuePrefix, organizationId, id));
  await until(`every subscription to listen on Redis`, Date.now() + 60_000, async () => {
    let listening = 0;
    for (let i = 0; i < channels.length; i += 500) {
      const reply = (await redis.pubsub('NUMSUB', ...channels.slice(i, i + 500))) as (string | number)[];
      for (let j = 1; j < reply.length; j += 2) if (Number(reply[j]) > 0) listening++;
    }
    return listening === channels.length;
  }, 100);
  redis.disconnect();
  say(`Opened ${clients.length} subscriptions in ${((nowMs() - t0) / 1000).toFixed(1)} s (errors: ${errors}, closed: ${JSON.stringify([...closes])})`);

  // The baseline's consumer: one plain ioredis subscriber connection for all the raw channels.
  const rawSub = new Redis(REDIS_URL);
  let rawReceived = 0;
  rawSub.on('message', (_channel: string, message: string) => {
    rawReceived++;
    const at = sentAt.get((JSON.parse(message) as { sourceId: string }).sourceId);
    if (at !== undefined) latencies.push(nowMs() - at);
  });
  for (let i = 0; i < rawChannels.length; i += 500) await rawSub.subscribe(...rawChannels.slice(i, i + 500));

  async function phase(label: string, path: ProducerPath, rounds: number, count: () => number): Promise<Phase> {
    const expected = rounds * ids.length;
    const start = count();
    latencies = [];
    const cpu0 = { api: cpuSeconds(api.pid), producer: cpuSeconds(producer.pid), clients: process.cpuUsage() };
    const t = nowMs();
    const sendSeconds = await producer.run(path, rounds, (sourceId, at) => sentAt.set(sourceId, at));
    await until(`${label}: ${expected} deliveries`, Date.now() + 120_000, () => count() - start >= expected);
    const seconds = (nowMs() - t) / 1000;
    await sleep(200); // anything beyond `expected` (a duplicate) would show up in `delivered`
    const got = count() - start;
    const clientCpu = process.cpuUsage(cpu0.clients);
    return {
      label,
      delivered: got,
      expected,
      seconds,
      sendSeconds,
      rate: expected / seconds,
      latencies: [...latencies].sort((a, b) => a - b),
      cpu: {
        api: cpuSeconds(api.pid) - cpu0.api,
        producer: cpuSeconds(producer.pid) - cpu0.producer,
        clients: (clientCpu.user + clientCpu.system) / 1e6,
      },
    };
  }

  say('Warming up ...');
  await phase('warm-up', 'raw', 2, () => rawReceived);
  await phase('warm-up', 'publish', 2, () => delivered);
  await phase('warm-up', 'notify', 2, () => delivered);

  const results: Phase[] = [];
  results.push(await phase('1. raw Redis pub/sub (baseline)', 'raw', o.rounds, () => rawReceived));
  results.push(await phase('2. publish -> API -> graphql-ws', 'publish', o.rounds, () => delivered));
  results.push(await phase('3. notifyMany (INSERT, PUBLISH, COMMIT) -> API -> graphql-ws', 'notify', o.rounds, () => delivered));

  const baseline = results[0].rate;
  say('');
  say('| path | delivered / expected | seconds | producer busy (s) | notifications/s | vs raw Redis | latency p50 / p95 / max (ms) | CPU s: API / producer / clients |');
  say('|---|---:|---:|---:|---:|---:|---|---|');
  for (const r of results) {
    const lat = r.latencies;
    say(
      `| ${r.label} | ${r.delivered} / ${r.expected} | ${r.seconds.toFixed(2)} | ${r.sendSeconds.toFixed(2)} | ${Math.round(r.rate)} | ` +
        `${(r.rate / baseline).toFixed(2)} | ${percentile(lat, 50).toFixed(0)} / ${percentile(lat, 95).toFixed(0)} / ${(lat.at(-1) ?? NaN).toFixed(0)} | ` +
        `${r.cpu.api.toFixed(1)} / ${r.cpu.producer.toFixed(1)} / ${r.cpu.clients.toFixed(1)} |`,
    );
  }
  say('');
  say(`Subscription errors: ${errors}. Load average (1/5/15 min) at the end: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${cpus().length} CPUs.`);

  await Promise.all(clients.map((c) => c.dispose()));
  rawSub.disconnect();
  await producer.stop();
  await api.stop();
  clearTimeout(hardStop);
}

main().catch((e) => {
  process.stderr.write(`bench/notifications failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
