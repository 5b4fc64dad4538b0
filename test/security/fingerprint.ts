import { DataSource } from 'typeorm';

/**
 * Columns that change behind a request's back without any user action: the outbox relay marks
 * events published after the commit, and the live dispatcher marks notifications pushed. Every
 * other column (outbox rows included: a refused mutation must not emit) is part of the fingerprint.
 */
const VOLATILE = ['published_at', 'attempts', 'last_error', 'next_attempt_at', 'dispatched_at'];

let tablesCache: Promise<string[]> | undefined;

/** Every table with an `organization_id` column. */
export function tenantTables(db: DataSource): Promise<string[]> {
  tablesCache ??= db
    .query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY table_name`,
    )
    .then((rows: { table_name: string }[]) => rows.map((r) => r.table_name));
  return tablesCache;
}

export type Fingerprint = Record<string, string>;

/** An md5 per table of one organization's rows (and of the organization row itself: its settings). */
export async function fingerprint(db: DataSource, organizationId: string): Promise<Fingerprint> {
  const tables = await tenantTables(db);
  const parts = [
    `SELECT 'organization' AS t, md5(coalesce(string_agg(md5(to_jsonb(o)::text), ''), '')) AS h FROM organization o WHERE o.id = $1`,
    ...tables.map(
      (t) =>
        `SELECT '${t}', md5(coalesce(string_agg(h, '' ORDER BY h), '')) FROM
           (SELECT md5((to_jsonb(x) - $2::text[])::text) AS h FROM "${t}" x WHERE x.organization_id = $1) s`,
    ),
  ];
  const rows: { t: string; h: string }[] = await db.query(parts.join(' UNION ALL '), [organizationId, VOLATILE]);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** Every id of a row of the organization (to check an answer shows none of them). */
export async function organizationIds(db: DataSource, organizationId: string): Promise<Set<string>> {
  const tables = await tenantTables(db);
  const withId: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND table_name = ANY($1)`,
    [tables],
  );
  const rows: { id: string }[] = await db.query(
    withId.map((t) => `SELECT id::text FROM "${t.table_name}" WHERE organization_id = $1`).join(' UNION ALL '),
    [organizationId],
  );
  return new Set([organizationId, ...rows.map((r) => r.id)]);
}
