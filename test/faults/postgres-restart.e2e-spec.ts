import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@waypoint/core';
import { createOrganization, enableAppRoleLogin, createUser, eventually, PostgresProcess, ServerProcess, startPostgresProcess, startServer, stopAllServers, TestUser, ensureServerBuilt } from '@waypoint/testing';
import { codeOf, createStack, figure, gqlAt, latency, sleep, Stack, tempDir, Timed } from './fixtures';

const UPDATE = 'mutation($t: String!) { updateMyProfile(input: { bio: $t }) { id } }';
const ME = '{ me { id fullName } }';
const CLIENTS = 6;
/** The client gives up after this long: a request that takes it has hung. */
const CLIENT_TIMEOUT_MS = 20000;
const OUTAGE_MS = 6000;

interface Sample extends Timed {
  at: number;
  kind: 'read' | 'write';
}

/**
 * Fault 3: PostgreSQL stops (fast shutdown: every session is terminated) and starts again on the
 * same port while clients keep reading and writing through the API. A PostgreSQL of this suite's
 * own, so the rest of the suite is unaffected.
 */
describe('faults: PostgreSQL restarted under load', () => {
  const dir = tempDir('waypoint-faults-pg-');
  let pg: PostgresProcess;
  let stack: Stack;
  let api: ServerProcess;
  let worker: ServerProcess;
  let users: TestUser[];

  // The processes run from dist/: built first when a server source changed (its own, longer, timeout).
  beforeAll(() => ensureServerBuilt(), 300000);

  beforeAll(async () => {
    pg = await startPostgresProcess({ dataDir: dir.path });
    const admin = new Client({ connectionString: pg.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE waypoint_faults');
    await admin.end();
    await runMigrations(pg.urlFor('waypoint_faults'));
    await enableAppRoleLogin(pg.adminUrl);
    stack = await createStack(pg.urlFor('waypoint_faults'));
    const org = await createOrganization(stack.db);
    users = [];
    for (let i = 0; i < CLIENTS; i++) users.push(await createUser(stack.db, org, { firstName: `Client${i}` }));
    const env = stack.env(process.env.TEST_REDIS_URL!);
    [api, worker] = await Promise.all([startServer('api', env), startServer('worker', env)]);
  }, 180000);

  afterAll(async () => {
    await stopAllServers();
    await stack?.close();
    await pg?.stop().catch(() => undefined);
    dir.remove();
  }, 60000);

  it('answers every request in bounded time with SERVICE_UNAVAILABLE during the outage, /health 503, and reconnects by itself', async () => {
    const samples: Sample[] = [];
    const health: { at: number; status: number }[] = [];
    let running = true;
    const t0 = Date.now();
    const clients = users.map(async (u, c) => {
      for (let i = 0; running; i++) {
        const kind = i % 2 ? 'write' : 'read';
        const at = Date.now() - t0;
        const r = kind === 'write' ? await gqlAt(api.url, UPDATE, { t: `client ${c} #${i}` }, u.token, CLIENT_TIMEOUT_MS) : await gqlAt(api.url, ME, {}, u.token, CLIENT_TIMEOUT_MS);
        samples.push({ ...r, at, kind });
        await sleep(25);
      }
    });
    const prober = (async () => {
      while (running) {
        const at = Date.now() - t0;
        const status = await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) }).then(
          (r) => r.status,
          () => 0,
        );
        health.push({ at, status });
        await sleep(200);
      }
    })();

    await sleep(3000);
    const stopAt = Date.now() - t0;
    await pg.stop();
    const stoppedAt = Date.now() - t0;
    await sleep(OUTAGE_MS);
    await pg.start();
    const restartedAt = Date.now() - t0;
    // Until both reads and writes succeed again, then a little more.
    const recovered = await eventually(
      async () => {
        const after = samples.filter((s) => s.at > restartedAt && !s.errors && s.status === 200);
        return after.some((s) => s.kind === 'read') && after.some((s) => s.kind === 'write') ? Math.min(...after.map((s) => s.at + s.ms)) : null;
      },
      30000,
      'the API to answer again after PostgreSQL returned',
    );
    await sleep(2000);
    running = false;
    await Promise.all([...clients, prober]);

    const outage = samples.filter((s) => s.at + s.ms > stopAt && s.at < restartedAt);
    const failed = samples.filter((s) => s.errors || s.status !== 200 || s.transport);
    const codes: Record<string, number> = {};
    for (const s of failed) {
      const code = s.transport ? `transport: ${s.transport}` : (codeOf(s) ?? `HTTP ${s.status}`);
      codes[code] = (codes[code] ?? 0) + 1;
    }
    const longest = Math.max(...outage.map((s) => s.ms));
    // The figures first: they explain a failure below.
    figure('postgres restart: requests', { total: samples.length, failed: failed.length, codes, duringOutage: outage.length });
    figure('postgres restart: latency during the outage (ms)', latency(outage.map((s) => s.ms)));
    figure('postgres restart: latency overall (ms)', latency(samples.map((s) => s.ms)));
    figure('postgres restart: stop took, down for, first success after restart (ms)', {
      stop: stoppedAt - stopAt,
      down: restartedAt - stoppedAt,
      firstSuccessAfterRestart: recovered - restartedAt,
    });
    figure('postgres restart: /health (ms from start: status)', health.map((h) => `${h.at}:${h.status}`).join(' '));
    // Nothing hung: every request got an answer, well within the client's patience.
    expect(samples.filter((s) => s.transport)).toEqual([]);
    expect(longest).toBeLessThan(10000);
    if (codes.INTERNAL_SERVER_ERROR) {
      const log = join(tmpdir(), `waypoint-faults-api-${process.pid}.log`);
      writeFileSync(log, api.output());
      process.stdout.write(`[faults] INTERNAL_SERVER_ERROR during the outage: the API log is in ${log}\n`);
    }
    // A clear code, never an internal error or a stack trace.
    expect(Object.keys(codes)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(JSON.stringify(failed)).not.toMatch(/stacktrace|\bat .*\.js:\d+/);
    expect(failed.length).toBeGreaterThan(0);
    // /health: 503 while PostgreSQL is away, 200 before and after.
    expect(health.filter((h) => h.at > stoppedAt && h.at + 2500 < restartedAt).every((h) => h.status === 503)).toBe(true);
    expect(health.some((h) => h.status === 503)).toBe(true);
    expect(health[health.length - 1].status).toBe(200);
    expect(api.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();

    // The worker reconnected too: every event, including those written just before the stop, is processed.
    const [{ pending }] = await stack.db.query(`SELECT count(*)::int AS pending FROM outbox_event WHERE published_at IS NULL`);
    const last = await Promise.all(
      users.map(async (u) => {
        const r = await gqlAt(api.url, UPDATE, { t: `after the restart ${u.id}` }, u.token);
        expect(r.errors).toBeUndefined();
        return (await stack.db.query(`SELECT id FROM outbox_event WHERE payload->>'employeeId' = $1 ORDER BY created_at DESC LIMIT 1`, [u.id]))[0].id as string;
      }),
    );
    await eventually(
      async () => {
        const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM employee_search_document WHERE source_event_id = ANY($1::uuid[])`, [last]);
        return n === users.length;
      },
      30000,
      'the worker to process events after the restart',
    );
    await eventually(async () => (await stack.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`))[0].n === 0, 20000, 'the outbox to drain');
    const [{ failures }] = await stack.db.query(`SELECT count(*)::int AS failures FROM job_failure`);

    figure('postgres restart: outbox pending right after recovery, job failures', { pending, failures });
  }, 180000);
});
