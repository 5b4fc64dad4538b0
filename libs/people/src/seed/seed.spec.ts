import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { dataSourceOptions, runMigrations } from '@waypoint/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Priority } from '../employee.entity';
import { demoEmail, generateOrganization, mulberry32 } from './generator';
import { ArgsError, parseSeedArgs } from './seed.cli';
import { seedOrganization, SeedResult } from './seed';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EMPLOYEES = 1000;
const SEED = 7;

describe('the deterministic generator (no database)', () => {
  it('mulberry32 repeats for a seed and differs between seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives the same organization for the same slug, seed and size', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const a = generateOrganization({ slug: 'x', employees: 300, seed: 3, now });
    const b = generateOrganization({ slug: 'x', employees: 300, seed: 3, now });
    expect(b.employees).toEqual(a.employees);
    expect(b.departments).toEqual(a.departments);
    expect(Array.from(b.employeeSkills.skill.subarray(0, b.employeeSkills.count))).toEqual(
      Array.from(a.employeeSkills.skill.subarray(0, a.employeeSkills.count)),
    );
  });

  it('gives a different organization for another seed', () => {
    const a = generateOrganization({ slug: 'x', employees: 300, seed: 3 });
    const b = generateOrganization({ slug: 'x', employees: 300, seed: 4 });
    expect(b.employees.map((e) => e.firstName)).not.toEqual(a.employees.map((e) => e.firstName));
  });

  it.each([50, 51, 137, 8000])('keeps the structural invariants with %i employees', (n) => {
    const org = generateOrganization({ slug: 'x', employees: n });
    expect(org.employees).toHaveLength(n);
    const depth = org.employees.reduce((m, e) => Math.max(m, e.depth), 0);
    expect(depth).toBeGreaterThanOrEqual(4);
    expect(depth).toBeLessThanOrEqual(6);
    const broken = org.employees.filter(
      (e, i) =>
        e.manager !== null &&
        (e.manager >= i || // managers are written before their reports
          org.employees[e.manager].level <= e.level || // levels descend with depth
          e.depth !== org.employees[e.manager].depth + 1),
    );
    expect(broken).toEqual([]);
    expect(org.employees.filter((e) => e.manager === null)).toHaveLength(1);
    expect(org.departments.every((d) => d.leader >= 0)).toBe(true);
    expect(new Set(org.departments.map((d) => d.name)).size).toBe(org.departments.length);
    expect(new Set(org.employees.map((e) => e.email)).size).toBe(n);
    // Large organizations split big functions into several departments, each with its own head.
    if (n >= 8000) expect(org.departments.map((d) => d.name)).toContain('Platform Engineering');
  });

  it('refuses sizes and slugs it cannot honour', () => {
    expect(() => generateOrganization({ slug: 'x', employees: 49 })).toThrow(RangeError);
    expect(() => generateOrganization({ slug: 'x', employees: 200_001 })).toThrow(RangeError);
    expect(() => generateOrganization({ slug: 'x', employees: 12.5 })).toThrow(RangeError);
    expect(() => generateOrganization({ slug: 'Not A Slug', employees: 100 })).toThrow(RangeError);
  });

  it('only uses the Priority enum values', () => {
    const org = generateOrganization({ slug: 'x', employees: 500 });
    const allowed = new Set<string>(Object.values(Priority));
    const used = new Set(org.employees.flatMap((e) => e.priorities));
    expect([...used].every((p) => allowed.has(p))).toBe(true);
    expect(org.employees.every((e) => e.priorities.length <= 3 && new Set(e.priorities).size === e.priorities.length)).toBe(true);
  });
});

describe('db:seed arguments', () => {
  it('reads --employees, --org and --seed in both spellings', () => {
    expect(parseSeedArgs(['--employees', '2000', '--org=acme', '--seed', '9'])).toEqual({ employees: 2000, org: 'acme', seed: 9 });
    expect(parseSeedArgs([])).toEqual({ employees: 300, org: 'demo', seed: 42 });
  });

  it.each([
    ['--employees abc'],
    ['--employees -5'],
    ['--employees 200001'],
    ['--employees 49'],
    ['--employees'],
    ['--org Bad_Slug'],
    ['--seed x'],
    ['--what'],
  ])('refuses %s', (line) => {
    expect(() => parseSeedArgs(line.split(' '))).toThrow(ArgsError);
  });
});

describe('seedOrganization (PostgreSQL)', () => {
  const name = `seed_spec_${randomBytes(5).toString('hex')}`;
  let admin: Client;
  let db: DataSource;
  let a: SeedResult;
  let b: SeedResult;

  const one = async <T = any>(sql: string, params: unknown[] = []): Promise<T> => (await db.query(sql, params))[0];
  const counts = async () =>
    one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM organization) AS organizations, (SELECT count(*)::int FROM department) AS departments,
              (SELECT count(*)::int FROM employee) AS employees, (SELECT count(*)::int FROM skill) AS skills,
              (SELECT count(*)::int FROM skill_alias) AS aliases, (SELECT count(*)::int FROM employee_skill) AS employee_skills,
              (SELECT count(*)::int FROM employee_search_document) AS documents`,
    );

  beforeAll(async () => {
    admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    db = new DataSource(dataSourceOptions(url.toString(), { migrations: [] }));
    await db.initialize();
    a = await seedOrganization(db, { slug: 'spec-a', employees: EMPLOYEES, seed: SEED });
    b = await seedOrganization(db, { slug: 'spec-b', name: 'Spec B', employees: EMPLOYEES, seed: SEED });
  });

  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  it('creates both organizations with the requested headcount', async () => {
    expect(a).toMatchObject({ created: true, employees: EMPLOYEES });
    expect(b).toMatchObject({ created: true, employees: EMPLOYEES });
    expect(a.organizationId).not.toBe(b.organizationId);
    const rows = await db.query(`SELECT o.slug, o.name, count(e.*)::int AS n FROM organization o JOIN employee e ON e.organization_id = o.id GROUP BY o.id ORDER BY o.slug`);
    expect(rows).toEqual([
      { slug: 'spec-a', name: 'Spec A', n: EMPLOYEES },
      { slug: 'spec-b', name: 'Spec B', n: EMPLOYEES },
    ]);
  });

  it('gives organizations with the same seed the same structure, whatever the slug', async () => {
    const shape = (org: string) =>
      db.query(
        `SELECT e.title, e.level, d.name AS department, (e.manager_id IS NULL) AS top, count(*)::int AS n
           FROM employee e JOIN department d ON d.id = e.department_id
          WHERE e.organization_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [org],
      );
    const sa = await shape(a.organizationId);
    expect(sa.length).toBeGreaterThan(50);
    expect(await shape(b.organizationId)).toEqual(sa);
    const skillShape = (org: string) =>
      db.query(
        `SELECT s.name, es.proficiency, count(*)::int AS n FROM employee_skill es JOIN skill s ON s.id = es.skill_id
          WHERE es.organization_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [org],
      );
    expect(await skillShape(b.organizationId)).toEqual(await skillShape(a.organizationId));
  });

  it('is idempotent: seeding an existing slug inserts nothing and returns its demo users', async () => {
    const before = await counts();
    const again = await seedOrganization(db, { slug: 'spec-a', employees: EMPLOYEES, seed: SEED });
    expect(again).toEqual({ ...a, created: false });
    const other = await seedOrganization(db, { slug: 'spec-a', employees: 500, seed: 99 });
    expect(other).toMatchObject({ organizationId: a.organizationId, created: false, employees: EMPLOYEES });
    expect(await counts()).toEqual(before);
  });

  it('lets two concurrent seeds of one slug create it once', async () => {
    const results = await Promise.all([
      seedOrganization(db, { slug: 'spec-race', employees: 60 }),
      seedOrganization(db, { slug: 'spec-race', employees: 60 }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].organizationId).toBe(results[1].organizationId);
    expect(await one(`SELECT count(*)::int AS n FROM employee WHERE organization_id = $1`, [results[0].organizationId])).toEqual({ n: 60 });
  });

  it('has exactly three HR admins and one org admin, every one also an EMPLOYEE', async () => {
    const rows: { roles: string[]; n: number }[] = await db.query(
      `SELECT roles, count(*)::int AS n FROM employee WHERE organization_id = $1 GROUP BY roles ORDER BY roles`,
      [a.organizationId],
    );
    expect(rows).toEqual([
      { roles: ['EMPLOYEE'], n: EMPLOYEES - 4 },
      { roles: ['EMPLOYEE', 'HR_ADMIN'], n: 3 },
      { roles: ['EMPLOYEE', 'ORG_ADMIN'], n: 1 },
    ]);
  });

  it('has one CEO, reporting lines 4 to 6 deep, no cycles, and levels that descend with depth', async () => {
    const stats = await one(
      `WITH RECURSIVE chain(id, level, depth, path) AS (
         SELECT id, level, 1, ARRAY[id] FROM employee WHERE organization_id = $1 AND manager_id IS NULL
         UNION ALL
         SELECT e.id, e.level, c.depth + 1, c.path || e.id
           FROM chain c JOIN employee e ON e.manager_id = c.id
          WHERE NOT e.id = ANY(c.path) AND c.depth < 50
       )
       SELECT (SELECT count(*)::int FROM employee WHERE organization_id = $1 AND manager_id IS NULL) AS roots,
              max(depth)::int AS depth, count(*)::int AS reached, count(DISTINCT id)::int AS distinct_reached
         FROM chain`,
      [a.organizationId],
    );
    // Everyone is reached exactly once from the single root: no cycles, no orphaned sub-trees.
    expect(stats).toMatchObject({ roots: 1, reached: EMPLOYEES, distinct_reached: EMPLOYEES });
    expect(stats.depth).toBeGreaterThanOrEqual(4);
    expect(stats.depth).toBeLessThanOrEqual(6);
    const bad = await one(
      `SELECT count(*)::int AS n FROM employee e JOIN employee m ON m.id = e.manager_id
        WHERE e.organization_id = $1 AND (m.level <= e.level OR m.organization_id <> e.organization_id)`,
      [a.organizationId],
    );
    expect(bad.n).toBe(0);
  });

  it('gives every department and business unit a leader of the organization, and a title to every employee', async () => {
    const rows: { kind: string; n: number; led: number }[] = await db.query(
      `SELECT d.kind, count(*)::int AS n, count(l.id)::int AS led
         FROM department d LEFT JOIN employee l ON l.id = d.leader_id AND l.organization_id = d.organization_id
        WHERE d.organization_id = $1 GROUP BY d.kind ORDER BY d.kind`,
      [a.organizationId],
    );
    expect(rows.map((r) => r.kind)).toEqual(['BUSINESS_UNIT', 'DEPARTMENT']);
    for (const r of rows) expect(r.led).toBe(r.n);
    const ceo = await one(`SELECT title, level FROM employee WHERE organization_id = $1 AND manager_id IS NULL`, [a.organizationId]);
    expect(ceo).toEqual({ title: 'Chief Executive Officer', level: 12 });
    const titles = await db.query(`SELECT DISTINCT title FROM employee WHERE organization_id = $1`, [a.organizationId]);
    expect(titles.map((t: { title: string }) => t.title)).toEqual(
      expect.arrayContaining(['Senior Software Engineer', 'Engineering Manager', 'VP of Engineering', 'Chief Technology Officer']),
    );
  });

  it('writes unique lower-case emails on the organization domain, valid time zones and languages', async () => {
    const e = await one(
      `SELECT count(*)::int AS n, count(DISTINCT email)::int AS emails,
              count(*) FILTER (WHERE email <> lower(email) OR email NOT LIKE '%@spec-a.waypoint.test')::int AS bad_email,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM pg_timezone_names z WHERE z.name = employee.time_zone))::int AS bad_zone,
              count(*) FILTER (WHERE cardinality(languages) = 0
                  OR EXISTS (SELECT 1 FROM unnest(languages) l WHERE l !~ '^[a-z]{2,3}(-[A-Z]{2})?$'))::int AS bad_languages,
              count(*) FILTER (WHERE profile_reviewed_at < now() - interval '549 days' OR profile_reviewed_at > now())::int AS bad_review,
              count(DISTINCT location)::int AS locations
         FROM employee WHERE organization_id = $1`,
      [a.organizationId],
    );
    expect(e).toMatchObject({ n: EMPLOYEES, emails: EMPLOYEES, bad_email: 0, bad_zone: 0, bad_languages: 0, bad_review: 0 });
    expect(e.locations).toBeGreaterThan(5);
  });

  it('gives skills from the taxonomy with proficiency 1-5, a skewed popularity and learn/teach intents', async () => {
    const s = await one(
      `SELECT count(*)::int AS n, min(proficiency)::int AS min, max(proficiency)::int AS max,
              count(*) FILTER (WHERE wants_to_learn)::int AS learn, count(*) FILTER (WHERE wants_to_teach)::int AS teach,
              count(*) FILTER (WHERE wants_to_learn AND wants_to_teach)::int AS both,
              count(DISTINCT skill_id)::int AS distinct_skills
         FROM employee_skill WHERE organization_id = $1`,
      [a.organizationId],
    );
    expect(s.min).toBe(1);
    expect(s.max).toBe(5);
    expect(s.n / EMPLOYEES).toBeGreaterThan(6);
    expect(s.n / EMPLOYEES).toBeLessThan(10);
    expect(s.learn).toBeGreaterThan(0);
    expect(s.teach).toBeGreaterThan(0);
    expect(s.both).toBe(0);
    expect(s.distinct_skills).toBeGreaterThan(40);
    const popularity: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM employee_skill WHERE organization_id = $1 GROUP BY skill_id ORDER BY n DESC`,
      [a.organizationId],
    );
    expect(popularity[0].n).toBeGreaterThan(EMPLOYEES / 2);
    expect(popularity[popularity.length - 1].n).toBeLessThan(EMPLOYEES / 20);
    // Engineers mostly have engineering skills.
    const eng = await one(
      `SELECT avg((SELECT count(*) FROM employee_skill es JOIN skill s ON s.id = es.skill_id
                    WHERE es.employee_id = e.id AND s.category IN ('Engineering', 'Infrastructure', 'Data')))::float AS technical
         FROM employee e WHERE e.organization_id = $1 AND e.title LIKE '%Software Engineer'`,
      [a.organizationId],
    );
    expect(eng.technical).toBeGreaterThan(4);
  });

  it('creates the taxonomy with its aliases, so "k8s" means Kubernetes', async () => {
    const row = await one(
      `SELECT s.name FROM skill_alias a JOIN skill s ON s.id = a.skill_id WHERE a.organization_id = $1 AND a.normalized_alias = 'k8s'`,
      [a.organizationId],
    );
    expect(row).toEqual({ name: 'Kubernetes' });
    const n = await one(`SELECT count(*)::int AS n FROM skill WHERE organization_id = $1`, [a.organizationId]);
    expect(n.n).toBe(50);
  });

  it('creates the demo accounts with their personas', async () => {
    expect(a.demoUsers.map((u) => [u.persona, u.email])).toEqual([
      ['ORG_ADMIN', 'admin@spec-a.waypoint.test'],
      ['HR_ADMIN', 'hr@spec-a.waypoint.test'],
      ['MANAGER', 'manager@spec-a.waypoint.test'],
      ['EMPLOYEE', 'employee@spec-a.waypoint.test'],
    ]);
    const get = (persona: 'ORG_ADMIN' | 'HR_ADMIN' | 'MANAGER' | 'EMPLOYEE') =>
      one(
        `SELECT e.*, (SELECT count(*)::int FROM employee r WHERE r.manager_id = e.id) AS reports,
                (SELECT count(*)::int FROM employee_skill s WHERE s.employee_id = e.id) AS skills,
                (SELECT bool_or(wants_to_learn) AND bool_or(wants_to_teach) FROM employee_skill s WHERE s.employee_id = e.id) AS intents
           FROM employee e WHERE e.organization_id = $1 AND e.email = $2`,
        [a.organizationId, demoEmail('spec-a', persona)],
      );
    expect((await get('ORG_ADMIN')).roles).toEqual(['EMPLOYEE', 'ORG_ADMIN']);
    expect((await get('HR_ADMIN')).roles).toEqual(['EMPLOYEE', 'HR_ADMIN']);
    const manager = await get('MANAGER');
    expect(manager.roles).toEqual(['EMPLOYEE']);
    expect(manager.reports).toBeGreaterThanOrEqual(3);
    const employee = await get('EMPLOYEE');
    expect(employee).toMatchObject({ roles: ['EMPLOYEE'], manager_id: manager.id, reports: 0, intents: true });
    expect(employee.skills).toBeGreaterThanOrEqual(6);
    for (const field of ['bio', 'location', 'priorities_note', 'profile_reviewed_at']) expect(employee[field]).toBeTruthy();
    for (const field of ['languages', 'passions', 'target_roles', 'target_department_ids']) expect(employee[field].length).toBeGreaterThan(0);
    expect(employee.priorities).toHaveLength(3);
    expect(employee).toMatchObject({ open_to_mentoring: true, seeking_mentor: true, open_to_projects: true, open_to_opportunities: true });
    // Other organizations get their own addresses.
    expect(b.demoUsers.map((u) => u.email)).toContain('employee@spec-b.waypoint.test');
  });

  it('fills a search document for every employee, so the directory search works at once', async () => {
    const d = await one(
      `SELECT count(*)::int AS employees, count(sd.employee_id)::int AS documents,
              count(*) FILTER (WHERE sd.skill_vector <> '{}'::jsonb)::int AS with_skills
         FROM employee e LEFT JOIN employee_search_document sd ON sd.employee_id = e.id AND sd.organization_id = e.organization_id
        WHERE e.organization_id = $1`,
      [a.organizationId],
    );
    expect(d).toEqual({ employees: EMPLOYEES, documents: EMPLOYEES, with_skills: EMPLOYEES });
    const hit = await one(
      `SELECT count(*)::int AS n FROM employee_search_document
        WHERE organization_id = $1 AND document @@ to_tsquery('simple', 'engineer:* & typescript:*')`,
      [a.organizationId],
    );
    expect(hit.n).toBeGreaterThan(10);
  });
});
