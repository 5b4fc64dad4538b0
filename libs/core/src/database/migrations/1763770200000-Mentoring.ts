import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentoring: mentor / mentee opt-in, HR matching rounds with their proposals, race-free
 * accept / decline, mentorships with one-to-one sessions and completion feedback.
 * Capacity is checked under a per-mentor transaction lock (see libs/mentoring/README.md);
 * the partial unique indexes below are the database's last word on duplicates.
 */
export class Mentoring1763770200000 implements MigrationInterface {
  name = 'Mentoring1763770200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mentor_profile (
        employee_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'ACTIVE',
        capacity smallint NOT NULL DEFAULT 2,
        topic_skill_ids uuid[] NOT NULL DEFAULT '{}',
        availability text NOT NULL DEFAULT '',
        paused_at timestamptz,
        pause_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_mentor_profile_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_mentor_profile_status CHECK (status IN ('ACTIVE', 'PAUSED', 'OPTED_OUT')),
        CONSTRAINT ck_mentor_profile_capacity CHECK (capacity BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX ix_mentor_profile_org_status ON mentor_profile (organization_id, status)`);
    await q.query(`
      CREATE TABLE mentee_profile (
        employee_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'ACTIVE',
        goals text NOT NULL DEFAULT '',
        learn_skill_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_mentee_profile_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_mentee_profile_status CHECK (status IN ('ACTIVE', 'OPTED_OUT'))
      )`);
    await q.query(`CREATE INDEX ix_mentee_profile_org_status ON mentee_profile (organization_id, status)`);
    await q.query(`
      CREATE TABLE mentoring_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        objective text NOT NULL DEFAULT 'SCORE',
        deadline timestamptz NOT NULL,
        mentee_department_ids uuid[] NOT NULL DEFAULT '{}',
        mentee_min_level smallint,
        mentee_max_level smallint,
        mentor_department_ids uuid[] NOT NULL DEFAULT '{}',
        mentor_min_level smallint,
        mentor_max_level smallint,
        include_already_mentored boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'DRAFT',
        run_id uuid,
        run_count integer NOT NULL DEFAULT 0,
        progress_percent smallint NOT NULL DEFAULT 0,
        progress_phase text,
        phase_timings jsonb NOT NULL DEFAULT '[]'::jsonb,
        mentee_count integer,
        mentor_count integer,
        mentor_seats integer,
        matched_count integer,
        total_score double precision,
        unmatched_mentee_ids uuid[] NOT NULL DEFAULT '{}',
        last_error text,
        created_by_id uuid NOT NULL,
        launched_at timestamptz,
        matched_at timestamptz,
        published_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_mentoring_round_created_by FOREIGN KEY (created_by_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_mentoring_round_objective CHECK (objective IN ('SCORE', 'COVERAGE')),
        CONSTRAINT ck_mentoring_round_status CHECK (status IN ('DRAFT', 'MATCHING', 'REVIEW', 'PUBLISHED', 'CLOSED', 'FAILED')),
        CONSTRAINT ck_mentoring_round_progress CHECK (progress_percent BETWEEN 0 AND 100),
        CONSTRAINT ck_mentoring_round_mentee_levels CHECK (mentee_min_level IS NULL OR mentee_max_level IS NULL OR mentee_min_level <= mentee_max_level),
        CONSTRAINT ck_mentoring_round_mentor_levels CHECK (mentor_min_level IS NULL OR mentor_max_level IS NULL OR mentor_min_level <= mentor_max_level)
      )`);
    await q.query(`CREATE INDEX ix_mentoring_round_org_created ON mentoring_round (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_mentoring_round_published_deadline ON mentoring_round (deadline) WHERE status = 'PUBLISHED'`);
    await q.query(`
      CREATE TABLE mentoring_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        round_id uuid,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        source text NOT NULL,
        status text NOT NULL,
        score double precision,
        components jsonb NOT NULL DEFAULT '{}'::jsonb,
        reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
        message text,
        mentee_response text NOT NULL DEFAULT 'PENDING',
        mentor_response text NOT NULL DEFAULT 'PENDING',
        mentee_responded_at timestamptz,
        mentor_responded_at timestamptz,
        closed_reason text,
        decline_note text,
        replaces_proposal_id uuid,
        mentorship_id uuid,
        published_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_mentoring_proposal_round FOREIGN KEY (round_id) REFERENCES mentoring_round(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_proposal_mentee FOREIGN KEY (mentee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_proposal_mentor FOREIGN KEY (mentor_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_proposal_replaces FOREIGN KEY (replaces_proposal_id) REFERENCES mentoring_proposal(id) ON DELETE SET NULL,
        CONSTRAINT uq_mentoring_proposal_replaces UNIQUE (replaces_proposal_id),
        CONSTRAINT ck_mentoring_proposal_not_self CHECK (mentee_id <> mentor_id),
        CONSTRAINT ck_mentoring_proposal_source CHECK (source IN ('ROUND', 'REMATCH', 'REQUEST')),
        CONSTRAINT ck_mentoring_proposal_round CHECK ((source = 'REQUEST') = (round_id IS NULL)),
        CONSTRAINT ck_mentoring_proposal_status CHECK (status IN ('PROPOSED', 'PUBLISHED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
        CONSTRAINT ck_mentoring_proposal_mentee_response CHECK (mentee_response IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        CONSTRAINT ck_mentoring_proposal_mentor_response CHECK (mentor_response IN ('PENDING', 'ACCEPTED', 'DECLINED'))
      )`);
    // At most one open proposal per mentee in a round, and per pair anywhere.
    await q.query(`CREATE UNIQUE INDEX uq_mentoring_proposal_open_round_mentee ON mentoring_proposal (round_id, mentee_id)
                     WHERE status IN ('PROPOSED', 'PUBLISHED')`);
    await q.query(`CREATE UNIQUE INDEX uq_mentoring_proposal_open_pair ON mentoring_proposal (mentee_id, mentor_id)
                     WHERE status IN ('PROPOSED', 'PUBLISHED')`);
    await q.query(`CREATE INDEX ix_mentoring_proposal_round ON mentoring_proposal (round_id, status, id)`);
    await q.query(`CREATE INDEX ix_mentoring_proposal_mentee ON mentoring_proposal (mentee_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_mentoring_proposal_mentor ON mentoring_proposal (mentor_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_mentoring_proposal_org_open ON mentoring_proposal (organization_id, mentor_id) WHERE status IN ('PROPOSED', 'PUBLISHED')`);
    await q.query(`CREATE INDEX ix_mentoring_proposal_awaiting_mentor ON mentoring_proposal (published_at)
                     WHERE status = 'PUBLISHED' AND mentor_response = 'PENDING'`);
    await q.query(`
      CREATE TABLE mentorship (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        proposal_id uuid NOT NULL,
        round_id uuid,
        status text NOT NULL DEFAULT 'ACTIVE',
        cadence_days smallint NOT NULL DEFAULT 14,
        started_at timestamptz NOT NULL,
        reminded_for timestamptz,
        completed_at timestamptz,
        completed_by_id uuid,
        mentee_rating smallint,
        mentee_feedback text,
        mentee_feedback_at timestamptz,
        mentor_rating smallint,
        mentor_feedback text,
        mentor_feedback_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_mentorship_mentee FOREIGN KEY (mentee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentorship_mentor FOREIGN KEY (mentor_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentorship_proposal FOREIGN KEY (proposal_id) REFERENCES mentoring_proposal(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentorship_round FOREIGN KEY (round_id) REFERENCES mentoring_round(id) ON DELETE SET NULL,
        CONSTRAINT uq_mentorship_proposal UNIQUE (proposal_id),
        CONSTRAINT ck_mentorship_status CHECK (status IN ('ACTIVE', 'COMPLETED')),
        CONSTRAINT ck_mentorship_cadence CHECK (cadence_days BETWEEN 7 AND 90),
        CONSTRAINT ck_mentorship_mentee_rating CHECK (mentee_rating BETWEEN 1 AND 5),
        CONSTRAINT ck_mentorship_mentor_rating CHECK (mentor_rating BETWEEN 1 AND 5),
        CONSTRAINT ck_mentorship_not_self CHECK (mentee_id <> mentor_id)
      )`);
    await q.query(`ALTER TABLE mentoring_proposal ADD CONSTRAINT fk_mentoring_proposal_mentorship
                     FOREIGN KEY (mentorship_id) REFERENCES mentorship(id) ON DELETE SET NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_mentorship_active_pair ON mentorship (mentee_id, mentor_id) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX ix_mentorship_mentor ON mentorship (mentor_id, status)`);
    await q.query(`CREATE INDEX ix_mentorship_mentee ON mentorship (mentee_id, status)`);
    await q.query(`CREATE INDEX ix_mentorship_org_started ON mentorship (organization_id, started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_mentorship_active ON mentorship (started_at) WHERE status = 'ACTIVE'`);
    await q.query(`
      CREATE TABLE mentoring_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        mentorship_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        duration_minutes smallint NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED',
        notes text NOT NULL DEFAULT '',
        created_by_id uuid NOT NULL,
        ics_sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_mentoring_session_mentorship FOREIGN KEY (mentorship_id) REFERENCES mentorship(id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_session_created_by FOREIGN KEY (created_by_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_mentoring_session_status CHECK (status IN ('SCHEDULED', 'CANCELLED')),
        CONSTRAINT ck_mentoring_session_duration CHECK (duration_minutes BETWEEN 15 AND 240)
      )`);
    await q.query(`CREATE INDEX ix_mentoring_session_mentorship ON mentoring_session (mentorship_id, starts_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mentoring_proposal DROP CONSTRAINT IF EXISTS fk_mentoring_proposal_mentorship`);
    for (const t of ['mentoring_session', 'mentorship', 'mentoring_proposal', 'mentoring_round', 'mentee_profile', 'mentor_profile']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
