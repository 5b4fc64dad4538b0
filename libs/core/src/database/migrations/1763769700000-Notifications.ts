import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications. One row per (recipient, type, source): re-running a fan-out adds nothing. */
export class Notifications1763769700000 implements MigrationInterface {
  name = 'Notifications1763769700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        recipient_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        type text NOT NULL,
        source_id uuid NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_notification_recipient_source UNIQUE (recipient_id, type, source_id)
      )`);
    await q.query(`CREATE INDEX ix_notification_recipient_created ON notification (recipient_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_notification_recipient_unread ON notification (recipient_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
