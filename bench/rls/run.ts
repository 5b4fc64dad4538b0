/**
 * Row-level security: what binding every connection checkout to the caller's organization costs.
 *
 *   npx tsx bench/rls/run.ts [--iterations 5000] [--concurrency 8] [--employees 2000] [--openings 400]
 *
 * - An embedded PostgreSQL of its own in a temporary directory (BENCH_DATABASE_URL: an admin URL
 *   of a server to use instead; the database `waypoint_bench_rls` is recreated there).
 * - Migrates, lets waypoint_app log in, seeds two organizations (`seedOrganization`) and published
 *   openings with search documents in each.
 * - Times the same statements through a TypeORM DataSource, sequentially and `--concurrency` in
 *   flight: "before" = the owner's connection, no binding, no policies applied (what the code did
 *   before row-level security); "after" = the application role, every checkout bound by
 *   bindTenantContext (one organization: the binding is cached on the connection; two organizations
 *   alternating: a worst case where nearly every checkout rebinds). The cases take turns in 10
 *   rounds, so that load from elsewhere on the machine falls on all of them alike.
 * - Prints p50 / p99 / mean per case, and the plans of the openings search as owner and as the
 *   application role.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// Direct imports (not the library index): no entities, so tsx needs no decorator metadata.
import { dataSourceOptions, runMigrations } from '../../libs/core/src/database/data-source';
import { BIND_SQL, bindTenantContext } from '../../libs/core/src/database/tenant-binding';
import { TenantContext } from '../../libs/core/src/tenancy/tenant-context';
import { seedOrganization } from '../../libs/people/src/seed/seed';
import { allowAppRoleLogin, appRoleUrl, freePort, startEmbeddedPostgres } from '../../libs/devstack/src/services';

const DB = 'waypoint_bench_rls';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Binding statements sent (counted on every pg client), to show when the cache saves the round trip. */
let binds = 0;
const query = Client.prototype.query as (...a: unknown[]) => unknown;
Client.prototype.query = function (this: Client, ...a: unknown[]) {
  if (a[0] === BIND_SQL) binds++;
  return query.apply(this, a);
} as typeof Client.prototype.query;

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const f = (x: number) => `${x.toFixed(0).padStart(6)} µs`;
  return `p50 ${f(q(0.5))}  p99 ${f(q(0.99))}  mean ${f(mean)}`;
}

async function time(iterations: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < iterations) {
        const i = next++;
        const t = process.hrtime.bigint();
        await one(i);
        samples.push(Number(process.hrtime.bigint() - t) / 1000);
      }
    }),
  );
  return samples;
}

async function main(): Promise<void> {
  const iterations = arg('iterations', 5000);
  const concurrency = arg('concurrency', 8);
  const employees = arg('employees', 2000);
  const openings = arg('openings', 400);

  let stop = async () => undefined as unknown;
  let serverAdmin = process.env.BENCH_DATABASE_URL;
  if (!serverAdmin) {
    const pg = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'waypoint-bench-rls-')), port: await freePort(), persistent: false });
    serverAdmin = pg.adminUrl;
    stop = () => pg.stop();
  }
  const admin = new Client({ connectionString: serverAdmin });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  const ownerUrl = Object.assign(new URL(serverAdmin), { pathname: `/${DB}` }).toString();
  await runMigrations(ownerUrl);
  await admin.end();
  await allowAppRoleLogin(serverAdmin, 'waypoint-bench');
  const appUrl = appRoleUrl(ownerUrl, 'waypoint-bench');

  const owner = await new DataSource(dataSourceOptions(ownerUrl, { migrations: [] })).initialize();
  const orgs: string[] = [];
  for (const slug of ['alpha', 'beta']) {
    await seedOrganization(owner, { slug, employees });
    const [{ id }] = await owner.query('SELECT id FROM organization WHERE slug = $1', [slug]);
    orgs.push(id);
    await owner.query(
      `INSERT INTO opening (organization_id, title, department_id, hiring_manager_id, level, status, published_at, search_document)
       SELECT e.organization_id, t.title, e.department_id, e.id, 3, 'PUBLISHED', now() - g * interval '1 minute', to_tsvector('simple', t.title)
         FROM generate_series(1, $2) g
         CROSS JOIN LATERAL (SELECT (ARRAY['Data Engineer', 'Product Designer', 'Site Reliability Engineer', 'Account Manager', 'Data Analyst'])[1 + g % 5] || ' ' || g AS title) t
         CROSS JOIN LATERAL (SELECT id, organization_id, department_id FROM employee WHERE organization_id = $1 AND department_id IS NOT NULL ORDER BY id OFFSET g % 50 LIMIT 1) e`,
      [id, openings],
    );
  }
  await owner.query('ANALYZE');
  const ids: Record<string, string[]> = {};
  for (const org of orgs) ids[org] = (await owner.query('SELECT id FROM employee WHERE organization_id = $1 LIMIT 500', [org])).map((r: { id: string }) => r.id);

  const app = bindTenantContext(await new DataSource(dataSourceOptions(appUrl, { migrations: [] })).initialize());
  const [me] = await app.query('SELECT current_user AS u, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
  process.stdout.write(`application role: ${me.u} (superuser ${me.rolsuper}, bypassrls ${me.rolbypassrls}); ${employees} employees and ${openings} openings in each of 2 organizations\n`);
  process.stdout.write(`${iterations} statements per case, sequential and ${concurrency} in flight (pool of 20)\n\n`);

  const byId = 'SELECT id, full_name, title FROM employee WHERE organization_id = $1 AND id = $2';
  const search = `SELECT o.id, o.title, ts_rank(o.search_document, to_tsquery('simple', $2)) AS rank FROM opening o
                   WHERE o.organization_id = $1 AND o.status = 'PUBLISHED' AND o.search_document @@ to_tsquery('simple', $2)
                   ORDER BY rank DESC, o.published_at DESC, o.id DESC LIMIT 21`;
  const orgOf = (i: number, alternate: boolean) => (alternate ? orgs[i % 2] : orgs[0]);
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ['employee by id   before (owner, no binding)      ', (i) => owner.query(byId, [orgs[0], ids[orgs[0]][i % 500]])],
    ['employee by id   after  (app role, one org)      ', (i) => TenantContext.run(orgs[0], () => app.query(byId, [orgs[0], ids[orgs[0]][i % 500]]))],
    ['employee by id   after  (app role, 2 orgs alt.)  ', (i) => TenantContext.run(orgOf(i, true), () => app.query(byId, [orgOf(i, true), ids[orgOf(i, true)][i % 500]]))],
    ['openings search  before (owner, no binding)      ', () => owner.query(search, [orgs[0], 'data:*'])],
    ['openings search  after  (app role, one org)      ', () => TenantContext.run(orgs[0], () => app.query(search, [orgs[0], 'data:*']))],
    ['openings search  after  (app role, 2 orgs alt.)  ', (i) => TenantContext.run(orgOf(i, true), () => app.query(search, [orgOf(i, true), 'data:*']))],
  ];
  // The cases take turns, round after round, so that load from elsewhere on the machine falls on all of them alike.
  const rounds = 10;
  for (const c of [1, concurrency]) {
    process.stdout.write(`-- ${c === 1 ? 'sequential' : `${c} in flight`}\n`);
    const samples = cases.map(() => [] as number[]);
    for (const [, one] of cases) await time(Math.min(500, iterations), c, one); // warm-up
    const bound = cases.map(() => 0);
    for (let r = 0; r < rounds; r++) {
      for (const [k, [, one]] of cases.entries()) {
        const before = binds;
        samples[k].push(...(await time(Math.ceil(iterations / rounds), c, one)));
        bound[k] += binds - before;
      }
    }
    for (const [k, [name]] of cases.entries()) process.stdout.write(`${name} ${stats(samples[k])}  binding round trips ${String(bound[k]).padStart(5)}\n`);
  }
  const plan = async (ds: DataSource) =>
    (await TenantContext.run(orgs[0], () => ds.query(`EXPLAIN (COSTS OFF) ${search}`, [orgs[0], 'data:*']))).map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n');
  process.stdout.write(`\nopenings search plan as the owner:\n${await plan(owner)}\nas the application role (row-level security):\n${await plan(app)}\n`);
  await app.destroy();
  await owner.destroy();
  await stop();
}

main().catch((e) => {
  process.stderr.write(`bench/rls failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
