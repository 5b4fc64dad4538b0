import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-functional projects (posting, needed skills, participation with atomic seats and
 * manager approval, skill endorsements as profile evidence) and committees (seats, seat
 * openings with deadlines, applications, memberships with terms and rotation reminders).
 */
export class ProjectsCommittees1763770000000 implements MigrationInterface {
  name = 'ProjectsCommittees1763770000000';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- projects
    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL,
        title text NOT NULL,
        goal text NOT NULL,
        hours_per_week smallint NOT NULL,
        duration_weeks smallint NOT NULL,
        seats smallint NOT NULL,
        seats_taken smallint NOT NULL DEFAULT 0,
        department_ids uuid[] NOT NULL DEFAULT '{}',
        start_date date NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        published_at timestamptz,
        closed_at timestamptz,
        completed_at timestamptz,
        announced_count integer NOT NULL DEFAULT 0,
        announced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_project_owner FOREIGN KEY (owner_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_project_status CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED', 'COMPLETED')),
        CONSTRAINT ck_project_hours CHECK (hours_per_week BETWEEN 1 AND 40),
        CONSTRAINT ck_project_duration CHECK (duration_weeks BETWEEN 1 AND 104),
        CONSTRAINT ck_project_seats CHECK (seats BETWEEN 1 AND 100),
        CONSTRAINT ck_project_seats_taken CHECK (seats_taken >= 0 AND seats_taken <= seats)
      )`);
    await q.query(`CREATE INDEX ix_project_org_created ON project (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_project_owner ON project (owner_id)`);
    await q.query(`
      CREATE TABLE project_skill (
        project_id uuid NOT NULL,
        skill_id uuid NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        min_proficiency smallint NOT NULL,
        CONSTRAINT pk_project_skill PRIMARY KEY (project_id, skill_id),
        CONSTRAINT fk_project_skill_project FOREIGN KEY (project_id) REFERENCES project(id) ON DELETE CASCADE,
        CONSTRAINT fk_project_skill_skill FOREIGN KEY (skill_id) REFERENCES skill(id) ON DELETE CASCADE,
        CONSTRAINT ck_project_skill_proficiency CHECK (min_proficiency BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX ix_project_skill_skill ON project_skill (skill_id)`);
    await q.query(`
      CREATE TABLE project_participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        project_id uuid NOT NULL,
        employee_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'REQUESTED',
        motivation text NOT NULL DEFAULT '',
        hours_per_week smallint NOT NULL,
        approver_id uuid,
        decided_by_id uuid,
        decided_at timestamptz,
        decision_note text,
        approved_by_id uuid,
        approved_at timestamptz,
        requested_at timestamptz NOT NULL,
        joined_at timestamptz,
        ended_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_project_participant_project FOREIGN KEY (project_id) REFERENCES project(id) ON DELETE CASCADE,
        CONSTRAINT fk_project_participant_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_project_participant_approver FOREIGN KEY (approver_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT ck_project_participant_status CHECK (status IN
          ('REQUESTED', 'PENDING_APPROVAL', 'ACTIVE', 'DECLINED', 'APPROVAL_DECLINED', 'WITHDRAWN', 'LEFT', 'COMPLETED'))
      )`);
    // One live request or participation per person and project (history is kept).
    await q.query(`
      CREATE UNIQUE INDEX uq_project_participant_live ON project_participant (project_id, employee_id)
       WHERE status IN ('REQUESTED', 'PENDING_APPROVAL', 'ACTIVE')`);
    await q.query(`CREATE INDEX ix_project_participant_project ON project_participant (project_id, requested_at, id)`);
    await q.query(`CREATE INDEX ix_project_participant_employee ON project_participant (employee_id, requested_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_project_participant_approver ON project_participant (approver_id) WHERE status = 'PENDING_APPROVAL'`);
    await q.query(`
      CREATE TABLE skill_endorsement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        employee_id uuid NOT NULL,
        skill_id uuid NOT NULL,
        project_id uuid NOT NULL,
        endorsed_by_id uuid NOT NULL,
        proficiency smallint NOT NULL,
        note text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_skill_endorsement_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_skill_endorsement_skill FOREIGN KEY (skill_id) REFERENCES skill(id) ON DELETE CASCADE,
        CONSTRAINT fk_skill_endorsement_project FOREIGN KEY (project_id) REFERENCES project(id) ON DELETE CASCADE,
        CONSTRAINT fk_skill_endorsement_endorser FOREIGN KEY (endorsed_by_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT ck_skill_endorsement_proficiency CHECK (proficiency BETWEEN 1 AND 5),
        CONSTRAINT uq_skill_endorsement_project_employee_skill UNIQUE (project_id, employee_id, skill_id)
      )`);
    await q.query(`CREATE INDEX ix_skill_endorsement_employee_skill ON skill_endorsement (employee_id, skill_id, created_at DESC)`);

    // ---------------------------------------------------------------- committees
    await q.query(`
      CREATE TABLE committee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        mission text NOT NULL,
        passion_tags text[] NOT NULL DEFAULT '{}',
        chair_id uuid,
        seats smallint NOT NULL,
        term_months smallint NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_committee_chair FOREIGN KEY (chair_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT fk_committee_created_by FOREIGN KEY (created_by_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT uq_committee_org_name UNIQUE (organization_id, name),
        CONSTRAINT ck_committee_seats CHECK (seats BETWEEN 1 AND 100),
        CONSTRAINT ck_committee_term CHECK (term_months BETWEEN 1 AND 60)
      )`);
    await q.query(`CREATE INDEX ix_committee_org_name ON committee (organization_id, name, id)`);
    await q.query(`
      CREATE TABLE committee_seat_opening (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        committee_id uuid NOT NULL,
        seats smallint NOT NULL,
        seats_filled smallint NOT NULL DEFAULT 0,
        deadline timestamptz NOT NULL,
        term_starts_at timestamptz,
        status text NOT NULL DEFAULT 'OPEN',
        reason text NOT NULL DEFAULT 'MANUAL',
        source_membership_id uuid,
        opened_by_id uuid,
        announced_count integer NOT NULL DEFAULT 0,
        announced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT fk_committee_seat_opening_committee FOREIGN KEY (committee_id) REFERENCES committee(id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_seat_opening_opened_by FOREIGN KEY (opened_by_id) REFERENCES employee(id) ON DELETE SET NULL,
        CONSTRAINT ck_committee_seat_opening_seats CHECK (seats BETWEEN 1 AND 100 AND seats_filled BETWEEN 0 AND seats),
        CONSTRAINT ck_committee_seat_opening_status CHECK (status IN ('OPEN', 'CLOSED')),
        CONSTRAINT ck_committee_seat_opening_reason CHECK (reason IN ('MANUAL', 'TERM_ENDING')),
        CONSTRAINT uq_committee_seat_opening_source UNIQUE (source_membership_id)
      )`);
    await q.query(`CREATE INDEX ix_committee_seat_opening_committee ON committee_seat_opening (committee_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_committee_seat_opening_org_open ON committee_seat_opening (organization_id, deadline) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE committee_membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        committee_id uuid NOT NULL,
        employee_id uuid NOT NULL,
        opening_id uuid,
        status text NOT NULL DEFAULT 'ACTIVE',
        term_start timestamptz NOT NULL,
        term_end timestamptz NOT NULL,
        reminder_sent_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_committee_membership_committee FOREIGN KEY (committee_id) REFERENCES committee(id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_membership_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_membership_opening FOREIGN KEY (opening_id) REFERENCES committee_seat_opening(id) ON DELETE SET NULL,
        CONSTRAINT ck_committee_membership_status CHECK (status IN ('ACTIVE', 'ENDED')),
        CONSTRAINT ck_committee_membership_term CHECK (term_end > term_start)
      )`);
    await q.query(`ALTER TABLE committee_seat_opening ADD CONSTRAINT fk_committee_seat_opening_source
                     FOREIGN KEY (source_membership_id) REFERENCES committee_membership(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_committee_membership_committee ON committee_membership (committee_id, status, term_end)`);
    await q.query(`CREATE INDEX ix_committee_membership_employee ON committee_membership (employee_id, term_start DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_committee_membership_due ON committee_membership (term_end) WHERE status = 'ACTIVE'`);
    await q.query(`
      CREATE TABLE committee_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        opening_id uuid NOT NULL,
        committee_id uuid NOT NULL,
        employee_id uuid NOT NULL,
        motivation text NOT NULL,
        status text NOT NULL DEFAULT 'APPLIED',
        decided_by_id uuid,
        decided_at timestamptz,
        feedback text,
        membership_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_committee_application_opening FOREIGN KEY (opening_id) REFERENCES committee_seat_opening(id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_application_committee FOREIGN KEY (committee_id) REFERENCES committee(id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_application_employee FOREIGN KEY (employee_id) REFERENCES employee(id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_application_membership FOREIGN KEY (membership_id) REFERENCES committee_membership(id) ON DELETE SET NULL,
        CONSTRAINT ck_committee_application_status CHECK (status IN ('APPLIED', 'SELECTED', 'REJECTED', 'WITHDRAWN')),
        CONSTRAINT uq_committee_application_opening_employee UNIQUE (opening_id, employee_id)
      )`);
    await q.query(`CREATE INDEX ix_committee_application_opening ON committee_application (opening_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_committee_application_employee ON committee_application (employee_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE committee_seat_opening DROP CONSTRAINT IF EXISTS fk_committee_seat_opening_source`);
    for (const t of [
      'committee_application',
      'committee_membership',
      'committee_seat_opening',
      'committee',
      'skill_endorsement',
      'project_participant',
      'project_skill',
      'project',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
