/**
 * Scaffolding shared by the benchmarks: arguments, percentiles, the bench database, the build,
 * and the compiled API run as a child process (the way production runs it).
 *
 * The API's process environment is built in ONE place, `apiEnv()`: change it there when the
 * configuration changes (database role, rate limits, ...).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { allowAppRoleLogin, appRoleUrl as roleUrl } from '../libs/devstack/src/services';

export const ROOT = resolve(__dirname, '..');

export const say = (line = '') => process.stdout.write(`${line}\n`);
export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The 1, 5 and 15 minute load averages, printed next to every figure. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/**
 * Flags of the form `--name value`, `--name=value` or a bare `--switch`. `spec` gives each flag's
 * default: a number, a string, or a boolean (a switch). Unknown flags stop the process.
 */
export function parseFlags<T extends Record<string, number | string | boolean>>(bench: string, argv: string[], spec: T): T {
  const out: Record<string, number | string | boolean> = { ...spec };
  const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const key = camel(flag.replace(/^--/, ''));
    if (!flag.startsWith('--') || !(key in spec)) {
      process.stderr.write(`${bench}: unknown argument "${argv[i]}"\n`);
      process.exit(2);
    }
    const kind = typeof spec[key];
    if (kind === 'boolean') out[key] = inline === undefined ? true : inline !== 'false';
    else {
      const raw = inline ?? argv[++i];
      if (raw === undefined) {
        process.stderr.write(`${bench}: ${flag} needs a value\n`);
        process.exit(2);
      }
      if (kind === 'number') {
        const n = Number(raw);
        if (!Number.isFinite(n) || n < 0) {
          process.stderr.write(`${bench}: ${flag} must be a non-negative number\n`);
          process.exit(2);
        }
        out[key] = n;
      } else out[key] = raw;
    }
  }
  return out as T;
}

/** `npm run build:server` (the API, the worker, the seed), unless the caller skips it. */
export function buildServer(): void {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  const script = scripts['build:server'] ? 'build:server' : 'build';
  say(`Building (npm run ${script}) ...`);
  const b = spawnSync('npm', ['run', '-s', script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (b.status !== 0) throw new Error(`npm run ${script} failed`);
}

/** Loads a compiled module from dist/ (tsx emits no decorator metadata: Nest and TypeORM run from dist/ only). */
export function requireDist<T>(path: string): T {
  const file = join(ROOT, 'dist', path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build:server (or drop --skip-build)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}

/** Creates the database of `url` (dropping it first unless `reuse`); returns whether it already existed. */
export async function ensureDatabase(url: string, reuse: boolean): Promise<boolean> {
  const database = new URL(url).pathname.slice(1);
  if (!/^\w+$/.test(database)) throw new Error(`Unexpected database name "${database}" in the bench database URL`);
  const maintenance = new Client({ connectionString: withDatabase(url, 'postgres') });
  await maintenance.connect();
  try {
    const exists = !!(await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount;
    if (exists && !reuse) await maintenance.query(`DROP DATABASE ${database} WITH (FORCE)`);
    if (!exists || !reuse) await maintenance.query(`CREATE DATABASE ${database}`);
    return exists && reuse;
  } finally {
    await maintenance.end();
  }
}

export interface ApiEnvOptions {
  /** What the API connects with (the application's role once row-level security lands). */
  databaseUrl: string;
  /** What migrations would use (an owner/admin role); the API itself does not need it today. */
  adminDatabaseUrl?: string;
  port: number;
  /** production (default): DEV_SIGNIN refused, introspection off; tokens are then minted with JWT_SECRET. */
  nodeEnv?: 'production' | 'development';
  extra?: Record<string, string>;
}

/** The shared secret the benchmarks' API runs with, so a benchmark can mint bearer tokens itself. */
export const BENCH_JWT_SECRET = 'bench-only-secret-not-for-production-0123456789';

/**
 * THE environment of the API process under benchmark: one function, so a change of configuration
 * (database roles, rate limits, cost limits) is made in one place.
 */
export function apiEnv(o: ApiEnvOptions): NodeJS.ProcessEnv {
  const nodeEnv = o.nodeEnv ?? 'production';
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: nodeEnv,
    PORT: String(o.port),
    DATABASE_URL: o.databaseUrl,
    // Migrations connect with the admin URL (after the row-level-security work the API uses the
    // restricted role `waypoint_app` in DATABASE_URL); the benchmark migrates before the API starts.
    DATABASE_ADMIN_URL: o.adminDatabaseUrl ?? o.databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: 'bench',
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    DEV_SIGNIN_ENABLED: nodeEnv === 'production' ? 'false' : 'true',
    // A load test must not measure the rate limiter: both limits off (0). The cost limit stays on
    // (the web client's documents are far below it).
    RATE_LIMIT_USER_MAX: '0',
    RATE_LIMIT_IP_MAX: '0',
    ...o.extra,
  };
}

export interface Api {
  url: string;
  pids: number[];
  stop(): Promise<void>;
}

export interface StartApiOptions extends Omit<ApiEnvOptions, 'port'> {
  /** API processes behind one port (Node cluster, round robin); 1 = `node dist/apps/api/src/main.js`. */
  instances?: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Seconds to wait for /health. */
  timeoutSeconds?: number;
}

/** Starts the compiled API (`dist/apps/api/src/main.js`) as a child process and waits for /health. */
export async function startApi(o: StartApiOptions): Promise<Api> {
  const port = await freePort();
  const instances = o.instances ?? 1;
  const main = join(ROOT, 'dist/apps/api/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build:server`);
  const args =
    instances === 1
      ? [...(o.nodeArgs ?? []), main]
      : [join(__dirname, 'load/cluster.js'), String(instances), main, ...(o.nodeArgs ?? [])];
  const tail: string[] = [];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: apiEnv({ ...o, port }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutSeconds ?? 90) * 1000;
  let healthy = 0;
  for (;;) {
    if (exited !== null) throw new Error(`The API exited with code ${exited}:\n${tail.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The API did not become healthy in time:\n${tail.join('\n')}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      // With several processes, wait until a few answers in a row came back healthy.
      if (res.ok && ++healthy >= instances * 2) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  return {
    url,
    pids: [child.pid!],
    stop: async () => {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, sleep(15_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

export interface GraphQLBody {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T = any>(api: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphQLBody;
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
  return body.data as T;
}

/** Gives waypoint_app a login on the bench's server and returns the bench database's URL as that role. */
export async function appRoleUrl(ownerUrl: string): Promise<string> {
  const password = 'waypoint-app-bench';
  await allowAppRoleLogin(ownerUrl, password);
  return roleUrl(ownerUrl, password);
}
