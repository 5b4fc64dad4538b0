import { QueryRunner } from 'typeorm';
import { TENANT_SETTING } from './tenant-binding';

/** The application's database role: row-level security applies to it (not superuser, not BYPASSRLS, owns nothing). */
export const APP_ROLE = 'waypoint_app';

/** The organization the current session is bound to, or NULL (no rows) when unbound. */
export const CURRENT_ORGANIZATION_SQL = `NULLIF(current_setting('${TENANT_SETTING}', true), '')::uuid`;

/**
 * Turns on row-level security for a tenant-owned table: its rows are visible to, and may only be
 * written by, a session bound to their organization. For a table added after migration
 * 1763771000000-RowLevelSecurity, call this in the migration that creates it (the RLS test fails
 * until every table is covered).
 */
export async function enableTenantRls(q: QueryRunner, table: string, column = 'organization_id'): Promise<void> {
  if (!/^\w+$/.test(table) || !/^\w+$/.test(column)) throw new Error(`enableTenantRls: bad identifier ${table}.${column}`);
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
  await q.query(
    `CREATE POLICY tenant_isolation ON ${table} AS PERMISSIVE FOR ALL TO PUBLIC
       USING (${column} = ${CURRENT_ORGANIZATION_SQL}) WITH CHECK (${column} = ${CURRENT_ORGANIZATION_SQL})`,
  );
}
