/**
 * Projects announcement benchmark: one project announced to a 100,000-employee organization
 * in which exactly 30,000 employees match, measured from the `publishProject` mutation to the
 * last notification row, against the raw set-based insert of the same rows (one
 * INSERT ... SELECT) in the same run. Prints figures; it does not pass or fail.
 *
 *   npx tsx bench/projects/run.ts [--employees 100000] [--matching 30000] [--runs 3]
 *                                 [--timeout-seconds 180] [--skip-build] [--reuse]
 *
 * - Builds the project (unless --skip-build) and uses the compiled code: tsx emits no decorator
 *   metadata, so NestJS only runs from dist/. The API and the worker are booted in this process
 *   from dist (createApi / createWorker) against a database of their own.
 * - Recreates the database `waypoint_bench_projects` on 127.0.0.1:5432 (BENCH_DATABASE_URL to
 *   use another; --reuse keeps an already seeded one), migrates it, seeds the organization
 *   "bench-projects" with seedOrganization, then arranges the audience: a skill of its own held
 *   by exactly `--matching` employees who are open to projects (outside the owner's team), plus
 *   decoys that must not be told (the skill but not open, open but a weak proficiency, the
 *   owner's team).
 * - Each run: a new draft project; the baseline (the same rows with one INSERT ... SELECT,
 *   then deleted and vacuumed); then publishProject through GraphQL and a poll of the rows
 *   until all are there. Redis: 127.0.0.1:6379 (REDIS_URL), a queue prefix of its own.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ensureDatabase } from '../lib';

const ROOT = resolve(__dirname, '../..');
const SLUG = 'bench-projects';
const say = (line: string) => process.stdout.write(`${line}\n`);
const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Options {
  employees: number;
  matching: number;
  runs: number;
  timeoutSeconds: number;
  build: boolean;
  reuse: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { employees: 100_000, matching: 30_000, runs: 3, timeoutSeconds: 180, build: true, reuse: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--employees') o.employees = value();
    else if (flag === '--matching') o.matching = value();
    else if (flag === '--runs') o.runs = value();
    else if (flag === '--timeout-seconds') o.timeoutSeconds = value();
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--reuse') o.reuse = true;
    else {
      process.stderr.write(`bench/projects: unknown argument "${argv[i]}"\n`);
      process.exit(2);
    }
  }
  for (const k of ['employees', 'matching', 'runs', 'timeoutSeconds'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) {
      process.stderr.write(`bench/projects: --${k} must be a positive integer\n`);
      process.exit(2);
    }
  }
  if (o.matching > o.employees / 2) {
    process.stderr.write('bench/projects: --matching must be at most half of --employees (decoys need room)\n');
    process.exit(2);
  }
  return o;
}

/** Removes this run's BullMQ keys (its queue prefix is its own). */
async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Redis } = require('ioredis') as typeof import('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const budgetMs = (o.timeoutSeconds * (o.runs + 1) + 600) * 1000;
  const overall = setTimeout(() => {
    process.stderr.write(`bench/projects: gave up after ${Math.round(budgetMs / 1000)} s\n`);
    process.exit(1);
  }, budgetMs);
  overall.unref();

  if (o.build) {
    say('Building (npm run build) ...');
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  for (const f of ['dist/apps/api/src/bootstrap.js', 'dist/apps/worker/src/bootstrap.js', 'dist/libs/people/src/seed/seed.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { seedOrganization, } = require(join(ROOT, 'dist/libs/people/src/seed/seed.js')) as typeof import('../../libs/people/src/seed/seed');
  const { demoEmail } = require(join(ROOT, 'dist/libs/people/src/seed/generator.js')) as typeof import('../../libs/people/src/seed/generator');
  const { runMigrations, dataSourceOptions } = require(join(ROOT, 'dist/libs/core/src/database/data-source.js')) as typeof import('../../libs/core/src/database/data-source');
  const { PROJECT_AUDIENCE_SQL, ownersTeam } = require(join(ROOT, 'dist/libs/projects/src/jobs/announce-project.js')) as typeof import('../../libs/projects/src/jobs/announce-project');
  const { DataSource } = require('typeorm') as typeof import('typeorm');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waypoint_bench_projects';
  await ensureDatabase(benchUrl, o.reuse);
  await runMigrations(benchUrl);

  const ds = new DataSource(dataSourceOptions(benchUrl, { migrations: [] }));
  await ds.initialize();
  let t = now();
  const seeded = await seedOrganization(ds, { slug: SLUG, employees: o.employees });
  say(`${seeded.created ? 'Seeded' : 'Reused'} "${SLUG}": ${seeded.employees.toLocaleString('en')} employees in ${((now() - t) / 1000).toFixed(1)} s`);
  const orgId = seeded.organizationId;
  const pg = new Client({ connectionString: benchUrl });
  await pg.connect();

  // The owner: the demo employee. The audience: a skill of its own, so the match count is exact.
  const ownerEmail = demoEmail(SLUG, 'EMPLOYEE');
  const [{ id: ownerId }] = (await pg.query('SELECT id FROM employee WHERE organization_id = $1 AND email = $2', [orgId, ownerEmail])).rows;
  const team = await ownersTeam(ds.manager, orgId, ownerId);
  const [{ id: skillId }] = (
    await pg.query(
      `INSERT INTO skill (organization_id, name, normalized_name) VALUES ($1, 'Bench Announcement Skill', 'bench announcement skill')
       ON CONFLICT (organization_id, normalized_name) DO UPDATE SET name = skill.name RETURNING id`,
      [orgId],
    )
  ).rows;
  t = now();
  await pg.query('BEGIN');
  await pg.query('DELETE FROM employee_skill WHERE skill_id = $1', [skillId]);
  await pg.query('UPDATE employee SET open_to_projects = false WHERE organization_id = $1 AND open_to_projects', [orgId]);
  // Candidates outside the owner's team, in a stable pseudo-random order.
  await pg.query(
    `CREATE TEMP TABLE bench_pick AS
       SELECT id, row_number() OVER (ORDER BY md5(id::text)) AS rn FROM employee
        WHERE organization_id = $1 AND active AND NOT (id = ANY($2::uuid[]))`,
    [orgId, team],
  );
  const m = o.matching;
  // 1..m: the audience (open, proficiency 3 or wanting to learn). m+1..1.5m: open, weak (1, not learning).
  // 1.5m..2m: the skill at 5 but not open. The owner's team: open with the skill (excluded as the team).
  await pg.query(
    `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency, wants_to_learn)
     SELECT id, $1, $2, CASE WHEN rn <= $3 THEN (CASE WHEN rn % 4 = 0 THEN 1 ELSE 3 END)
                             WHEN rn <= $3 * 1.5 THEN 1 ELSE 5 END,
            rn <= $3 AND rn % 4 = 0
       FROM bench_pick WHERE rn <= $3 * 2`,
    [skillId, orgId, m],
  );
  await pg.query(`UPDATE employee e SET open_to_projects = true FROM bench_pick p WHERE p.id = e.id AND p.rn <= $1 * 1.5`, [m]);
  await pg.query(
    `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency) SELECT id, $1, $2, 4 FROM unnest($3::uuid[]) id
     ON CONFLICT DO NOTHING`,
    [skillId, orgId, team],
  );
  await pg.query('UPDATE employee SET open_to_projects = true WHERE id = ANY($1)', [team]);
  await pg.query('COMMIT');
  await pg.query('VACUUM (ANALYZE) employee, employee_skill, notification, project, project_skill');
  say(`Arranged the audience in ${((now() - t) / 1000).toFixed(1)} s: ${m.toLocaleString('en')} matching, ${(m * 1.5 - m).toLocaleString('en')} open but weak, ${(m / 2).toLocaleString('en')} skilled but not open, ${team.length - 1} in the owner's team`);

  // Boot the compiled API and worker in this process.
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: benchUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `bench-projects-${randomBytes(3).toString('hex')}`,
    DEV_SIGNIN_ENABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    OUTBOX_SWEEP_INTERVAL_MS: '2000',
  });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createApi } = require(join(ROOT, 'dist/apps/api/src/bootstrap.js')) as typeof import('../../apps/api/src/bootstrap');
  const { createWorker } = require(join(ROOT, 'dist/apps/worker/src/bootstrap.js')) as typeof import('../../apps/worker/src/bootstrap');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const api = await createApi();
  await api.listen(0, '127.0.0.1');
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const worker = await createWorker();
  const gql = async <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };

  const rows: { baseline: number; pipeline: number; publish: number; first: number; job: number }[] = [];
  try {
    const { devSignIn } = await gql(`mutation($email: String!, $org: String!) { devSignIn(email: $email, organization: $org) { token } }`, {
      email: ownerEmail,
      org: SLUG,
    });
    const token: string = devSignIn.token;
    const countRows = async (projectId: string) =>
      (await pg.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'PROJECT_ANNOUNCED' AND source_id = $1`, [projectId])).rows[0].n as number;

    for (let run = 1; run <= o.runs; run++) {
      const { createProject } = await gql(
        `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
        {
          input: {
            title: `Benchmark project ${run}`,
            goal: 'Measure the announcement fan-out to a large organization',
            hoursPerWeek: 4,
            durationWeeks: 6,
            seats: 5,
            startDate: '2099-01-05',
            neededSkills: [{ skillId, minProficiency: 3 }],
          },
        },
        token,
      );
      const projectId: string = createProject.id;

      // Baseline: the same rows, one set-based statement, then removed again.
      const title = 'New project: Benchmark';
      t = now();
      const inserted = await pg.query(
        `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
         SELECT $1, e.id, 'PROJECT_ANNOUNCED', $3, $4, '', '{}'::jsonb FROM employee e WHERE ${PROJECT_AUDIENCE_SQL}
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING`,
        [orgId, team, projectId, title],
      );
      const baseline = now() - t;
      if (inserted.rowCount !== m) throw new Error(`The baseline inserted ${inserted.rowCount} rows, expected ${m}`);
      await pg.query(`DELETE FROM notification WHERE source_id = $1`, [projectId]);
      await pg.query('VACUUM (ANALYZE) notification');

      // The pipeline: publishProject -> outbox -> relay -> BullMQ -> worker fan-out -> last row.
      const t0 = now();
      await gql(`mutation($id: ID!) { publishProject(id: $id) { id } }`, { id: projectId }, token);
      const publish = now() - t0;
      let first = NaN;
      const deadline = t0 + o.timeoutSeconds * 1000;
      for (;;) {
        const [{ announced_count }] = (await pg.query('SELECT announced_count FROM project WHERE id = $1', [projectId])).rows;
        if (announced_count > 0 && Number.isNaN(first)) first = now() - t0;
        if (announced_count >= m) break;
        if (now() > deadline) throw new Error(`Run ${run}: only ${announced_count} of ${m} notifications after ${o.timeoutSeconds} s`);
        await sleep(10);
      }
      const pipeline = now() - t0;
      const total = await countRows(projectId);
      if (total !== m) throw new Error(`Run ${run}: ${total} notification rows, expected ${m}`);
      const [job] = (
        await pg.query(`SELECT extract(epoch FROM (announced_at - published_at)) * 1000 AS ms FROM project WHERE id = $1`, [projectId])
      ).rows;
      rows.push({ baseline, pipeline, publish, first, job: Number(job.ms ?? NaN) });
      say(
        `run ${run}: raw INSERT ... SELECT ${baseline.toFixed(0)} ms | publishProject -> last row ${pipeline.toFixed(0)} ms ` +
          `(mutation ${publish.toFixed(0)} ms, first rows after ${first.toFixed(0)} ms) | ratio ${(pipeline / baseline).toFixed(2)}x`,
      );
      // Leave the next run a table in the same state.
      await sleep(500);
      await pg.query(`DELETE FROM notification WHERE source_id = $1`, [projectId]);
      await pg.query('VACUUM (ANALYZE) notification');
    }
  } finally {
    await worker.close().catch(() => undefined);
    await api.close().catch(() => undefined);
    await pg.end();
    await ds.destroy();
    await dropQueueKeys(process.env.REDIS_URL!, process.env.QUEUE_PREFIX!).catch(() => undefined);
  }

  const b = median(rows.map((r) => r.baseline));
  const pl = median(rows.map((r) => r.pipeline));
  say('');
  say(`Announcing one project to ${m.toLocaleString('en')} of ${o.employees.toLocaleString('en')} employees (median of ${rows.length} runs):`);
  say(`  raw set-based INSERT ... SELECT of the same rows   ${b.toFixed(0)} ms`);
  say(`  publishProject -> last notification row            ${pl.toFixed(0)} ms   (${(pl / b).toFixed(2)}x the baseline; goal: within 3x)`);
  say(`  of which: the mutation ${median(rows.map((r) => r.publish)).toFixed(0)} ms, first rows after ${median(rows.map((r) => r.first)).toFixed(0)} ms`);
  say(`  machine: load ${loadavg()[0].toFixed(2)}, ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`bench/projects failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
