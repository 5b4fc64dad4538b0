import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../devstack/src/services';
import { TEST_JWT_SECRET } from './platform';

/**
 * The production entry points (dist/apps/{api,worker}/src/main.js) run as real child processes,
 * for tests that kill, restart or multiply them. Everything listens on 127.0.0.1; every process
 * started here is killed by `stopAllServers()` (call it in `afterAll`) and, should the test
 * runner exit first, by an exit hook.
 */

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' } as const;

export interface ServerEnvOptions {
  /** The database the processes use (DATABASE_URL). */
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
    DATABASE_URL: o.databaseUrl,
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

/** Newest modification time of the server sources (apps/api, apps/worker, libs/*\/src). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (name.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(join(ROOT, 'apps', 'api', 'src'));
  walk(join(ROOT, 'apps', 'worker', 'src'));
  for (const lib of readdirSync(join(ROOT, 'libs'))) walk(join(ROOT, 'libs', lib, 'src'));
  return newest;
}

/**
 * Makes sure dist/ holds a build of the current sources: when an entry point is missing or older
 * than a source file, runs `npm run build:server` (incremental tsc, ~10 s from scratch). Once per
 * test run; CI has built already, so there it only compares timestamps.
 */
export function ensureServerBuilt(): void {
  if (built) return;
  const entries = Object.values(ENTRY).map((e) => join(ROOT, e));
  const oldestEntry = Math.min(...entries.map((e) => (existsSync(e) ? statSync(e).mtimeMs : 0)));
  if (oldestEntry < newestSource()) {
    execFileSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180000 });
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

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const p of running) p.child.kill('SIGKILL');
  });
}

/**
 * Starts the API or the worker from dist/ with `env` (build it with `serverEnv`) and waits until
 * it is ready: the API answers /health (any status) on 127.0.0.1, the worker printed that it runs.
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
      if (lines.length > 200) lines.shift();
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

  const deadline = Date.now() + (opts.timeoutMs ?? 30000);
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
      throw new Error(`${proc.name} not ready after ${opts.timeoutMs ?? 30000} ms:\n${proc.output()}`);
    }
    await sleep(100);
  }
  return proc;
}

/** Stops every process `startServer` started that is still running (SIGTERM, then SIGKILL). */
export async function stopAllServers(graceMs = 5000): Promise<void> {
  await Promise.all([...running].map((p) => p.stop(graceMs)));
}
