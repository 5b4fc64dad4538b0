import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Internal openings (libs/openings): openings with required / nice-to-have skills and visibility
 * targeting, saved openings, applications with their transition log, release-date agreements
 * for internal hires, and interview practice logs. See libs/openings/README.md.
 */
export class Openings1763769800000 implements MigrationInterface {
  name = 'Openings1763769800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opening (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        title text NOT NULL,
        department_id uuid NOT NULL,
        hiring_manager_id uuid NOT NULL,
        level smallint NOT NULL,
        location text,
        remote_policy text NOT NULL DEFAULT 'ONSITE',
        positions integer NOT NULL DEFAULT 1,
        positions_filled integer NOT NULL DEFAULT 0,
        description text NOT NULL DEFAULT '',
        closes_at timestamptz,
        status text NOT NULL DEFAULT 'DRAFT',
        close_reason text,
        visible_to_all boolean NOT NULL DEFAULT true,
        visible_department_ids uuid[] NOT NULL DEFAULT '{}',
        visible_levels smallint[] NOT NULL DEFAULT '{}',
        visible_locations text[] NOT NULL DEFAULT '{}',
        search_document tsvector NOT NULL DEFAULT ''::tsvector,
        created_by_id uuid,
        published_at timestamptz,
        closed_at timestamptz,
        closed_by_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_opening_department FOREIGN KEY (department_id) REFERENCES department(id),
        CONSTRAINT fk_opening_hiring_manager FOREIGN KEY (hiring_manager_id) REFERENCES employee(id),
        CONSTRAINT fk_opening_created_by FOREIGN KEY (created_by_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT fk_opening_closed_by FOREIGN KEY (closed_by_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT ck_opening_level CHECK (level BETWEEN 1 AND 12),
        CONSTRAINT ck_opening_remote_policy CHECK (remote_policy IN ('ONSITE', 'HYBRID', 'REMOTE')),
        CONSTRAINT ck_opening_positions CHECK (positions BETWEEN 1 AND 100 AND positions_filled BETWEEN 0 AND positions),
        CONSTRAINT ck_opening_status CHECK (status IN ('DRAFT', 'PUBLISHED', 'PAUSED', 'CLOSED')),
        CONSTRAINT ck_opening_close_reason CHECK (
          (status = 'CLOSED' AND close_reason IN ('FILLED', 'CANCELLED', 'EXPIRED')) OR (status <> 'CLOSED' AND close_reason IS NULL)),
        CONSTRAINT ck_opening_targeting CHECK (
          visible_to_all OR cardinality(visible_department_ids) + cardinality(visible_levels) + cardinality(visible_locations) > 0)
      )`);
    await q.query(`CREATE INDEX ix_opening_org_status_published ON opening (organization_id, status, published_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_opening_search_document ON opening USING gin (search_document)`);
    await q.query(`CREATE INDEX ix_opening_hiring_manager ON opening (hiring_manager_id)`);
    await q.query(`CREATE INDEX ix_opening_department ON opening (department_id)`);
    await q.query(`CREATE INDEX ix_opening_expiry ON opening (closes_at) WHERE status IN ('PUBLISHED', 'PAUSED') AND closes_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE opening_skill (
        opening_id uuid NOT NULL,
        skill_id uuid NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        kind text NOT NULL,
        min_proficiency smallint,
        weight smallint NOT NULL DEFAULT 1,
        CONSTRAINT pk_opening_skill PRIMARY KEY (opening_id, skill_id),
        CONSTRAINT fk_opening_skill_opening FOREIGN KEY (opening_id) REFERENCES opening(id) ON DELETE CASCADE,
        CONSTRAINT fk_opening_skill_skill FOREIGN KEY (skill_id) REFERENCES skill(id) ON DELETE CASCADE,
        CONSTRAINT ck_opening_skill_kind CHECK (kind IN ('REQUIRED', 'NICE_TO_HAVE')),
        CONSTRAINT ck_opening_skill_min CHECK (
          (kind = 'REQUIRED' AND min_proficiency BETWEEN 1 AND 5) OR (kind = 'NICE_TO_HAVE' AND min_proficiency IS NULL)),
        CONSTRAINT ck_opening_skill_weight CHECK (weight BETWEEN 1 AND 10)
      )`);
    await q.query(`CREATE INDEX ix_opening_skill_skill ON opening_skill (skill_id, opening_id)`);

    await q.query(`
      CREATE TABLE saved_opening (
        employee_id uuid NOT NULL,
        opening_id uuid NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_saved_opening PRIMARY KEY (employee_id, opening_id),
        CONSTRAINT fk_saved_opening_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_saved_opening_opening FOREIGN KEY (opening_id) REFERENCES opening(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_saved_opening_employee_created ON saved_opening (employee_id, created_at DESC, opening_id DESC)`);
    await q.query(`CREATE INDEX ix_saved_opening_opening ON saved_opening (opening_id)`);

    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        opening_id uuid NOT NULL,
        applicant_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'SUBMITTED',
        note text NOT NULL DEFAULT '',
        disclose_at_stage text NOT NULL,
        disclosed_at timestamptz,
        disclosed_by text,
        rejection_feedback text,
        missing_skill_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        submitted_at timestamptz NOT NULL,
        status_changed_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_application_opening FOREIGN KEY (opening_id) REFERENCES opening(id) ON DELETE CASCADE,
        CONSTRAINT fk_application_applicant FOREIGN KEY (applicant_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_application_status CHECK (
          status IN ('SUBMITTED', 'SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED', 'REJECTED', 'WITHDRAWN')),
        CONSTRAINT ck_application_disclose_at_stage CHECK (
          disclose_at_stage IN ('SUBMITTED', 'SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED')),
        CONSTRAINT ck_application_disclosed_by CHECK (
          (disclosed_at IS NULL AND disclosed_by IS NULL) OR (disclosed_at IS NOT NULL AND disclosed_by IN ('STAGE', 'APPLICANT'))),
        CONSTRAINT ck_application_rejection_feedback CHECK (
          status <> 'REJECTED' OR length(btrim(rejection_feedback)) > 0)
      )`);
    // One live application per person and opening; a withdrawn one may be followed by a new one.
    await q.query(`CREATE UNIQUE INDEX uq_application_live ON application (opening_id, applicant_id) WHERE status <> 'WITHDRAWN'`);
    await q.query(`CREATE INDEX ix_application_applicant ON application (applicant_id, submitted_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_application_opening_status ON application (opening_id, status, submitted_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE application_transition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        application_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid,
        note text NOT NULL DEFAULT '',
        disclosed boolean NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT fk_application_transition_application FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE CASCADE,
        CONSTRAINT fk_application_transition_actor FOREIGN KEY (actor_id) REFERENCES employee(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX ix_application_transition_application ON application_transition (application_id, at, id)`);

    await q.query(`
      CREATE TABLE release_agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        application_id uuid NOT NULL,
        employee_id uuid NOT NULL,
        manager_id uuid NOT NULL,
        hired_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        release_date date,
        agreed_at timestamptz,
        agreed_by_id uuid,
        reminded_at timestamptz,
        escalated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_release_agreement_application UNIQUE (application_id),
        CONSTRAINT fk_release_agreement_application FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE CASCADE,
        CONSTRAINT fk_release_agreement_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_release_agreement_manager FOREIGN KEY (manager_id) REFERENCES employee(id),
        CONSTRAINT fk_release_agreement_agreed_by FOREIGN KEY (agreed_by_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT ck_release_agreement_status CHECK (
          (status = 'PENDING' AND release_date IS NULL AND agreed_at IS NULL)
          OR (status = 'AGREED' AND release_date IS NOT NULL AND agreed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_release_agreement_pending ON release_agreement (organization_id, hired_at, id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX ix_release_agreement_manager ON release_agreement (manager_id) WHERE status = 'PENDING'`);

    await q.query(`
      CREATE TABLE interview_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL,
        kind text NOT NULL,
        application_id uuid,
        company text NOT NULL DEFAULT '',
        role_title text NOT NULL DEFAULT '',
        occurred_at timestamptz NOT NULL,
        went_well text NOT NULL DEFAULT '',
        to_improve text NOT NULL DEFAULT '',
        shared_with_manager boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_interview_log_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_interview_log_application FOREIGN KEY (application_id) REFERENCES application(id) ON DELETE CASCADE,
        CONSTRAINT uq_interview_log_application UNIQUE (application_id),
        CONSTRAINT ck_interview_log_kind CHECK (
          (kind = 'INTERNAL' AND application_id IS NOT NULL) OR (kind IN ('EXTERNAL', 'PRACTICE') AND application_id IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_interview_log_employee_occurred ON interview_log (employee_id, occurred_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE interview_practice (
        employee_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        nudge_opt_in boolean NOT NULL DEFAULT false,
        last_nudged_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_interview_practice_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_interview_practice_opt_in ON interview_practice (last_nudged_at) WHERE nudge_opt_in`);

    // The recommendation fan-out walks, in id order and chunk by chunk, the employees who can be
    // recommended (active, open to opportunities): partial, and covering what targeting reads.
    await q.query(
      `CREATE INDEX ix_employee_open_to_opportunities ON employee (organization_id, id) INCLUDE (level, department_id, location)
        WHERE active AND open_to_opportunities`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_employee_open_to_opportunities`);
    for (const t of ['interview_practice', 'interview_log', 'release_agreement', 'application_transition', 'application', 'saved_opening', 'opening_skill', 'opening']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
