import { randomBytes } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@waypoint/core';
import { createApi } from '../../../apps/api/src/bootstrap';
import { createWorker } from '../../../apps/worker/src/bootstrap';
import { allowAppRoleLogin, appRoleUrl } from '../../devstack/src/services';
import { TEST_APP_ROLE_PASSWORD } from './global-setup';

export const TEST_JWT_SECRET = 'waypoint-test-secret-0123456789abcdef';
const TEMPLATE_DB = 'waypoint_test_template';

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: unknown[] }[];
}

export interface TestPlatform {
  url: string;
  /**
   * A direct connection for assertions and fixtures (never used by the code under test). It is
   * the admin (superuser) connection: row-level security does not apply to it.
   */
  db: DataSource;
  /** The admin URL of this platform's database (DATABASE_ADMIN_URL of the apps). */
  databaseUrl: string;
  /** The same database as the application role waypoint_app (DATABASE_URL of the apps: row-level security applies). */
  appDatabaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  api: INestApplication;
  worker?: INestApplicationContext;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** Raw HTTP to the API. */
  http(path: string, init?: RequestInit): Promise<Response>;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

function adminUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const name = `waypoint_t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await client.end();
  }
  return adminUrl(name);
}

/** Lets the application role log in on a PostgreSQL server of a test's own (global setup does it for the shared one). */
export function enableAppRoleLogin(adminDatabaseUrl: string): Promise<void> {
  return allowAppRoleLogin(adminDatabaseUrl, TEST_APP_ROLE_PASSWORD);
}

/** The URL of a test database as the application role (waypoint_app), from its admin URL. */
export function appUrlOf(adminDatabaseUrl: string): string {
  return appRoleUrl(adminDatabaseUrl, TEST_APP_ROLE_PASSWORD);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface PlatformOptions {
  /** Start the worker too (default true). */
  worker?: boolean;
  redisUrl?: string;
  env?: Record<string, string>;
}

/**
 * Boots the real API (listening on a free port) and, by default, the real worker, against a
 * database of their own and a queue prefix of their own, on the real PostgreSQL and Redis.
 */
export async function startTestPlatform(options: PlatformOptions = {}): Promise<TestPlatform> {
  const databaseUrl = await createTestDatabase();
  const appDatabaseUrl = appUrlOf(databaseUrl);
  const redisUrl = options.redisUrl ?? process.env.TEST_REDIS_URL!;
  const queuePrefix = `t${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: appDatabaseUrl,
    DATABASE_ADMIN_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    DEV_SIGNIN_ENABLED: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_SWEEP_INTERVAL_MS: '200',
    OUTBOX_MAX_BACKOFF_MS: '500',
    OUTBOX_PUBLISH_TIMEOUT_MS: '1000',
    ...options.env,
  });
  const api = await createApi();
  try {
    await api.listen(0, '127.0.0.1');
  } catch (e) {
    await api.close().catch(() => undefined);
    await dropTestDatabase(databaseUrl);
    throw e;
  }
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const db = new DataSource(dataSourceOptions(databaseUrl, { migrations: [], extra: { max: 4 } }));
  await db.initialize();

  const platform: TestPlatform = {
    url,
    db,
    databaseUrl,
    appDatabaseUrl,
    redisUrl,
    queuePrefix,
    api,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult;
      return { ...body, status: res.status };
    },
    http: (path, init) => fetch(`${url}${path}`, init),
    async startWorker() {
      platform.worker = await createWorker();
      return platform.worker;
    },
    async stopWorker() {
      await platform.worker?.close();
      platform.worker = undefined;
    },
    async close() {
      await platform.stopWorker();
      await api.close();
      await db.destroy();
      await dropTestDatabase(databaseUrl);
    },
  };
  if (options.worker !== false) await platform.startWorker();
  return platform;
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
