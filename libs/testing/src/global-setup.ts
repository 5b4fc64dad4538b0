import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// Relative imports: Jest's module mapper does not apply to global setup.
import { runMigrations } from '../../core/src/database/data-source';
import { allowAppRoleLogin, freePort, startEmbeddedPostgres, startRedis } from '../../devstack/src/services';

export const TEMPLATE_DB = 'waypoint_test_template';
/** The application role's test password (the role is created NOLOGIN by a migration; the setup lets it log in). */
export const TEST_APP_ROLE_PASSWORD = 'waypoint-app-test';

/**
 * Starts the real services the tests need, unless given: an embedded PostgreSQL
 * (TEST_DATABASE_URL: an admin URL of a server to use instead) and a Redis
 * (TEST_REDIS_URL). Migrates a template database once; each suite clones it. Then lets the
 * application role (waypoint_app, created by the migrations) log in: the API and the worker
 * under test connect as it, so row-level security applies to them as in production.
 */
export default async function globalSetup(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  if (!process.env.TEST_DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), 'waypoint-pg-')),
      port: await freePort(),
      persistent: false,
    });
    g.__pg = pg;
    process.env.TEST_DATABASE_URL = pg.adminUrl;
  }
  if (!process.env.TEST_REDIS_URL) {
    const redis = await startRedis();
    g.__redis = redis;
    process.env.TEST_REDIS_URL = redis.url;
  }
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${TEMPLATE_DB}`;
  await runMigrations(url.toString());
  await allowAppRoleLogin(process.env.TEST_DATABASE_URL, TEST_APP_ROLE_PASSWORD);
}
