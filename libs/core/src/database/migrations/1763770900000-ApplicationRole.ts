import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application's database role, `waypoint_app`: not superuser, not BYPASSRLS, owns nothing,
 * so the row-level security policies (next migration) apply to it. It may read and write rows
 * (SELECT, INSERT, UPDATE, DELETE on every table, USAGE on sequences, and the same on tables
 * created later by the role running migrations) but not change the schema, and it cannot touch
 * the migration history.
 *
 * Roles are cluster-wide: the role is created NOLOGIN if it does not exist yet (a database
 * cloned from a template, or a second database on the same server, shares it). Whoever
 * provisions the environment gives it LOGIN and a password (the dev launcher, the test setup,
 * docker/postgres-init.sql); the API and the worker then connect with DATABASE_URL as this role.
 */
export class ApplicationRole1763770900000 implements MigrationInterface {
  name = 'ApplicationRole1763770900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'waypoint_app') THEN
          CREATE ROLE waypoint_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END
      $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO waypoint_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO waypoint_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO waypoint_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO waypoint_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO waypoint_app`);
    await q.query(`REVOKE ALL ON TABLE typeorm_migrations FROM waypoint_app`);
    // The audit log is append-only: besides its trigger, the application may only add and read rows.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON TABLE audit_log FROM waypoint_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM waypoint_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM waypoint_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM waypoint_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM waypoint_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM waypoint_app`);
    // The role itself stays: it is cluster-wide, and other databases may use it.
  }
}
