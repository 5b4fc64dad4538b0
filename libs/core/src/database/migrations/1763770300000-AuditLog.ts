import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log of HR and admin actions: append-only. A trigger refuses UPDATE, DELETE and
 * TRUNCATE for every role (the table owner included), so a row, once committed, stays.
 * occurred_at has millisecond precision, like the keyset cursors that page through it.
 * Rows reference their organization without ON DELETE CASCADE: an organization with an
 * audit trail cannot be deleted by accident. Actor and target are plain ids (no foreign keys),
 * so the trail outlives the rows it talks about.
 */
export class AuditLog1763770300000 implements MigrationInterface {
  name = 'AuditLog1763770300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        actor_id uuid NOT NULL,
        role text NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        input jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text,
        CONSTRAINT ck_audit_log_role CHECK (role IN ('HR_ADMIN', 'ORG_ADMIN'))
      )`);
    await q.query(`CREATE INDEX ix_audit_log_org_occurred ON audit_log (organization_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_log_org_target ON audit_log (organization_id, target_id)`);
    await q.query(`CREATE INDEX ix_audit_log_org_actor ON audit_log (organization_id, actor_id, occurred_at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    // Statement level: refused even when no row matches, and TRUNCATE has no rows to fire on.
    await q.query(`
      CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
  }
}
