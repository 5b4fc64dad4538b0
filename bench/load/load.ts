/**
 * The load generator, run by bench/load/run.ts in a process of its own:
 *
 *   npx tsx bench/load/load.ts <job.json>      prints one JSON line with the result
 *
 * - `api`: autocannon against the API: `connections` keep-alive connections for `seconds`, each
 *   request the next of a list of (bearer token, GraphQL body) pairs, taken round robin across all
 *   connections (so consecutive requests come from different employees). A 200 answer with
 *   `errors` counts as an error (GraphQL reports its errors in the body).
 * - `sql`: the raw-SQL floor: `connections` concurrent closed loops, each one replaying the
 *   statements of one captured API request at a time (statements of one API connection in order
 *   on one pooled connection, different API connections side by side, as the API ran them), with a
 *   node-postgres pool as large as the API's (20).
 */
import { readFileSync } from 'node:fs';
import { Pool, PoolClient } from 'pg';

export interface ApiJob {
  mode: 'api';
  url: string;
  connections: number;
  seconds: number;
  requests: { token: string; body: string }[];
}

export interface SqlJob {
  mode: 'sql';
  databaseUrl: string;
  connections: number;
  seconds: number;
  poolSize: number;
  /** One entry per captured API request: its statements, parameters as text or base64 (binary). */
  requests: { connection: number; sql: string; params: (string | { base64: string } | null)[] }[][];
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  /** API: requests still unanswered when the measurement ended (autocannon drops them; the slowest). */
  unanswered: number;
  errorSample?: string;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function runApi(job: ApiJob): Promise<LoadResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as typeof import('autocannon');
  let next = 0;
  let graphqlErrors = 0;
  let errorSample: string | undefined;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (req) => {
          const r = job.requests[next++ % job.requests.length];
          return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` }, body: r.body };
        },
      },
    ],
    verifyBody: (raw) => {
      // Cheap: a body counts as an error when it has an "errors" member.
      const body = typeof raw === 'string' ? raw : String(raw ?? '');
      if (!body.includes('"errors"')) return true;
      graphqlErrors++;
      errorSample ??= body.slice(0, 400);
      return false;
    },
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    unanswered: Math.max(0, (result.requests.sent ?? result.requests.total) - result.requests.total),
    errorSample,
  };
}

async function runSql(job: SqlJob): Promise<LoadResult> {
  const pool = new Pool({ connectionString: job.databaseUrl, max: job.poolSize });
  const requests = job.requests.map((statements) => {
    const byConnection = new Map<number, { text: string; values: unknown[] }[]>();
    for (const s of statements) {
      const list = byConnection.get(s.connection) ?? [];
      list.push({ text: s.sql, values: s.params.map((p) => (p && typeof p === 'object' ? Buffer.from(p.base64, 'base64') : p)) });
      byConnection.set(s.connection, list);
    }
    return [...byConnection.values()];
  });
  // Warm the pool.
  await Promise.all(Array.from({ length: job.poolSize }, async () => (await pool.query('SELECT 1')).rowCount));
  const times: number[] = [];
  let errors = 0;
  let errorSample: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const runOne = async (groups: (typeof requests)[number]) => {
    await Promise.all(
      groups.map(async (statements) => {
        const client: PoolClient = await pool.connect();
        try {
          for (const s of statements) await client.query(s);
        } catch (e) {
          // Leave no transaction open on the pooled connection.
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          client.release();
        }
      }),
    );
  };
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < deadline) {
        const r = requests[next++ % requests.length];
        const t0 = performance.now();
        try {
          await runOne(r);
          times.push(performance.now() - t0);
        } catch (e) {
          errors++;
          errorSample ??= e instanceof Error ? e.message : String(e);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    seconds,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p90: percentile(times, 90),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    errors,
    timeouts: 0,
    non2xx: 0,
    graphqlErrors: 0,
    unanswered: 0,
    errorSample,
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ApiJob | SqlJob;
  const result = job.mode === 'api' ? await runApi(job) : await runSql(job);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench/load/load: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
