/**
 * Directory benchmark: the GraphQL directory filtered by a skill, against the same data fetched
 * with hand-written SQL. Prints figures; it does not pass or fail.
 *
 *   npx tsx bench/directory/run.ts [--employees 50000] [--requests 300] [--warmup 30]
 *                                  [--seconds 60] [--skip-build] [--reuse]
 *
 * - Builds the server (`npm run build:server`, unless --skip-build) and uses the compiled code:
 *   tsx emits no decorator metadata, so NestJS and the TypeORM entities only run from dist/.
 * - Recreates the database `waypoint_bench` on the local server (BENCH_DATABASE_URL to use
 *   another; --reuse keeps an already seeded one), migrates it, seeds the organization "bench".
 * - Runs the API (`node dist/apps/api/src/main.js`) against it, signs in as the demo employee,
 *   and measures `employees(first: 50, filter: { skill: { skillId, minProficiency: 3 } })` for a
 *   common, a middling and a rare skill, one request at a time, after a warm-up.
 * - Counts the SQL statements per request with a wire-protocol proxy (bench/load/capture.ts)
 *   in a second, short run of the API.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type Api, ensureDatabase, percentile, startApi as startCompiledApi } from '../lib';
import { StatementCapture } from '../load/capture';

type SeedModule = typeof import('../../libs/people/src/seed/seed');
type DataSourceModule = typeof import('../../libs/core/src/database/data-source');

const ROOT = resolve(__dirname, '../..');
const SLUG = 'bench';
const SEED = 42;
const PAGE = 50;
const MIN_PROFICIENCY = 3;

// ---------------------------------------------------------------------------------------------
// Arguments

interface Options {
  employees: number;
  requests: number;
  warmup: number;
  seconds: number;
  build: boolean;
  reuse: boolean;
  countRequests: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { employees: 50_000, requests: 300, warmup: 30, seconds: 60, build: true, reuse: false, countRequests: 20 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--employees') o.employees = value();
    else if (flag === '--requests') o.requests = value();
    else if (flag === '--warmup') o.warmup = value();
    else if (flag === '--seconds') o.seconds = value();
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--reuse') o.reuse = true;
    else {
      process.stderr.write(`bench/directory: unknown argument "${argv[i]}"\n`);
      process.exit(2);
    }
  }
  for (const k of ['employees', 'requests', 'warmup', 'seconds'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) {
      process.stderr.write(`bench/directory: --${k} must be a non-negative integer\n`);
      process.exit(2);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (ns: bigint) => Number(ns) / 1e6;

/** Runs `fn` up to `count` times or until `seconds` have passed; returns sorted latencies (ms). */
async function measure(count: number, seconds: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  const deadline = process.hrtime.bigint() + BigInt(seconds) * 1_000_000_000n;
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    const t1 = process.hrtime.bigint();
    out.push(ms(t1 - t0));
    if (t1 > deadline) break;
  }
  return out.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// The API under test

/** The compiled API in a child process; its environment is built by `apiEnv()` in bench/lib.ts. */
function startApi(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Api> {
  return startCompiledApi({ databaseUrl, nodeEnv: 'development', extra: extraEnv });
}

async function graphql<T = any>(api: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

const DIRECTORY = `
  query Directory($skillId: ID!, $min: Int!, $first: Int!) {
    employees(first: $first, filter: { skill: { skillId: $skillId, minProficiency: $min } }) {
      totalCount
      edges { cursor node { id fullName title department { name } skills { proficiency skill { name } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface DirectoryPage {
  totalCount: number;
  edges: { cursor: string; node: { id: string; fullName: string; title: string; department: { name: string } | null; skills: { proficiency: number; skill: { name: string } }[] } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

// ---------------------------------------------------------------------------------------------
// The baseline: the same page with hand-written SQL (count, page, departments, skills)

const BASELINE_SQL = {
  count: `SELECT count(*)::int AS n FROM employee e
           WHERE e.organization_id = $1 AND e.active
             AND EXISTS (SELECT 1 FROM employee_skill es WHERE es.employee_id = e.id AND es.skill_id = $2 AND es.proficiency >= $3)`,
  page: `SELECT e.id, e.full_name, e.title, e.department_id FROM employee e
          WHERE e.organization_id = $1 AND e.active
            AND EXISTS (SELECT 1 FROM employee_skill es WHERE es.employee_id = e.id AND es.skill_id = $2 AND es.proficiency >= $3)
          ORDER BY e.full_name, e.id LIMIT $4`,
  departments: `SELECT id, name FROM department WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
  skills: `SELECT es.employee_id, es.proficiency, s.name FROM employee_skill es JOIN skill s ON s.id = es.skill_id
            WHERE es.organization_id = $1 AND es.employee_id = ANY($2::uuid[])
            ORDER BY es.employee_id, es.proficiency DESC, es.skill_id`,
};

async function baseline(pg: Client, orgId: string, skillId: string): Promise<DirectoryPage> {
  const [{ n }] = (await pg.query(BASELINE_SQL.count, [orgId, skillId, MIN_PROFICIENCY])).rows;
  const rows: { id: string; full_name: string; title: string; department_id: string | null }[] = (
    await pg.query(BASELINE_SQL.page, [orgId, skillId, MIN_PROFICIENCY, PAGE + 1])
  ).rows;
  const page = rows.slice(0, PAGE);
  const ids = page.map((r) => r.id);
  const departmentIds = [...new Set(page.map((r) => r.department_id).filter((d): d is string => !!d))];
  const departments = new Map<string, string>(
    (await pg.query(BASELINE_SQL.departments, [orgId, departmentIds])).rows.map((d: { id: string; name: string }) => [d.id, d.name]),
  );
  const skills = new Map<string, { proficiency: number; skill: { name: string } }[]>();
  for (const s of (await pg.query(BASELINE_SQL.skills, [orgId, ids])).rows as { employee_id: string; proficiency: number; name: string }[]) {
    const list = skills.get(s.employee_id) ?? [];
    list.push({ proficiency: s.proficiency, skill: { name: s.name } });
    skills.set(s.employee_id, list);
  }
  const cursor = (r: (typeof rows)[number]) => Buffer.from(JSON.stringify([r.full_name, r.id])).toString('base64url');
  const result: DirectoryPage = {
    totalCount: n,
    edges: page.map((r) => ({
      cursor: cursor(r),
      node: {
        id: r.id,
        fullName: r.full_name,
        title: r.title,
        department: r.department_id ? { name: departments.get(r.department_id)! } : null,
        skills: skills.get(r.id) ?? [],
      },
    })),
    pageInfo: { hasNextPage: rows.length > PAGE, endCursor: page.length ? cursor(page[page.length - 1]) : null },
  };
  JSON.stringify(result); // the API serializes its answer too
  return result;
}

// ---------------------------------------------------------------------------------------------

interface Scenario {
  label: string;
  skillId: string;
  skillName: string;
  holders: number;
}

interface Row {
  scenario: Scenario;
  totalCount: number;
  api: number[];
  sql: number[];
  sameAnswer: boolean;
  apiStatements?: number;
  sqlStatements?: number;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0];
  if (o.build) {
    // Only the server side is needed (the API and the seed), not the web client.
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
    const script = scripts['build:server'] ? 'build:server' : 'build';
    say(`Building (npm run ${script}) ...`);
    const b = spawnSync('npm', ['run', '-s', script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error(`npm run ${script} failed`);
  }
  for (const f of ['dist/apps/api/src/main.js', 'dist/libs/people/src/seed/seed.js', 'dist/libs/core/src/database/data-source.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  // The compiled modules (see the header comment).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { seedOrganization } = require(join(ROOT, 'dist/libs/people/src/seed/seed.js')) as SeedModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runMigrations, dataSourceOptions } = require(join(ROOT, 'dist/libs/core/src/database/data-source.js')) as DataSourceModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DataSource } = require('typeorm') as typeof import('typeorm');

  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waypoint_bench';
  await ensureDatabase(benchUrl, o.reuse);
  await runMigrations(benchUrl);

  // Seed.
  const ds = new DataSource(dataSourceOptions(benchUrl, { migrations: [] }));
  await ds.initialize();
  const t0 = process.hrtime.bigint();
  const seeded = await seedOrganization(ds, { slug: SLUG, employees: o.employees, seed: SEED });
  const seedSeconds = ms(process.hrtime.bigint() - t0) / 1000;
  await ds.destroy();

  const pg = new Client({ connectionString: benchUrl });
  await pg.connect();
  const orgId = seeded.organizationId;
  const [{ skills: employeeSkills }] = (await pg.query('SELECT count(*)::int AS skills FROM employee_skill WHERE organization_id = $1', [orgId])).rows;
  say(
    seeded.created
      ? `Seeded "${SLUG}": ${seeded.employees.toLocaleString('en')} employees, ${employeeSkills.toLocaleString('en')} employee skills, in ${seedSeconds.toFixed(1)} s (one transaction, seed ${SEED})`
      : `Reused "${SLUG}": ${seeded.employees.toLocaleString('en')} employees, ${employeeSkills.toLocaleString('en')} employee skills (already seeded; --reuse)`,
  );
  // A steady state: set visibility-map bits and statistics, as autovacuum would soon after a bulk load.
  await pg.query('VACUUM (ANALYZE) employee, employee_skill, department, skill');

  // Skills by popularity among employees at proficiency >= 3: the most common, the median, the rarest.
  const popularity: { id: string; name: string; n: number }[] = (
    await pg.query(
      `SELECT s.id, s.name, count(*)::int AS n FROM employee_skill es JOIN skill s ON s.id = es.skill_id
        WHERE es.organization_id = $1 AND es.proficiency >= $2 GROUP BY s.id, s.name ORDER BY n DESC, s.name`,
      [orgId, MIN_PROFICIENCY],
    )
  ).rows;
  const pick = (label: string, r: (typeof popularity)[number]): Scenario => ({ label, skillId: r.id, skillName: r.name, holders: r.n });
  const scenarios = [
    pick('common', popularity[0]),
    pick('median', popularity[Math.floor(popularity.length / 2)]),
    pick('rare', popularity[popularity.length - 1]),
  ];

  // Phase 1: latency, API straight to PostgreSQL.
  const rows: Row[] = [];
  let api = await startApi(benchUrl);
  let token: string;
  try {
    const signIn = await graphql<{ devSignIn: { token: string } }>(
      api.url,
      `mutation { devSignIn(email: "employee@${SLUG}.waypoint.test", organization: "${SLUG}") { token } }`,
      {},
    );
    token = signIn.devSignIn.token;
    for (const scenario of scenarios) {
      const variables = { skillId: scenario.skillId, min: MIN_PROFICIENCY, first: PAGE };
      const viaApi = () => graphql<{ employees: DirectoryPage }>(api.url, DIRECTORY, variables, token);
      const viaSql = () => baseline(pg, orgId, scenario.skillId);
      const [apiPage, sqlPage] = [(await viaApi()).employees, await viaSql()];
      for (let i = 0; i < o.warmup; i++) {
        await viaApi();
        await viaSql();
      }
      say(`Measuring ${scenario.label} skill "${scenario.skillName}" (${o.requests} requests each, at most ${o.seconds} s) ...`);
      const apiTimes = await measure(o.requests, o.seconds, viaApi);
      const sqlTimes = await measure(o.requests, o.seconds, viaSql);
      rows.push({
        scenario,
        totalCount: apiPage.totalCount,
        api: apiTimes,
        sql: sqlTimes,
        sameAnswer: JSON.stringify(apiPage) === JSON.stringify(sqlPage),
      });
    }
  } finally {
    await api.stop();
  }

  // Phase 2: statements per request, API behind the counting proxy (the outbox sweep is slowed
  // down so that only the requests' own statements are seen).
  const target = new URL(benchUrl);
  const counter = new StatementCapture({ host: target.hostname, port: Number(target.port || 5432) });
  const proxyPort = await counter.listen();
  const proxied = new URL(benchUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxyPort);
  let sample: string[] = [];
  api = await startApi(proxied.toString(), { OUTBOX_SWEEP_INTERVAL_MS: '600000' });
  const pgCounted = new Client({ connectionString: proxied.toString() });
  await pgCounted.connect();
  try {
    for (const row of rows) {
      const variables = { skillId: row.scenario.skillId, min: MIN_PROFICIENCY, first: PAGE };
      await graphql(api.url, DIRECTORY, variables, token); // warm the connection pool
      const perRequest: number[] = [];
      for (let i = 0; i < o.countRequests; i++) {
        counter.take();
        await graphql(api.url, DIRECTORY, variables, token);
        const statements = counter.take();
        perRequest.push(statements.length);
        if (!sample.length) sample = statements.map((st) => st.sql.replace(/\s+/g, ' ').trim());
      }
      row.apiStatements = Math.max(...perRequest);
      counter.take();
      await baseline(pgCounted, orgId, row.scenario.skillId);
      row.sqlStatements = counter.take().length;
    }
  } finally {
    await pgCounted.end();
    await api.stop();
    await counter.close();
    await pg.end();
  }

  // Report.
  const version = (await (async () => {
    const c = new Client({ connectionString: benchUrl });
    await c.connect();
    try {
      return (await c.query('SHOW server_version')).rows[0].server_version as string;
    } finally {
      await c.end();
    }
  })()) as string;
  say('');
  say(`Directory: employees(first: ${PAGE}, filter: { skill: { skillId, minProficiency: ${MIN_PROFICIENCY} } }) with department and skills`);
  say(`${seeded.employees.toLocaleString('en')} employees; ${cpus().length} CPUs; PostgreSQL ${version}; Node ${process.version}; one request at a time, after ${o.warmup} warm-up requests`);
  say(`Load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadavg()[0].toFixed(2)} (the client, the API and PostgreSQL share this machine)`);
  say('');
  const header = ['skill', 'holders', 'totalCount', 'API p50', 'API p99', 'SQL p50', 'SQL p99', 'p50 ratio', 'p99 ratio', 'stmts API', 'stmts SQL', 'n', 'same'];
  const table = rows.map((r) => {
    const [a50, a99, s50, s99] = [percentile(r.api, 50), percentile(r.api, 99), percentile(r.sql, 50), percentile(r.sql, 99)];
    return [
      `${r.scenario.label}: ${r.scenario.skillName}`,
      r.scenario.holders.toLocaleString('en'),
      r.totalCount.toLocaleString('en'),
      `${a50.toFixed(1)} ms`,
      `${a99.toFixed(1)} ms`,
      `${s50.toFixed(1)} ms`,
      `${s99.toFixed(1)} ms`,
      `${(a50 / s50).toFixed(1)}x`,
      `${(a99 / s99).toFixed(1)}x`,
      String(r.apiStatements ?? '?'),
      String(r.sqlStatements ?? '?'),
      `${r.api.length}/${r.sql.length}`,
      r.sameAnswer ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  say(line(header));
  say(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) say(line(t));
  say('');
  say('holders: employees with the skill at proficiency >= 3 (totalCount also requires active); n: requests measured API/SQL;');
  say('same: the API page equals the hand-written SQL page (ids, names, departments, skills, cursors, totalCount).');
  say('The SQL baseline runs count + page + departments + skills with node-postgres on one connection.');
  say(`Statements of one API request (counted on the wire, ${o.countRequests} requests per skill):`);
  for (const s of sample) say(`  - ${s.length > 150 ? `${s.slice(0, 147)}...` : s}`);
}

main().catch((e) => {
  process.stderr.write(`bench/directory failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
