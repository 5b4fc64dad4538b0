/**
 * Mentoring round benchmark, end to end: from the `launchMatchingRound` mutation to the
 * proposals stored (the round in REVIEW), through the outbox, BullMQ and the worker. Prints the
 * time of each phase (as the worker measured it, and as the API showed it) and in total. Figures,
 * not a test: it does not pass or fail.
 *
 *   npx tsx bench/mentoring/run.ts [--employees 20000] [--runs 3] [--timeout 300] [--skip-build] [--reuse]
 *
 * - Builds the project (unless --skip-build) and runs the compiled code: tsx emits no decorator
 *   metadata, so NestJS and the TypeORM entities only run from dist/.
 * - Recreates the database `waypoint_bench_mentoring` on the local server (BENCH_DATABASE_URL to
 *   use another; --reuse keeps an already seeded one), migrates it, seeds the organization
 *   "mentoring-bench" with `--employees` employees (skills, wants to learn / teach, levels,
 *   departments, reporting lines, "open to mentoring" / "seeking a mentor" flags).
 * - Boots the API (createApi, on a free port, in this process) and the worker (createWorker, in a
 *   child process, as in production: the matching engine's CPU time does not stall the API that
 *   reports the progress) against that database and Redis (REDIS_URL, default
 *   redis://127.0.0.1:6379) under a queue prefix of their own; signs in as the seeded HR admin.
 * - Creates one round over everyone opted in, then `--runs` times: launches matching and polls
 *   the round through GraphQL every 25 ms until it is in REVIEW (or FAILED, or --timeout seconds).
 *   Each run after the first replaces the unpublished proposals of the previous one, which is
 *   the same work plus the deletion.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ensureDatabase } from '../lib';

type SeedModule = typeof import('../../libs/people/src/seed/seed');
type DataSourceModule = typeof import('../../libs/core/src/database/data-source');
type ApiModule = typeof import('../../apps/api/src/bootstrap');

const ROOT = resolve(__dirname, '../..');
const SLUG = 'mentoring-bench';
const SEED = 42;
const POLL_MS = 25;

interface Options {
  employees: number;
  runs: number;
  timeout: number;
  build: boolean;
  reuse: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { employees: 20_000, runs: 3, timeout: 300, build: true, reuse: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--employees') o.employees = value();
    else if (flag === '--runs') o.runs = value();
    else if (flag === '--timeout') o.timeout = value();
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--reuse') o.reuse = true;
    else {
      process.stderr.write(`bench/mentoring: unknown argument "${argv[i]}"\n`);
      process.exit(2);
    }
  }
  for (const k of ['employees', 'runs', 'timeout'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) {
      process.stderr.write(`bench/mentoring: --${k} must be a positive integer\n`);
      process.exit(2);
    }
  }
  return o;
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function graphql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

const ROUND = `query($id: ID!) { mentoringRound(id: $id) {
  status lastError runCount menteeCount mentorCount mentorSeats matchedCount coverage totalScore averageScore unmatchedCount
  progress { percent phase phases { phase ms } } } }`;

interface Run {
  total: number;
  /** When the API first showed each phase, from the launch. */
  seen: Map<string, number>;
  /** The worker's own timings. */
  phases: { phase: string; ms: number }[];
  round: any;
  polls: number;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0];
  if (o.build) {
    say('Building (npm run build:server) ...');
    const b = spawnSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error('npm run build:server failed');
  }
  for (const f of ['dist/apps/api/src/bootstrap.js', 'dist/apps/worker/src/bootstrap.js', 'dist/libs/people/src/seed/seed.js', 'dist/libs/core/src/database/data-source.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { seedOrganization } = require(join(ROOT, 'dist/libs/people/src/seed/seed.js')) as SeedModule;
  const { runMigrations, dataSourceOptions } = require(join(ROOT, 'dist/libs/core/src/database/data-source.js')) as DataSourceModule;
  const { DataSource } = require('typeorm') as typeof import('typeorm');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waypoint_bench_mentoring';
  await ensureDatabase(benchUrl, o.reuse);
  await runMigrations(benchUrl);

  const ds = new DataSource(dataSourceOptions(benchUrl, { migrations: [] }));
  await ds.initialize();
  const t0 = performance.now();
  const seeded = await seedOrganization(ds, { slug: SLUG, employees: o.employees, seed: SEED });
  const seedMs = performance.now() - t0;
  await ds.destroy();

  const pg = new Client({ connectionString: benchUrl });
  await pg.connect();
  const orgId = seeded.organizationId;
  const [population] = (
    await pg.query(
      `SELECT count(*)::int AS employees,
              count(*) FILTER (WHERE seeking_mentor)::int AS seeking, count(*) FILTER (WHERE open_to_mentoring)::int AS open,
              (SELECT count(*)::int FROM employee_skill WHERE organization_id = $1) AS skills
         FROM employee WHERE organization_id = $1 AND active`,
      [orgId],
    )
  ).rows;
  say(
    `${seeded.created ? 'Seeded' : 'Reused'} "${SLUG}": ${population.employees.toLocaleString('en')} employees ` +
      `(${population.seeking.toLocaleString('en')} seeking a mentor, ${population.open.toLocaleString('en')} open to mentoring), ` +
      `${population.skills.toLocaleString('en')} employee skills` +
      (seeded.created ? `, in ${fmt(seedMs)}` : ''),
  );
  // With --reuse: earlier benchmark rounds go, or their proposals would hold the seats and the mentees.
  await pg.query(`DELETE FROM mentorship WHERE organization_id = $1`, [orgId]);
  await pg.query(`DELETE FROM mentoring_round WHERE organization_id = $1`, [orgId]);
  // A steady state, as autovacuum would reach soon after a bulk load.
  await pg.query('VACUUM (ANALYZE) employee, employee_skill, skill, department');

  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: benchUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `bench-mentoring-${randomBytes(3).toString('hex')}`,
    JWT_SECRET: 'bench-mentoring-secret-0123456789',
    DEV_SIGNIN_ENABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createApi } = require(join(ROOT, 'dist/apps/api/src/bootstrap.js')) as ApiModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const api = await createApi();
  await api.listen(0, '127.0.0.1');
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const worker = await startWorker();
  const runs: Run[] = [];
  try {
    const token = (
      await graphql<{ devSignIn: { token: string } }>(url, `mutation($e: String!, $o: String!) { devSignIn(email: $e, organization: $o) { token } }`, {
        e: `hr@${SLUG}.waypoint.test`,
        o: SLUG,
      })
    ).devSignIn.token;
    const deadline = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const { createMentoringRound } = await graphql(
      url,
      `mutation($input: CreateMentoringRoundInput!) { createMentoringRound(input: $input) { id } }`,
      { input: { name: 'Benchmark round', deadline, objective: 'SCORE' } },
      token,
    );
    const roundId: string = createMentoringRound.id;

    for (let i = 0; i < o.runs; i++) {
      const seen = new Map<string, number>();
      let polls = 0;
      const start = performance.now();
      await graphql(url, `mutation($id: ID!) { launchMatchingRound(id: $id) { id } }`, { id: roundId }, token);
      seen.set('launched', performance.now() - start);
      let round: any;
      for (;;) {
        round = (await graphql(url, ROUND, { id: roundId }, token)).mentoringRound;
        polls++;
        const at = performance.now() - start;
        if (round.progress.phase && !seen.has(round.progress.phase)) seen.set(round.progress.phase, at);
        if (round.status === 'REVIEW' || round.status === 'FAILED') break;
        if (at > o.timeout * 1000) throw new Error(`Run ${i + 1} did not finish in ${o.timeout} s (phase ${round.progress.phase})`);
        await sleep(POLL_MS);
      }
      const total = performance.now() - start;
      if (round.status === 'FAILED') throw new Error(`Run ${i + 1} failed: ${round.lastError}`);
      runs.push({ total, seen, phases: round.progress.phases, round, polls });
      say(`Run ${i + 1}: ${fmt(total)} from launchMatchingRound to proposals stored (${round.matchedCount.toLocaleString('en')} proposals)`);
    }

    const [{ stored }] = (await pg.query(`SELECT count(*)::int AS stored FROM mentoring_proposal WHERE round_id = $1 AND status = 'PROPOSED'`, [roundId])).rows;
    const last = runs[runs.length - 1];
    const r = last.round;
    const version = (await pg.query('SHOW server_version')).rows[0].server_version as string;

    say();
    say(`Mentoring round, end to end: launchMatchingRound -> outbox -> BullMQ -> worker (load, match, store) -> round in REVIEW`);
    say(`${population.employees.toLocaleString('en')} employees; ${cpus().length} CPUs; PostgreSQL ${version}; Node ${process.version}; the API in this process, the worker in another`);
    say(`Load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadavg()[0].toFixed(2)}`);
    say(
      `Round: ${r.menteeCount.toLocaleString('en')} eligible mentees, ${r.mentorCount.toLocaleString('en')} mentors with ` +
        `${r.mentorSeats.toLocaleString('en')} free seats; ${r.matchedCount.toLocaleString('en')} proposals ` +
        `(coverage ${(100 * r.coverage).toFixed(1)}%, average score ${r.averageScore.toFixed(3)}), ${r.unmatchedCount.toLocaleString('en')} unmatched; ` +
        `${stored.toLocaleString('en')} proposal rows stored`,
    );
    say();
    const phaseNames = last.phases.map((p) => p.phase);
    const header = ['run', 'queued', ...phaseNames.map((p) => `${p} (worker)`), 'total', 'polls'];
    const rows = runs.map((run, i) => {
      const firstWorkerPhase = run.seen.get('loading') ?? run.seen.get('matching') ?? run.total;
      const byPhase = new Map(run.phases.map((p) => [p.phase, p.ms]));
      return [String(i + 1), fmt(firstWorkerPhase), ...phaseNames.map((p) => fmt(byPhase.get(p) ?? NaN)), fmt(run.total), String(run.polls)];
    });
    rows.push([
      'median',
      fmt(median(runs.map((run) => run.seen.get('loading') ?? run.total))),
      ...phaseNames.map((p) => fmt(median(runs.map((run) => run.phases.find((x) => x.phase === p)?.ms ?? NaN)))),
      fmt(median(runs.map((run) => run.total))),
      '',
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
    say(line(header));
    say(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) say(line(row));
    say();
    say(
      `As the API showed it (last run): ${[...last.seen.entries()].map(([phase, at]) => `${phase} at ${fmt(at)}`).join(', ')}, REVIEW at ${fmt(last.total)}`,
    );
    say();
    say('queued: from the launch mutation to the API first showing the worker\'s "loading" phase (commit, outbox relay, BullMQ, job start),');
    say(`as seen by polling every ${POLL_MS} ms. loading: the round's population, skills, manager chains, earlier pairs (SQL);`);
    say('matching: the matching engine (proposeMatches: candidates, exact assignment, explanations); storing: one transaction that');
    say('replaces the unpublished proposals and moves the round to REVIEW. total: launch to the API showing REVIEW.');
  } finally {
    await worker.stop();
    await api.close();
    await pg.end();
  }
}

/** The compiled worker in a child process (same environment); resolves once it consumes its queues. */
async function startWorker(): Promise<{ stop(): Promise<void> }> {
  const script = `require(${JSON.stringify(join(ROOT, 'dist/apps/worker/src/bootstrap.js'))}).createWorker().then(() => console.log('WORKER_READY'))`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const ready = new Promise<void>((resolveReady, reject) => {
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      tail.push(...text.split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 30));
      if (text.includes('WORKER_READY')) resolveReady();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code) => reject(new Error(`The worker exited with code ${code}:\n${tail.join('\n')}`)));
    setTimeout(() => reject(new Error(`The worker did not start in 60 s:\n${tail.join('\n')}`)), 60_000).unref();
  });
  await ready;
  return {
    stop: async () => {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench/mentoring failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
