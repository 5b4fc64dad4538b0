import { DataSource, QueryRunner } from 'typeorm';
import { REFRESH_SEARCH_DOCUMENTS_SQL } from '../search-document';
import {
  DEFAULT_SEED,
  DEMO_ACCOUNTS,
  demoEmail,
  GeneratedOrganization,
  generateOrganization,
  Persona,
  validateSeedOptions,
} from './generator';

export { DEFAULT_SEED, MAX_EMPLOYEES, MIN_EMPLOYEES } from './generator';
export type { Persona } from './generator';

export interface SeedOptions {
  /** Organization slug; also the email domain `<slug>.waypoint.test`. */
  slug: string;
  /** Display name; defaults to the slug in title case. */
  name?: string;
  /** Headcount, from MIN_EMPLOYEES (50) to MAX_EMPLOYEES (200,000). */
  employees: number;
  /** PRNG seed; the same (slug, seed, employees) always gives the same organization. Default 42. */
  seed?: number;
}

export interface DemoUser {
  persona: Persona;
  email: string;
  fullName: string;
}

export interface SeedResult {
  organizationId: string;
  /** False when an organization with this slug already existed: nothing was inserted. */
  created: boolean;
  /** Employees of the organization (the existing count when `created` is false). */
  employees: number;
  demoUsers: DemoUser[];
}

/** Rows per multi-row INSERT: large enough to amortize round trips, small enough for the statement timeout. */
const CHUNK = 5000;

/**
 * Seeds a realistic, deterministic organization: business units and departments with leaders,
 * reporting lines, skills from the base taxonomy (with aliases), aspirations, and the directory's
 * search documents. Everything is written with set-based statements in one transaction.
 * Idempotent by slug: if the organization already exists, nothing is inserted and
 * `created: false` is returned with its demo accounts.
 */
export async function seedOrganization(db: DataSource, options: SeedOptions): Promise<SeedResult> {
  validateSeedOptions(options);
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    // The usual case on every boot after the first: already seeded, so generate nothing.
    const [found] = await runner.query(`SELECT id FROM organization WHERE slug = $1`, [options.slug]);
    if (found) return { organizationId: found.id, created: false, ...(await existingOrganization(runner, found.id, options.slug)) };

    const org = generateOrganization({ ...options, seed: options.seed ?? DEFAULT_SEED });
    let created = false;
    let organizationId = org.organizationId;
    await runner.startTransaction();
    try {
      // A concurrent seed of the same slug waits here for the first one, then finds the row.
      const inserted: { id: string }[] = await runner.query(
        `INSERT INTO organization (id, slug, name) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [org.organizationId, org.slug, org.name],
      );
      if (inserted.length) {
        await writeOrganization(runner, org);
        created = true;
      } else {
        const [existing] = await runner.query(`SELECT id FROM organization WHERE slug = $1`, [org.slug]);
        organizationId = existing.id;
      }
      await runner.commitTransaction();
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw e;
    }
    if (created) {
      // Fresh statistics for the last tables written (the others were analyzed in the transaction),
      // so the directory's plans are right from the first request.
      await runner.query('ANALYZE organization, skill_alias, employee_search_document');
      return {
        organizationId,
        created,
        employees: org.employees.length,
        demoUsers: org.demoUsers.map(({ persona, email, fullName }) => ({ persona, email, fullName })),
      };
    }
    return { organizationId, created, ...(await existingOrganization(runner, organizationId, org.slug)) };
  } finally {
    await runner.release();
  }
}

async function existingOrganization(runner: QueryRunner, organizationId: string, slug: string) {
  const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM employee WHERE organization_id = $1`, [organizationId]);
  const emails = DEMO_ACCOUNTS.map((a) => demoEmail(slug, a.persona));
  const rows: { email: string; full_name: string }[] = await runner.query(
    `SELECT email, full_name FROM employee WHERE organization_id = $1 AND email = ANY($2)`,
    [organizationId, emails],
  );
  const demoUsers = DEMO_ACCOUNTS.flatMap(({ persona }) => {
    const row = rows.find((r) => r.email === demoEmail(slug, persona));
    return row ? [{ persona, email: row.email, fullName: row.full_name }] : [];
  });
  return { employees: n as number, demoUsers };
}

function* chunks(total: number, size = CHUNK): Generator<[number, number]> {
  for (let start = 0; start < total; start += size) yield [start, Math.min(total, start + size)];
}

/** A PostgreSQL array literal ('{"a","b"}'), so a text[] per row can travel through unnest as text. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

async function writeOrganization(runner: QueryRunner, org: GeneratedOrganization): Promise<void> {
  const orgId = org.organizationId;

  // The skill taxonomy and its aliases (the set-based equivalent of SkillService.ensureTaxonomy).
  await runner.query(
    `INSERT INTO skill (id, organization_id, name, normalized_name, category)
     SELECT u.id, $1, u.name, u.normalized_name, u.category
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(id, name, normalized_name, category)`,
    [orgId, org.skills.map((s) => s.id), org.skills.map((s) => s.name), org.skills.map((s) => s.normalizedName), org.skills.map((s) => s.category)],
  );
  await runner.query(
    `INSERT INTO skill_alias (organization_id, normalized_alias, skill_id)
     SELECT $1, u.alias, u.skill_id FROM unnest($2::text[], $3::uuid[]) AS u(alias, skill_id)
     ON CONFLICT DO NOTHING`,
    [orgId, org.aliases.map((a) => a.alias), org.aliases.map((a) => org.skills[a.skill].id)],
  );

  // Departments without leaders (the leaders are employees, inserted next).
  await runner.query(
    `INSERT INTO department (id, organization_id, name, kind, parent_id)
     SELECT u.id, $1, u.name, u.kind, u.parent_id
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[]) AS u(id, name, kind, parent_id)`,
    [orgId, org.departments.map((d) => d.id), org.departments.map((d) => d.name), org.departments.map((d) => d.kind), org.departments.map((d) => d.parentId)],
  );

  // Employees, managers first: each chunk only references managers of its own or earlier chunks.
  const employees = org.employees;
  for (const [from, to] of chunks(employees.length)) {
    const rows = employees.slice(from, to);
    const col = <T>(f: (e: (typeof rows)[number]) => T) => rows.map(f);
    await runner.query(
      `INSERT INTO employee (id, organization_id, email, first_name, last_name, title, level, department_id, manager_id,
                             location, time_zone, languages, roles, bio, passions, open_to_mentoring, seeking_mentor,
                             open_to_projects, open_to_opportunities, target_roles, target_department_ids, priorities,
                             priorities_note, profile_reviewed_at, created_at, updated_at)
       SELECT u.id, $1, u.email, u.first_name, u.last_name, u.title, u.level, u.department_id, u.manager_id,
              u.location, u.time_zone, u.languages::text[], u.roles::text[], u.bio, u.passions::text[], u.otm, u.sm,
              u.otp, u.oto, u.target_roles::text[], u.target_department_ids::uuid[], u.priorities::text[],
              u.priorities_note, u.reviewed_at, u.created_at, greatest(u.reviewed_at, u.created_at)
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::uuid[], $9::uuid[],
                     $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::boolean[], $17::boolean[],
                     $18::boolean[], $19::boolean[], $20::text[], $21::text[], $22::text[], $23::text[], $24::timestamptz[],
                     $25::timestamptz[])
           AS u(id, email, first_name, last_name, title, level, department_id, manager_id, location, time_zone, languages,
                roles, bio, passions, otm, sm, otp, oto, target_roles, target_department_ids, priorities, priorities_note,
                reviewed_at, created_at)`,
      [
        orgId,
        col((e) => e.id),
        col((e) => e.email),
        col((e) => e.firstName),
        col((e) => e.lastName),
        col((e) => e.title),
        col((e) => e.level),
        col((e) => e.departmentId),
        col((e) => (e.manager === null ? null : employees[e.manager].id)),
        col((e) => e.location),
        col((e) => e.timeZone),
        col((e) => arrayLiteral(e.languages)),
        col((e) => arrayLiteral(e.roles)),
        col((e) => e.bio),
        col((e) => arrayLiteral(e.passions)),
        col((e) => e.openToMentoring),
        col((e) => e.seekingMentor),
        col((e) => e.openToProjects),
        col((e) => e.openToOpportunities),
        col((e) => arrayLiteral(e.targetRoles)),
        col((e) => arrayLiteral(e.targetDepartmentIds)),
        col((e) => arrayLiteral(e.priorities)),
        col((e) => e.prioritiesNote),
        col((e) => e.profileReviewedAt.toISOString()),
        col((e) => e.createdAt.toISOString()),
      ],
    );
  }

  await runner.query(
    `UPDATE department d SET leader_id = u.leader_id
       FROM unnest($2::uuid[], $3::uuid[]) AS u(id, leader_id)
      WHERE d.id = u.id AND d.organization_id = $1`,
    [orgId, org.departments.map((d) => d.id), org.departments.map((d) => employees[d.leader].id)],
  );

  const es = org.employeeSkills;
  const skillIds = org.skills.map((s) => s.id);
  for (const [from, to] of chunks(es.count, CHUNK * 2)) {
    const employeeIds: string[] = [];
    const ids: string[] = [];
    const proficiency: number[] = [];
    const learn: boolean[] = [];
    const teach: boolean[] = [];
    for (let r = from; r < to; r++) {
      employeeIds.push(employees[es.employee[r]].id);
      ids.push(skillIds[es.skill[r]]);
      proficiency.push(es.proficiency[r]);
      learn.push(es.wantsToLearn[r] === 1);
      teach.push(es.wantsToTeach[r] === 1);
    }
    await runner.query(
      `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency, wants_to_learn, wants_to_teach)
       SELECT u.employee_id, u.skill_id, $1, u.proficiency, u.learn, u.teach
         FROM unnest($2::uuid[], $3::uuid[], $4::smallint[], $5::boolean[], $6::boolean[])
           AS u(employee_id, skill_id, proficiency, learn, teach)`,
      [orgId, employeeIds, ids, proficiency, learn, teach],
    );
  }

  // The directory's search documents, with the worker's own statement. Statistics first (ANALYZE
  // counts this transaction's own rows): without them it is planned for empty tables, 2-3x slower.
  await runner.query('ANALYZE department, employee, skill, employee_skill');
  for (const [from, to] of chunks(employees.length, CHUNK * 2)) {
    await runner.query(REFRESH_SEARCH_DOCUMENTS_SQL, [orgId, employees.slice(from, to).map((e) => e.id), null]);
  }
}
