/**
 * Load benchmark ("prove it holds"): autocannon against the compiled API on a seeded
 * 50,000-employee organization, for three workloads at 50 and 200 concurrent connections, each
 * against a raw-SQL floor measured in the same run. Prints figures; it does not pass or fail.
 *
 *   npx tsx bench/load/run.ts                                   # build, seed (~1.5 min), measure (~5 min)
 *   npx tsx bench/load/run.ts --skip-build --reuse              # the seeded database kept
 *   npx tsx bench/load/run.ts --skip-build --reuse --seconds 8 --warmup 3     # a quick run (~2.5 min)
 *
 * Workloads (documents taken from the web client's generated documents, so they follow it):
 * - feed: what the home page ("Your next step") asks on load, one HTTP request per operation,
 *   as the client sends them: Viewer, Home, PeopleInRole for each of the first two target roles,
 *   UnreadNotificationCount, and OpportunityFeed (openings with the match, projects, committee
 *   seat openings, mentor suggestions, people to meet; 5 each).
 * - openings: SearchOpenings (50 openings with department, match, own application), cycling
 *   through text searches and filters.
 * - directory: Directory (20 employees with department and skills), cycling through no filter,
 *   name/title searches, a skill filter and a department filter.
 * Each request is sent as one of `--users` distinct employees (tokens minted with the API's
 * JWT_SECRET), round robin, so per-user caching cannot flatter the figures.
 *
 * Phases: seed -> capture (the API behind a wire proxy, requests one at a time: statements per
 * request, and the statements with their parameters for the floor) -> for each API setup
 * (`--instances`, e.g. 1,2) and workload: warm-up, then autocannon at each `--connections`, then
 * the floor at the same concurrency. The API runs as production does (NODE_ENV=production,
 * LOG_LEVEL=warn), in its own process; so does the load generator (bench/load/load.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import {
  appRoleUrl,
  BENCH_JWT_SECRET,
  buildServer,
  ensureDatabase,
  loadAverage,
  now,
  parseFlags,
  percentile,
  requireDist,
  ROOT,
  say,
  startApi,
  type GraphQLBody,
} from '../lib';
import { BIND_SQL } from '../../libs/core/src/database/tenant-binding';
import { StatementCapture, type Statement } from './capture';
import type { ApiJob, LoadResult, SqlJob } from './load';
import { seedFeed } from './seed';

const SLUG = 'bench-load';
const SEED = 42;
const API_POOL_SIZE = 20; // libs/core/src/database/data-source.ts: extra.max

const flags = parseFlags('bench/load', process.argv.slice(2), {
  employees: 50_000,
  users: 1000,
  connections: '50,200',
  seconds: 20,
  warmup: 5,
  workloads: 'feed,openings,directory',
  instances: '1',
  capture: 60,
  skipBuild: false,
  reuse: false,
  cpuProf: false,
  noFloor: false,
  slowest: 0,
});

// ---------------------------------------------------------------------------------------------
// Documents

// eslint-disable-next-line @typescript-eslint/no-require-imports
const web = require('../../apps/web/src/generated/graphql') as Record<string, DocumentNode>;
const doc = (name: string): string => {
  const d = web[`${name}Document`];
  if (!d) throw new Error(`apps/web/src/generated/graphql.ts has no ${name}Document`);
  return print(d);
};

/**
 * The opportunities feed of the home page: each kind of opportunity the product promises there
 * (openings with their match, projects, committee seats, mentors, people to meet). The web
 * client's home page shows people in the target roles today and says the others "join this feed
 * as their APIs land": the APIs have landed, this is the query that joins them (fields as the
 * client's own cards for each kind select them).
 */
const OPPORTUNITY_FEED = `query OpportunityFeed {
  openings(first: 5) { totalCount edges { node { id title level location remotePolicy status closesAt department { id name } match { score stretch summary } myApplication { id status } } } }
  projects(first: 5) { totalCount edges { node { id title goal status hoursPerWeek durationWeeks startDate seats seatsLeft owner { id fullName } neededSkills { skillId minProficiency skill { id name } } myParticipation { id status } } } }
  committeeSeatOpenings(first: 5, openOnly: true) { edges { node { id committeeId seats seatsFilled deadline isOpen termStartsAt committee { id name mission passionTags } } } }
  mentorSuggestions { mentorId score reasons freeSeats availability mentor { id fullName title } topics { id name } }
  peopleToMeet(first: 5) { edges { node { employeeId score reasons explanation freeThisMonth employee { id fullName title } } } }
}`;

interface Op {
  workload: string;
  op: string;
  token: string;
  body: string;
}

interface User {
  id: string;
  roles: string[];
  targetRoles: string[];
  departmentId: string | null;
  lastName: string;
  title: string;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = now();
  const loadAtStart = loadAverage();
  const connections = flags.connections.split(',').map(Number);
  const instances = flags.instances.split(',').map(Number);
  const workloads = flags.workloads.split(',');
  for (const w of workloads) if (!['feed', 'openings', 'directory'].includes(w)) throw new Error(`Unknown workload ${w}`);
  if (connections.some((c) => !Number.isInteger(c) || c < 1) || instances.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error('--connections and --instances are comma-separated positive integers');
  }
  // A hard bound on the whole run, so it always stops by itself.
  const budget = (600 + instances.length * workloads.length * (flags.warmup + 15 + connections.length * (flags.seconds + 10) * 2)) * 1000;
  setTimeout(() => {
    process.stderr.write(`bench/load: gave up after ${Math.round(budget / 1000)} s\n`);
    process.exit(1);
  }, budget).unref();

  if (!flags.skipBuild) buildServer();
  const { seedOrganization } = requireDist<typeof import('../../libs/people/src/seed/seed')>('libs/people/src/seed/seed.js');
  const { runMigrations, dataSourceOptions } = requireDist<typeof import('../../libs/core/src/database/data-source')>('libs/core/src/database/data-source.js');
  const { REFRESH_OPENING_SEARCH_SQL } = requireDist<typeof import('../../libs/openings/src')>('libs/openings/src/index.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DataSource } = require('typeorm') as typeof import('typeorm');

  // Database, seed.
  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waypoint_bench_load';
  // Migrations, the seed and the raw-SQL floor use BENCH_DATABASE_URL (the owner: the floor pays no
  // row-level security). The API connects as production does, as the application role waypoint_app
  // (BENCH_APP_DATABASE_URL; by default this bench gives the role a login on the local server).
  await ensureDatabase(benchUrl, flags.reuse);
  await runMigrations(benchUrl);
  const appUrl = process.env.BENCH_APP_DATABASE_URL ?? (await appRoleUrl(benchUrl));
  const ds = new DataSource(dataSourceOptions(benchUrl, { migrations: [] }));
  await ds.initialize();
  let t = now();
  const seeded = await seedOrganization(ds, { slug: SLUG, employees: flags.employees, seed: SEED });
  await ds.destroy();
  say(`${seeded.created ? 'Seeded' : 'Reused'} "${SLUG}": ${seeded.employees.toLocaleString('en')} employees${seeded.created ? ` in ${((now() - t) / 1000).toFixed(1)} s` : ''}`);
  const orgId = seeded.organizationId;
  const pg = new Client({ connectionString: benchUrl });
  await pg.connect();
  t = now();
  const feed = await seedFeed(pg, orgId, REFRESH_OPENING_SEARCH_SQL);
  say(
    `${feed.created ? 'Seeded' : 'Reused'} the feed's data${feed.created ? ` in ${((now() - t) / 1000).toFixed(1)} s` : ''}: ${feed.openings} openings (${feed.publishedOpenings} published), ` +
      `${feed.projects} projects (${feed.openProjects} open), ${feed.committees} committees with ${feed.openSeatOpenings} open seat openings, ` +
      `${feed.mentorsOptedIn.toLocaleString('en')} mentors opted in (${feed.mentorProfiles.toLocaleString('en')} with a profile), ${feed.notifications.toLocaleString('en')} notifications`,
  );

  // Users and their tokens.
  const users: User[] = (
    await pg.query(
      `SELECT id, roles, target_roles, department_id, last_name, title FROM employee
        WHERE organization_id = $1 AND active ORDER BY md5(id::text) LIMIT $2`,
      [orgId, flags.users],
    )
  ).rows.map((r) => ({ id: r.id, roles: r.roles, targetRoles: r.target_roles ?? [], departmentId: r.department_id, lastName: r.last_name, title: r.title }));
  const secret = new TextEncoder().encode(BENCH_JWT_SECRET);
  const tokens = await Promise.all(
    users.map((u) =>
      new SignJWT({ org: orgId, roles: u.roles })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(u.id)
        .setIssuer('waypoint')
        .setAudience('waypoint')
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(secret),
    ),
  );
  const withTargets = users.filter((u) => u.targetRoles.length).length;
  say(`${users.length} distinct employees sign the requests (${withTargets} with target roles); tokens minted with the API's JWT_SECRET`);

  // Requests per workload.
  const skills: { id: string; name: string }[] = (
    await pg.query(
      `SELECT s.id, s.name FROM skill s JOIN employee_skill es ON es.skill_id = s.id WHERE s.organization_id = $1
        GROUP BY s.id, s.name ORDER BY count(*) DESC, s.name`,
      [orgId],
    )
  ).rows;
  const skillAt = (q: number) => skills[Math.min(skills.length - 1, Math.floor(q * skills.length))];
  const locations: string[] = (await pg.query(`SELECT DISTINCT location FROM opening WHERE organization_id = $1 AND location IS NOT NULL ORDER BY 1`, [orgId])).rows.map(
    (r) => r.location,
  );
  const body = (name: string, query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ operationName: name, query, variables });
  const Q = {
    viewer: doc('Viewer'),
    home: doc('Home'),
    peopleInRole: doc('PeopleInRole'),
    unread: doc('UnreadNotificationCount'),
    searchOpenings: doc('SearchOpenings'),
    directory: doc('Directory'),
  };
  const requests: Record<string, Op[]> = { feed: [], openings: [], directory: [] };
  users.forEach((u, i) => {
    const token = tokens[i];
    const add = (workload: string, op: string, b: string) => requests[workload].push({ workload, op, token, body: b });
    // The home page, in the order the client sends it.
    add('feed', 'Viewer', body('Viewer', Q.viewer));
    add('feed', 'Home', body('Home', Q.home));
    for (const role of u.targetRoles.slice(0, 2)) add('feed', 'PeopleInRole', body('PeopleInRole', Q.peopleInRole, { search: role, first: 30 }));
    add('feed', 'UnreadNotificationCount', body('UnreadNotificationCount', Q.unread));
    add('feed', 'OpportunityFeed', body('OpportunityFeed', OPPORTUNITY_FEED));
    // Openings search.
    const openingFilters: [string, Record<string, unknown>][] = [
      ['no filter', {}],
      ['search engineer', { search: 'engineer' }],
      ['search data analyst', { search: 'data analyst' }],
      ['search senior', { search: 'senior' }],
      ['remote', { remote: true }],
      ['levels 3-5', { minLevel: 3, maxLevel: 5 }],
      ['skill', { skillId: skillAt((i % 7) / 7).id }],
      ['location', { location: locations[i % locations.length] }],
      ['own department', { departmentId: u.departmentId }],
      ['search manager + levels', { search: 'manager', minLevel: 2, maxLevel: 6 }],
    ];
    const [label, filter] = openingFilters[i % openingFilters.length];
    add('openings', `SearchOpenings (${label})`, body('SearchOpenings', Q.searchOpenings, { filter }));
    // Directory.
    const directoryFilters: [string, Record<string, unknown> | undefined][] = [
      ['no filter', undefined],
      ['search last name', { search: u.lastName }],
      ['search title', { search: u.title }],
      ['skill >= 3', { skill: { skillId: skillAt((i % 9) / 9).id, minProficiency: 3 } }],
      ['department', { departmentId: u.departmentId }],
    ];
    const [dLabel, dFilter] = directoryFilters[i % directoryFilters.length];
    add('directory', `Directory (${dLabel})`, body('Directory', Q.directory, { first: 20, ...(dFilter ? { filter: dFilter } : {}) }));
  });
  await pg.end();

  // Phase 1: statements per request, through the capturing proxy, one request at a time.
  const target = new URL(appUrl);
  const capture = new StatementCapture({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(appUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(await capture.listen());
  const captured: Record<string, { op: string; statements: Statement[]; ms: number }[]> = {};
  say(`Capturing the statements of ${flags.capture} requests per workload (API behind the counting proxy, one request at a time) ...`);
  let api = await startApi({ databaseUrl: proxied.toString(), adminDatabaseUrl: benchUrl, extra: { OUTBOX_SWEEP_INTERVAL_MS: '600000' } });
  try {
    const send = async (r: Op) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
        body: r.body,
      });
      const b = (await res.json()) as GraphQLBody;
      if (!res.ok || b.errors?.length) throw new Error(`${r.op} failed (${res.status}): ${JSON.stringify(b.errors ?? b).slice(0, 500)}`);
    };
    for (const w of workloads) for (const r of requests[w].slice(0, 5)) await send(r); // warm the pool and the code
    for (const w of workloads) {
      captured[w] = [];
      for (const r of requests[w].slice(0, flags.capture)) {
        capture.take();
        const t0 = now();
        await send(r);
        const ms = now() - t0;
        // The connection's tenant binding (set_config, sent only when a pooled connection changes
        // organization) belongs to the connection, not to the request: not counted, not replayed.
        captured[w].push({ op: r.op, statements: capture.take().filter((st) => st.sql !== BIND_SQL), ms });
      }
    }
  } finally {
    await api.stop();
    await capture.close();
  }
  if (flags.slowest) {
    // Where the database time goes: every captured statement replayed once, one at a time.
    const c = new Client({ connectionString: benchUrl });
    await c.connect();
    for (const w of workloads) {
      const bySql = new Map<string, { ms: number; n: number }>();
      for (const r of captured[w]) {
        for (const s of r.statements) {
          const t0 = now();
          await c.query({ text: s.sql, values: s.params });
          const key = s.sql.replace(/\s+/g, ' ').trim().slice(0, 160);
          const e = bySql.get(key) ?? { ms: 0, n: 0 };
          e.ms += now() - t0;
          e.n++;
          bySql.set(key, e);
        }
      }
      say(`Slowest statements of ${w} (total over ${captured[w].length} requests, one at a time; load ${loadAverage()}):`);
      for (const [sql, e] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, flags.slowest)) {
        say(`  ${e.ms.toFixed(0).padStart(6)} ms / ${String(e.n).padStart(3)}x  ${sql}`);
      }
    }
    await c.end();
  }
  const statementsPerRequest = (w: string) => {
    const counts = captured[w].map((c) => c.statements.length);
    return { mean: counts.reduce((a, b) => a + b, 0) / counts.length, min: Math.min(...counts), max: Math.max(...counts) };
  };

  // Phase 2: load.
  const jobDir = join(tmpdir(), `waypoint-bench-load-${process.pid}`);
  mkdirSync(jobDir, { recursive: true });
  const runJob = async (job: ApiJob | SqlJob): Promise<LoadResult> => {
    const file = join(jobDir, `${job.mode}.json`);
    writeFileSync(file, JSON.stringify(job));
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'load.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? -1)));
    if (code !== 0) throw new Error(`The load generator failed (${code}): ${err.slice(-2000)}`);
    return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
  };
  const floorRequests = (w: string): SqlJob['requests'] =>
    captured[w].map((c) =>
      c.statements.map((s) => ({ connection: s.connection, sql: s.sql, params: s.params.map((p) => (Buffer.isBuffer(p) ? { base64: p.toString('base64') } : p)) })),
    );

  interface Row {
    instances: number;
    workload: string;
    connections: number;
    api: LoadResult;
    sql?: LoadResult;
    load: string;
  }
  const rows: Row[] = [];
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const describe = (r: Row) => {
    const a = r.api;
    const failures = a.errors + a.non2xx + a.graphqlErrors;
    let line =
      `${r.instances} API x ${r.workload.padEnd(9)} c=${String(r.connections).padStart(3)}: API p50 ${fmt(a.p50)} ms, p99 ${fmt(a.p99)} ms, ${fmt(a.rps)} req/s ` +
      `(${a.requests} answered, ${a.unanswered} unanswered at the end, errors ${failures}, timeouts ${a.timeouts})`;
    if (r.sql) line += ` | SQL floor p50 ${fmt(r.sql.p50)} ms, p99 ${fmt(r.sql.p99)} ms, ${fmt(r.sql.rps)} req/s (errors ${r.sql.errors}) | p99 ratio ${(a.p99 / r.sql.p99).toFixed(1)}x`;
    return `${line} | load ${r.load}`;
  };
  for (const n of instances) {
    say('');
    say(`API: ${n} process${n > 1 ? 'es behind one port (Node cluster)' : ''}, NODE_ENV=production, LOG_LEVEL=warn; load average ${loadAverage()}`);
    const profDir = join(tmpdir(), 'waypoint-bench-load-profiles');
    if (flags.cpuProf) mkdirSync(profDir, { recursive: true });
    api = await startApi({ databaseUrl: appUrl, adminDatabaseUrl: benchUrl, instances: n, nodeArgs: flags.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [] });
    try {
      for (const w of workloads) {
        const list = requests[w].map(({ token, body: b }) => ({ token, body: b }));
        if (flags.warmup > 0) await runJob({ mode: 'api', url: api.url, connections: connections[0], seconds: flags.warmup, requests: list });
        for (const c of connections) {
          const row: Row = { instances: n, workload: w, connections: c, api: await runJob({ mode: 'api', url: api.url, connections: c, seconds: flags.seconds, requests: list }), load: '' };
          if (!flags.noFloor) row.sql = await runJob({ mode: 'sql', databaseUrl: benchUrl, connections: c, seconds: flags.seconds, poolSize: API_POOL_SIZE, requests: floorRequests(w) });
          row.load = loadAverage();
          rows.push(row);
          say(describe(row));
          if (row.api.errorSample) say(`    first error: ${row.api.errorSample}`);
          if (row.sql?.errorSample) say(`    first floor error: ${row.sql.errorSample}`);
        }
      }
    } finally {
      await api.stop();
    }
    if (flags.cpuProf) say(`CPU profiles of the API process(es) written to ${profDir}`);
  }

  // Report.
  say('');
  say(`Load: ${seeded.employees.toLocaleString('en')} employees, ${users.length} distinct signed-in employees; ${cpus().length} CPUs; Node ${process.version}; ` +
    `${flags.seconds} s per measurement after a ${flags.warmup} s warm-up per workload; load average (1/5/15 min) at start ${loadAtStart}, at end ${loadAverage()}`);
  say('');
  const header = ['API', 'workload', 'conns', 'API p50', 'API p99', 'API req/s', 'errors', 'SQL p50', 'SQL p99', 'SQL req/s', 'p50 x', 'p99 x', 'rps x', 'stmts/req', 'load avg 1/5/15'];
  const table = rows.map((r) => {
    const s = statementsPerRequest(r.workload);
    return [
      String(r.instances),
      r.workload,
      String(r.connections),
      `${fmt(r.api.p50)} ms`,
      `${fmt(r.api.p99)} ms`,
      fmt(r.api.rps),
      `${r.api.errors + r.api.non2xx + r.api.graphqlErrors}/${r.api.timeouts}`,
      r.sql ? `${fmt(r.sql.p50)} ms` : '-',
      r.sql ? `${fmt(r.sql.p99)} ms` : '-',
      r.sql ? fmt(r.sql.rps) : '-',
      r.sql ? `${(r.api.p50 / r.sql.p50).toFixed(1)}` : '-',
      r.sql ? `${(r.api.p99 / r.sql.p99).toFixed(1)}` : '-',
      r.sql ? `${(r.sql.rps / r.api.rps).toFixed(1)}` : '-',
      s.min === s.max ? String(s.min) : `${s.mean.toFixed(1)} (${s.min}-${s.max})`,
      r.load,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((x) => x[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  say(line(header));
  say(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const x of table) say(line(x));
  say('');
  say('errors: failed requests (connection errors, non-2xx, GraphQL errors) / timeouts. p50 x, p99 x: API latency over the floor\'s; rps x: floor req/s over API req/s.');
  say('API latencies count answered requests only: requests still in flight when a measurement ends are not in them (see "unanswered" above).');
  say('SQL floor: the statements each API request ran (captured on the wire with their parameters), replayed with node-postgres at the same');
  say(`concurrency through a pool of ${API_POOL_SIZE} connections (the API's pool size): the database's share of the work, without the API's.`);
  say('');
  say('Per operation (capture phase, one request at a time through the proxy): statements per request, latency');
  for (const w of workloads) {
    const byOp = new Map<string, { n: number[]; ms: number[] }>();
    for (const c of captured[w]) {
      const key = c.op.replace(/ \(.*\)$/, '');
      const e = byOp.get(key) ?? { n: [], ms: [] };
      e.n.push(c.statements.length);
      e.ms.push(c.ms);
      byOp.set(key, e);
    }
    for (const [op, e] of byOp) {
      const ms = [...e.ms].sort((a, b) => a - b);
      say(`  ${w.padEnd(9)} ${op.padEnd(24)} statements ${Math.min(...e.n) === Math.max(...e.n) ? e.n[0] : `${Math.min(...e.n)}-${Math.max(...e.n)}`}, median ${fmt(percentile(ms, 50))} ms (${e.ms.length} requests)`);
    }
  }
  const feedPage = captured.feed?.length ? requests.feed.length / users.length : 0;
  if (feedPage) say(`A home page load is ${feedPage.toFixed(1)} requests on average (the PeopleInRole request is sent once per target role, up to two).`);
  say(`Done in ${((now() - started) / 1000).toFixed(0)} s.`);
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`bench/load failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

