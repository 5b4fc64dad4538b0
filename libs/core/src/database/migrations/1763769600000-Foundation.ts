import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, people and skills, and the durable event pipeline (outbox, job failures). */
export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_organization_slug UNIQUE (slug)
      )`);
    await q.query(`
      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'DEPARTMENT' CHECK (kind IN ('DEPARTMENT', 'BUSINESS_UNIT')),
        parent_id uuid REFERENCES department(id),
        leader_id uuid,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_department_org_name UNIQUE (organization_id, name)
      )`);
    await q.query(`CREATE INDEX ix_department_parent ON department (parent_id)`);
    await q.query(`
      CREATE TABLE employee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        email text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
        title text NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 12),
        department_id uuid REFERENCES department(id),
        manager_id uuid REFERENCES employee(id),
        location text,
        time_zone text NOT NULL DEFAULT 'UTC',
        languages text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{EMPLOYEE}',
        active boolean NOT NULL DEFAULT true,
        bio text,
        passions text[] NOT NULL DEFAULT '{}',
        open_to_mentoring boolean NOT NULL DEFAULT false,
        seeking_mentor boolean NOT NULL DEFAULT false,
        open_to_projects boolean NOT NULL DEFAULT false,
        open_to_opportunities boolean NOT NULL DEFAULT false,
        target_roles text[] NOT NULL DEFAULT '{}',
        target_department_ids uuid[] NOT NULL DEFAULT '{}',
        priorities text[] NOT NULL DEFAULT '{}',
        priorities_note text,
        profile_reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_employee_org_email UNIQUE (organization_id, email),
        CONSTRAINT ck_employee_not_own_manager CHECK (manager_id IS NULL OR manager_id <> id)
      )`);
    await q.query(`CREATE INDEX ix_employee_org_name ON employee (organization_id, full_name, id)`);
    await q.query(`CREATE INDEX ix_employee_department ON employee (department_id)`);
    await q.query(`CREATE INDEX ix_employee_manager ON employee (manager_id)`);
    await q.query(`ALTER TABLE department ADD CONSTRAINT fk_department_leader FOREIGN KEY (leader_id) REFERENCES employee(id)`);
    await q.query(`
      CREATE TABLE skill (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        name text NOT NULL,
        normalized_name text NOT NULL,
        category text,
        status text NOT NULL DEFAULT 'APPROVED' CHECK (status IN ('APPROVED', 'PROPOSED')),
        proposed_by_id uuid REFERENCES employee(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_skill_org_normalized UNIQUE (organization_id, normalized_name)
      )`);
    await q.query(`
      CREATE TABLE skill_alias (
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        normalized_alias text NOT NULL,
        skill_id uuid NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
        CONSTRAINT pk_skill_alias PRIMARY KEY (organization_id, normalized_alias)
      )`);
    await q.query(`CREATE INDEX ix_skill_alias_skill ON skill_alias (skill_id)`);
    await q.query(`
      CREATE TABLE employee_skill (
        employee_id uuid NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
        skill_id uuid NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        proficiency smallint NOT NULL CHECK (proficiency BETWEEN 1 AND 5),
        wants_to_learn boolean NOT NULL DEFAULT false,
        wants_to_teach boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_employee_skill PRIMARY KEY (employee_id, skill_id)
      )`);
    await q.query(`CREATE INDEX ix_employee_skill_skill ON employee_skill (skill_id, proficiency, employee_id)`);
    await q.query(`
      CREATE TABLE employee_search_document (
        employee_id uuid PRIMARY KEY REFERENCES employee(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        document tsvector NOT NULL,
        skill_vector jsonb NOT NULL DEFAULT '{}'::jsonb,
        source_event_id uuid,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_employee_search_document_document ON employee_search_document USING gin (document)`);
    await q.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX ix_outbox_event_pending ON outbox_event (available_at) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX ix_outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE job_failure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        event_id uuid,
        payload jsonb NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_job_failure_queue_job UNIQUE (queue, job_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['job_failure', 'outbox_event', 'employee_search_document', 'employee_skill', 'skill_alias', 'skill']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`ALTER TABLE department DROP CONSTRAINT IF EXISTS fk_department_leader`);
    for (const t of ['employee', 'department', 'organization']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
