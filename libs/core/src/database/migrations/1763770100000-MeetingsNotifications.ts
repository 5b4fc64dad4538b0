import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Research meetings (hosts with a monthly capacity and a queue, requests, proposed slots,
 * scheduled meetings with calendar invites and reminders, the requester's notes) and live
 * notifications (delivery state, per-type preferences, daily email digests).
 *
 * The `notification` table keeps every existing column and its unique key
 * (recipient_id, type, source_id): other modules insert into it with
 * `INSERT ... SELECT ... ON CONFLICT (recipient_id, type, source_id) DO NOTHING`.
 * New columns are nullable without a default, so those inserts need no change.
 */
export class MeetingsNotifications1763770100000 implements MigrationInterface {
  name = 'MeetingsNotifications1763770100000';

  async up(q: QueryRunner): Promise<void> {
    // ------------------------------------------------------------ notifications
    await q.query(`
      CREATE TABLE notification_digest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        recipient_id uuid NOT NULL,
        digest_date date NOT NULL,
        notification_count integer NOT NULL DEFAULT 0,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT fk_notification_digest_recipient FOREIGN KEY (recipient_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT uq_notification_digest_recipient_date UNIQUE (recipient_id, digest_date)
      )`);
    await q.query(`CREATE INDEX ix_notification_digest_org ON notification_digest (organization_id, sent_at DESC)`);
    // dispatched_at: when the live dispatcher handled the row (pushed it, or skipped it per preferences).
    await q.query(`ALTER TABLE notification ADD COLUMN dispatched_at timestamptz`);
    // digest_id: the email digest that carried the row.
    await q.query(`ALTER TABLE notification ADD COLUMN digest_id uuid`);
    await q.query(`
      ALTER TABLE notification ADD CONSTRAINT fk_notification_digest
        FOREIGN KEY (digest_id) REFERENCES notification_digest(id) ON DELETE SET NULL`);
    // Rows that exist before live delivery are history: never replay them to open subscriptions.
    await q.query(`UPDATE notification SET dispatched_at = created_at WHERE dispatched_at IS NULL`);
    await q.query(`CREATE INDEX ix_notification_undispatched ON notification (organization_id, created_at) WHERE dispatched_at IS NULL`);
    await q.query(`CREATE INDEX ix_notification_digest ON notification (digest_id) WHERE digest_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE notification_preference (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL,
        type text NOT NULL,
        channel text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_preference PRIMARY KEY (employee_id, type),
        CONSTRAINT fk_notification_preference_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_notification_preference_channel CHECK (channel IN ('IN_APP', 'EMAIL_DIGEST', 'OFF')),
        CONSTRAINT ck_notification_preference_type CHECK (type ~ '^[A-Z][A-Z0-9_]{1,63}$')
      )`);
    await q.query(`
      CREATE INDEX ix_notification_preference_digest ON notification_preference (organization_id, employee_id)
        WHERE channel = 'EMAIL_DIGEST'`);

    // ------------------------------------------------------------ research meetings
    await q.query(`
      CREATE TABLE meeting_host (
        employee_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        monthly_capacity smallint,
        accepting_requests boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_meeting_host_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_meeting_host_capacity CHECK (monthly_capacity IS NULL OR monthly_capacity BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_meeting_host_org ON meeting_host (organization_id)`);
    await q.query(`
      CREATE TABLE research_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        requester_id uuid NOT NULL,
        invitee_id uuid NOT NULL,
        business_unit_id uuid,
        purpose text NOT NULL,
        questions text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        capacity_month date,
        requested_at timestamptz NOT NULL,
        admitted_at timestamptz,
        proposed_slots timestamptz[] NOT NULL DEFAULT '{}',
        starts_at timestamptz,
        ends_at timestamptz,
        scheduled_at timestamptz,
        reminder_sent_at timestamptz,
        invite_sequence integer NOT NULL DEFAULT 0,
        invite_sent_sequence integer,
        decline_reason text,
        cancelled_by_id uuid,
        cancel_reason text,
        notes text,
        follow_ups text[] NOT NULL DEFAULT '{}',
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_research_meeting_requester FOREIGN KEY (requester_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_research_meeting_invitee FOREIGN KEY (invitee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_research_meeting_business_unit FOREIGN KEY (business_unit_id) REFERENCES department(id) ON DELETE SET NULL,
        CONSTRAINT fk_research_meeting_cancelled_by FOREIGN KEY (cancelled_by_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT ck_research_meeting_status CHECK (status IN
          ('QUEUED', 'REQUESTED', 'PROPOSED', 'SCHEDULED', 'COMPLETED', 'DECLINED', 'CANCELLED')),
        CONSTRAINT ck_research_meeting_not_self CHECK (requester_id <> invitee_id),
        CONSTRAINT ck_research_meeting_queued_unadmitted CHECK (status <> 'QUEUED' OR capacity_month IS NULL),
        CONSTRAINT ck_research_meeting_admitted CHECK
          (status NOT IN ('REQUESTED', 'PROPOSED', 'SCHEDULED', 'COMPLETED') OR capacity_month IS NOT NULL),
        CONSTRAINT ck_research_meeting_slots CHECK (cardinality(proposed_slots) <= 3),
        CONSTRAINT ck_research_meeting_time CHECK
          (status NOT IN ('SCHEDULED', 'COMPLETED') OR (starts_at IS NOT NULL AND ends_at > starts_at))
      )`);
    // One open request per requester and invitee (history is kept).
    await q.query(`
      CREATE UNIQUE INDEX uq_research_meeting_open_pair ON research_meeting (requester_id, invitee_id)
        WHERE status IN ('QUEUED', 'REQUESTED', 'PROPOSED', 'SCHEDULED')`);
    await q.query(`CREATE INDEX ix_research_meeting_requester ON research_meeting (requester_id, requested_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_research_meeting_invitee ON research_meeting (invitee_id, requested_at DESC, id DESC)`);
    await q.query(`
      CREATE INDEX ix_research_meeting_queue ON research_meeting (organization_id, invitee_id, requested_at, id)
        WHERE status = 'QUEUED'`);
    await q.query(`
      CREATE INDEX ix_research_meeting_capacity ON research_meeting (invitee_id, capacity_month)
        WHERE status IN ('REQUESTED', 'PROPOSED', 'SCHEDULED', 'COMPLETED')`);
    await q.query(`
      CREATE INDEX ix_research_meeting_reminder_due ON research_meeting (starts_at)
        WHERE status = 'SCHEDULED' AND reminder_sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS research_meeting`);
    await q.query(`DROP TABLE IF EXISTS meeting_host`);
    await q.query(`DROP TABLE IF EXISTS notification_preference`);
    await q.query(`DROP INDEX IF EXISTS ix_notification_digest`);
    await q.query(`DROP INDEX IF EXISTS ix_notification_undispatched`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT IF EXISTS fk_notification_digest`);
    await q.query(`ALTER TABLE notification DROP COLUMN IF EXISTS digest_id`);
    await q.query(`ALTER TABLE notification DROP COLUMN IF EXISTS dispatched_at`);
    await q.query(`DROP TABLE IF EXISTS notification_digest`);
  }
}
