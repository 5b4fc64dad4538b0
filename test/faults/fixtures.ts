import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions, Role } from '@waypoint/core';
import { createTestDatabase, dropTestDatabase, GqlResult, serverEnv, tokenFor } from '@waypoint/testing';
import { DataSource } from 'typeorm';

/** A database of the suite's own (cloned from the migrated template), a queue prefix and a connection for assertions. */
export interface Stack {
  databaseUrl: string;
  queuePrefix: string;
  db: DataSource;
  /** The environment of the API and worker processes (see `serverEnv`). */
  env(redisUrl: string, extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function createStack(databaseUrl?: string): Promise<Stack> {
  const url = databaseUrl ?? (await createTestDatabase());
  const queuePrefix = `f${randomBytes(4).toString('hex')}`;
  const db = new DataSource(dataSourceOptions(url, { migrations: [], extra: { max: 4, connectionTimeoutMillis: 3000 } }));
  await db.initialize();
  return {
    databaseUrl: url,
    queuePrefix,
    db,
    env: (redisUrl, extra = {}) => serverEnv({ databaseUrl: url, redisUrl, queuePrefix, extra }),
    async close() {
      await db.destroy().catch(() => undefined);
      if (!databaseUrl) await dropTestDatabase(url).catch(() => undefined);
    },
  };
}

export interface Timed<T = any> extends GqlResult<T> {
  ms: number;
  /** Set when no HTTP answer came (connection refused, reset, client timeout). */
  transport?: string;
}

/** One GraphQL request with a client-side timeout; never throws. */
export async function gqlAt<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  timeoutMs = 20000,
): Promise<Timed<T>> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: GqlResult<T>;
    try {
      body = JSON.parse(text) as GqlResult<T>;
    } catch {
      body = { status: res.status, errors: [{ message: text.slice(0, 500) }] };
    }
    return { ...body, status: res.status, ms: performance.now() - t0 };
  } catch (e) {
    return { status: 0, ms: performance.now() - t0, transport: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export const codeOf = (r: GqlResult): string | undefined => r.errors?.[0]?.extensions?.code;

export interface Employee {
  id: string;
  token: string;
}

/** `count` employees inserted in one statement (set-based: a test may need thousands), with tokens. */
export async function bulkEmployees(
  db: DataSource,
  organizationId: string,
  count: number,
  fields: { tag?: string; openToProjects?: boolean; roles?: Role[]; tokens?: boolean } = {},
): Promise<Employee[]> {
  const tag = fields.tag ?? randomBytes(3).toString('hex');
  const roles = fields.roles ?? [Role.EMPLOYEE];
  const rows: { id: string }[] = await db.query(
    `INSERT INTO employee (organization_id, email, first_name, last_name, title, level, roles, open_to_projects)
     SELECT $1, 'e' || g || '.' || $3 || '@example.test', 'Emp', $3 || '-' || g, 'Engineer', 3, $4, $5
       FROM generate_series(1, $2::int) g
     RETURNING id`,
    [organizationId, count, tag, roles, fields.openToProjects ?? false],
  );
  const withTokens = fields.tokens ?? true;
  return Promise.all(
    rows.map(async (r) => ({ id: r.id, token: withTokens ? await tokenFor({ employeeId: r.id, organizationId, roles }) : '' })),
  );
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` at once. */
export async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) await task(i);
    }),
  );
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Summary of latencies in ms: count, p50, p99, max. */
export function latency(ms: number[]): { n: number; p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]) : 0);
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.length ? Math.round(s[s.length - 1]) : 0 };
}

/** Prints a figure line (collected in test/faults/README.md). */
export function figure(label: string, value: unknown): void {
  process.stdout.write(`[faults] ${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}
