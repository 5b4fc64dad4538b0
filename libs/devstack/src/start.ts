import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, runMigrations } from '@waypoint/core';
import { seedOrganization } from '@waypoint/people';
import { allowAppRoleLogin, appRoleUrl, startEmbeddedPostgres, startRedis } from './services';

/** The embedded development database's password for waypoint_app (local only, like the owner's). */
const DEV_APP_ROLE_PASSWORD = 'waypoint-app-dev';

/**
 * `npm start`: the whole platform on one machine. Without DATABASE_URL it runs an embedded
 * PostgreSQL (data in .waypoint/postgres), without REDIS_URL a local redis-server (append-only
 * file in .waypoint/redis); then migrates (as the owner), lets the application role waypoint_app
 * log in (embedded PostgreSQL only), seeds the demo organization, and runs the API
 * (which also serves the web client) and the worker as child processes until Ctrl-C.
 * With WAYPOINT_WATCH=1 (`npm run dev`) it also recompiles on change and restarts them.
 */
async function main() {
  const root = resolve(__dirname, '../../../..');
  const state = join(root, '.waypoint');
  mkdirSync(state, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  let embeddedAppUrl: string | undefined;
  const env: Record<string, string> = {
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DEV_SIGNIN_ENABLED: process.env.DEV_SIGNIN_ENABLED ?? 'true',
  };

  if (!process.env.DATABASE_URL) {
    say('Starting the embedded PostgreSQL (data in .waypoint/postgres) ...');
    const pg = await startEmbeddedPostgres({
      dataDir: join(state, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      persistent: true,
    });
    await pg.createDatabase('waypoint');
    // The owner (postgres) migrates, seeds and runs the system tasks; the apps run as the
    // application role (waypoint_app, created by a migration), which row-level security applies to.
    env.DATABASE_ADMIN_URL = pg.urlFor('waypoint');
    embeddedAppUrl = appRoleUrl(env.DATABASE_ADMIN_URL, DEV_APP_ROLE_PASSWORD);
    stops.push(() => pg.stop());
  }
  if (!process.env.REDIS_URL) {
    say('Starting a local Redis (append-only file in .waypoint/redis) ...');
    const redis = await startRedis({ port: Number(process.env.EMBEDDED_REDIS_PORT ?? 63799), dir: join(state, 'redis') });
    env.REDIS_URL = redis.url;
    stops.push(() => redis.stop());
  }
  // Until the application role exists (a migration creates it), the embedded database's URL is the owner's.
  Object.assign(process.env, env, embeddedAppUrl ? { DATABASE_URL: env.DATABASE_ADMIN_URL } : {});
  let config = loadConfig();

  const applied = await runMigrations(config.databaseAdminUrl);
  say(applied.length ? `Applied ${applied.length} migration(s)` : 'Database schema is up to date');
  if (embeddedAppUrl) {
    await allowAppRoleLogin(config.databaseAdminUrl, DEV_APP_ROLE_PASSWORD);
    process.env.DATABASE_URL = embeddedAppUrl;
    config = loadConfig();
  }
  const db = new DataSource(dataSourceOptions(config.databaseAdminUrl));
  await db.initialize();
  const employees = Number(process.env.DEMO_EMPLOYEES ?? 300);
  const seeded = await seedOrganization(db, { slug: 'demo', name: 'Demo Corp', employees });
  await db.destroy();
  say(seeded.created ? `Seeded the demo organization (${seeded.employees} employees)` : 'Demo organization already present');

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping ...');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGTERM'))))));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  const watch = process.env.WAYPOINT_WATCH === '1';
  if (watch) {
    // `npm run dev`: recompile on change; node --watch restarts the API and the worker.
    const bin = (name: string) => join(root, 'node_modules', '.bin', name);
    children.push(spawn(bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit' }));
    children.push(spawn(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--watch'], { cwd: root, stdio: 'inherit' }));
  }
  for (const app of ['api', 'worker']) {
    const main = join(root, 'dist', 'apps', app, 'src', 'main.js');
    // Own process groups: on Ctrl-C the launcher stops the apps first, then Redis and PostgreSQL.
    const child = spawn(process.execPath, watch ? ['--watch', main] : [main], { stdio: 'inherit', env: process.env, detached: true });
    child.once('exit', (code) => !stopping && (say(`The ${app} exited (${code}); stopping everything`), void stopAll(1)));
    children.push(child);
  }
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const base = `http://localhost:${config.port}`;
  await waitForHealth(`${base}/health`);
  const lines = [
    '',
    'Waypoint is running.',
    `  Web client     ${base}/`,
    `  GraphQL        ${base}/graphql`,
    `  Health         ${base}/health`,
    `  Queues (org admins) ${base}/admin/queues`,
    '',
    'Sign in (development sign-in, organization "demo"): pick a user on the web sign-in page, or',
    `  curl -s ${base}/graphql -H 'content-type: application/json' \\`,
    `    -d '{"query":"mutation { devSignIn(email: \\"employee@demo.waypoint.test\\") { token } }"}'`,
    '  and send the token as "Authorization: Bearer <token>".',
    'Demo accounts:',
    ...seeded.demoUsers.map((u) => `  ${u.persona.padEnd(10)} ${u.email}  (${u.fullName})`),
    '',
    'Ctrl-C stops everything; data stays in .waypoint/ (delete it to start over).',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** The embedded database's URL as the application role. */

function say(message: string): void {
  process.stdout.write(`[waypoint] ${message}\n`);
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not become healthy at ${url}`);
}

main().catch((e) => {
  process.stderr.write(`[waypoint] Failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
