import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../rls';

/**
 * Row-level security on every tenant-owned table: a session sees and writes only the rows of
 * the organization it is bound to (`app.organization_id`, set on every checkout of the
 * application's connection pool from the TenantContext), and no tenant row at all when unbound.
 * A query that forgets its `organization_id` filter therefore still cannot read another tenant.
 *
 * Timestamped after every other migration, it covers every table of schema public that has an
 * `organization_id` column when it runs (including tables added by earlier migrations, such as
 * audit_log), and `organization` itself by its id. Every tenant-owned table has that column (no
 * join table goes without it), so no policy has to look through a parent. The table owner and
 * superusers are not subject to the policies (no FORCE): the system connection
 * (DATABASE_ADMIN_URL) is how the named cross-organization tasks work (libs/core/README.md).
 * Deliberate exceptions, with reasons, are listed in test/security/rls.e2e-spec.ts.
 */
export class RowLevelSecurity1763771000000 implements MigrationInterface {
  name = 'RowLevelSecurity1763771000000';

  async up(q: QueryRunner): Promise<void> {
    const tables: { table_name: string }[] = await q.query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
    );
    for (const { table_name } of tables) await enableTenantRls(q, table_name);
    await enableTenantRls(q, 'organization', 'id');
  }

  async down(q: QueryRunner): Promise<void> {
    const tables: { relname: string }[] = await q.query(
      `SELECT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE p.polname = 'tenant_isolation' AND c.relnamespace = 'public'::regnamespace`,
    );
    for (const { relname } of tables) {
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${relname}`);
      await q.query(`ALTER TABLE ${relname} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
