/**
 * What the home feed needs beyond the people seed (`seedOrganization`): openings, projects,
 * committees with seat openings, mentor profiles and notifications. Set-based SQL, deterministic
 * (setseed), idempotent: a second call on the same organization inserts nothing.
 */
import { Client } from 'pg';

export interface FeedSeedCounts {
  openings: number;
  publishedOpenings: number;
  projects: number;
  openProjects: number;
  committees: number;
  openSeatOpenings: number;
  mentorProfiles: number;
  mentorsOptedIn: number;
  notifications: number;
  created: boolean;
}

const ROLES = [
  'Software Engineer', 'Backend Engineer', 'Frontend Engineer', 'Mobile Engineer', 'QA Engineer', 'Site Reliability Engineer',
  'Cloud Engineer', 'Security Engineer', 'Data Analyst', 'Data Scientist', 'Data Engineer', 'Machine Learning Engineer',
  'Product Manager', 'Product Designer', 'UX Researcher', 'Account Executive', 'Sales Manager', 'Solutions Engineer',
  'Marketing Specialist', 'Content Marketer', 'Customer Success Manager', 'Support Engineer', 'Financial Analyst',
  'Accountant', 'Legal Counsel', 'Recruiter', 'HR Business Partner', 'Operations Analyst', 'Program Manager',
  'Business Analyst', 'IT Support Specialist', 'Engineering Manager', 'Design Manager',
];
const PROJECT_TOPICS = [
  'Customer churn model', 'Design system refresh', 'Onboarding revamp', 'Internal hackathon', 'Data platform migration',
  'Accessibility audit', 'Pricing experiment', 'Carbon footprint dashboard', 'Mentoring guild', 'Incident review tooling',
  'Sales playbook', 'Knowledge base cleanup', 'Mobile performance sprint', 'Security champions', 'Partner API',
];
const COMMITTEES = [
  'Diversity and Inclusion', 'Sustainability', 'Wellbeing', 'Architecture Review', 'Learning Council', 'Social Events',
  'Security Council', 'Accessibility', 'Volunteering', 'Innovation Board',
];

/** Seeds openings, projects, committees, mentor profiles and notifications for `orgId` (once). */
export async function seedFeed(pg: Client, orgId: string, refreshOpeningSearchSql: string, openings = 2000): Promise<FeedSeedCounts> {
  const [{ n: existing }] = (await pg.query('SELECT count(*)::int AS n FROM opening WHERE organization_id = $1', [orgId])).rows;
  const created = existing === 0;
  if (created) {
    await pg.query('BEGIN');
    await pg.query('SELECT setseed(0.42)');
    // Openings: ~85% published, a quarter targeted at departments or levels, 1-5 skills each.
    await pg.query(
      `CREATE TEMP TABLE bench_mgr ON COMMIT DROP AS
         SELECT row_number() OVER (ORDER BY id) AS rn, id, department_id FROM employee
          WHERE organization_id = $1 AND level >= 6 AND active AND department_id IS NOT NULL`,
      [orgId],
    );
    await pg.query(`CREATE TEMP TABLE bench_loc ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY location) AS rn, location FROM (SELECT DISTINCT location FROM employee WHERE organization_id = $1 AND location IS NOT NULL) l`, [orgId]);
    await pg.query(
      `CREATE TEMP TABLE bench_skill ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY name) AS rn, id, name FROM skill WHERE organization_id = $1`,
      [orgId],
    );
    await pg.query(
      `CREATE TEMP TABLE bench_opening ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, g, random() AS x, random() AS t, random() AS r1, random() AS r2, random() AS r3, random() AS r4
         FROM generate_series(1, $1::int) g`,
      [openings],
    );
    await pg.query(
      `INSERT INTO opening (id, organization_id, title, department_id, hiring_manager_id, level, location, remote_policy, description, status,
                            close_reason, closes_at, visible_to_all, visible_department_ids, visible_levels, published_at, created_at, updated_at)
       SELECT o.id, $1,
              (ARRAY['', '', 'Senior ', 'Lead ', 'Staff ', 'Associate ', 'Principal '])[1 + floor(o.r1 * 7)::int] || (($2::text[])[1 + floor(o.r2 * cardinality($2::text[]))::int]),
              m.department_id, m.id, 1 + floor(o.r3 * 7)::int,
              (SELECT location FROM bench_loc WHERE rn = 1 + floor(o.r4 * (SELECT count(*) FROM bench_loc))::int),
              (ARRAY['ONSITE', 'HYBRID', 'HYBRID', 'REMOTE'])[1 + floor(o.r4 * 4)::int],
              'We are looking for a colleague to join the team. You will own your area end to end, work with partners across the company and grow with mentoring and a clear career path. Internal candidates from any department are welcome.',
              CASE WHEN o.x < 0.85 THEN 'PUBLISHED' WHEN o.x < 0.9 THEN 'PAUSED' WHEN o.x < 0.95 THEN 'CLOSED' ELSE 'DRAFT' END,
              CASE WHEN o.x >= 0.9 AND o.x < 0.95 THEN 'FILLED' END,
              CASE WHEN o.r1 < 0.7 THEN now() + (10 + floor(o.r2 * 80)) * interval '1 day' END,
              o.t < 0.75,
              CASE WHEN o.t >= 0.75 AND o.t < 0.9 THEN ARRAY[m.department_id] ELSE '{}'::uuid[] END,
              CASE WHEN o.t >= 0.9 THEN ARRAY[greatest(1, 1 + floor(o.r3 * 7)::int - 1), 1 + floor(o.r3 * 7)::int, 1 + floor(o.r3 * 7)::int + 1]::smallint[] ELSE '{}'::smallint[] END,
              CASE WHEN o.x < 0.95 THEN now() - floor(o.r1 * 60) * interval '1 day' END,
              now() - floor(o.r1 * 60) * interval '1 day', now()
         FROM bench_opening o
         JOIN bench_mgr m ON m.rn = 1 + (o.g * 7919) % (SELECT count(*) FROM bench_mgr)`,
      [orgId, ROLES],
    );
    await pg.query(
      `INSERT INTO opening_skill (opening_id, skill_id, organization_id, kind, min_proficiency, weight)
       SELECT DISTINCT ON (o.id, s.id) o.id, s.id, $1, CASE WHEN k.k <= 2 THEN 'REQUIRED' ELSE 'NICE_TO_HAVE' END,
              CASE WHEN k.k <= 2 THEN 2 + (o.g + k.k) % 3 END, CASE WHEN k.k <= 2 THEN 1 + (o.g * k.k) % 3 ELSE 1 END
         FROM bench_opening o
        CROSS JOIN LATERAL generate_series(1, 1 + o.g % 5) k(k)
         JOIN bench_skill s ON s.rn = 1 + (o.g * 31 + k.k * 17) % (SELECT count(*) FROM bench_skill)`,
      [orgId],
    );
    await pg.query(refreshOpeningSearchSql, [orgId, (await pg.query('SELECT array_agg(id) AS ids FROM bench_opening')).rows[0].ids]);

    // Projects: 400, three quarters OPEN, 1-4 needed skills.
    await pg.query(
      `CREATE TEMP TABLE bench_project ON COMMIT DROP AS SELECT gen_random_uuid() AS id, g, random() AS x FROM generate_series(1, 400) g`,
    );
    await pg.query(
      `INSERT INTO project (id, organization_id, owner_id, title, goal, hours_per_week, duration_weeks, seats, seats_taken, start_date, status, published_at, created_at, updated_at)
       SELECT p.id, $1, m.id, ($2::text[])[1 + p.g % cardinality($2::text[])] || ' #' || p.g,
              'Cross-functional work that stretches skills beyond the core job.', 2 + p.g % 8, 4 + p.g % 20, 2 + p.g % 6, 0,
              current_date + (p.g % 60), CASE WHEN p.x < 0.75 THEN 'OPEN' WHEN p.x < 0.9 THEN 'CLOSED' ELSE 'DRAFT' END,
              CASE WHEN p.x < 0.9 THEN now() - (p.g % 40) * interval '1 day' END, now() - (p.g % 40) * interval '1 day', now()
         FROM bench_project p JOIN bench_mgr m ON m.rn = 1 + (p.g * 104729) % (SELECT count(*) FROM bench_mgr)`,
      [orgId, PROJECT_TOPICS],
    );
    await pg.query(
      `INSERT INTO project_skill (project_id, skill_id, organization_id, min_proficiency)
       SELECT DISTINCT ON (p.id, s.id) p.id, s.id, $1, 1 + (p.g + k.k) % 4
         FROM bench_project p CROSS JOIN LATERAL generate_series(1, 1 + p.g % 4) k(k)
         JOIN bench_skill s ON s.rn = 1 + (p.g * 13 + k.k * 29) % (SELECT count(*) FROM bench_skill)`,
      [orgId],
    );

    // Committees and seat openings (two thirds open).
    await pg.query(
      `INSERT INTO committee (organization_id, name, mission, passion_tags, chair_id, seats, term_months, created_by_id)
       SELECT $1, ($2::text[])[1 + (g - 1) % cardinality($2::text[])] || CASE WHEN g > cardinality($2::text[]) THEN ' ' || g ELSE '' END,
              'Make the company a better place to work.', ARRAY['community', 'learning'], m.id, 5 + g % 8, 12, m.id
         FROM generate_series(1, 40) g JOIN bench_mgr m ON m.rn = 1 + (g * 7) % (SELECT count(*) FROM bench_mgr)`,
      [orgId, COMMITTEES],
    );
    await pg.query(
      `INSERT INTO committee_seat_opening (organization_id, committee_id, seats, deadline, status, created_at, closed_at)
       SELECT $1, c.id, 1 + k % 3, now() + (10 + k * 3) * interval '1 day', CASE WHEN k % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END,
              now() - k * interval '1 day', CASE WHEN k % 3 = 0 THEN now() END
         FROM committee c CROSS JOIN generate_series(1, 2) k WHERE c.organization_id = $1`,
      [orgId],
    );

    // Mentor profiles for most employees open to mentoring: topics among the skills they teach or master.
    await pg.query(
      `INSERT INTO mentor_profile (employee_id, organization_id, status, capacity, topic_skill_ids, availability)
       SELECT e.id, $1, 'ACTIVE', 1 + abs(hashtext(e.id::text)) % 3,
              coalesce((SELECT array_agg(es.skill_id) FROM (SELECT skill_id FROM employee_skill es WHERE es.employee_id = e.id
                          AND (es.wants_to_teach OR es.proficiency >= 4) ORDER BY es.proficiency DESC, es.skill_id LIMIT 3) es), '{}'),
              'Tuesday and Thursday afternoons'
         FROM employee e WHERE e.organization_id = $1 AND e.active AND e.open_to_mentoring AND abs(hashtext(e.id::text)) % 4 <> 0`,
      [orgId],
    );

    // Notifications: 6 per employee, the last two unread.
    await pg.query(
      `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, read_at, created_at, dispatched_at)
       SELECT $1, e.id, 'OPENING_RECOMMENDED', gen_random_uuid(), 'Recommended opening', '80% match',
              CASE WHEN k <= 4 THEN now() - k * interval '1 day' END, now() - k * interval '1 day', now() - k * interval '1 day'
         FROM employee e CROSS JOIN generate_series(1, 6) k WHERE e.organization_id = $1`,
      [orgId],
    );
    await pg.query('COMMIT');
  }
  await pg.query(
    'VACUUM (ANALYZE) employee, employee_skill, department, skill, opening, opening_skill, project, project_skill, committee, committee_seat_opening, mentor_profile, notification, employee_search_document',
  );
  const one = async (sql: string) => (await pg.query(sql, [orgId])).rows[0].n as number;
  return {
    created,
    openings: await one('SELECT count(*)::int AS n FROM opening WHERE organization_id = $1'),
    publishedOpenings: await one(`SELECT count(*)::int AS n FROM opening WHERE organization_id = $1 AND status = 'PUBLISHED'`),
    projects: await one('SELECT count(*)::int AS n FROM project WHERE organization_id = $1'),
    openProjects: await one(`SELECT count(*)::int AS n FROM project WHERE organization_id = $1 AND status = 'OPEN'`),
    committees: await one('SELECT count(*)::int AS n FROM committee WHERE organization_id = $1'),
    openSeatOpenings: await one(`SELECT count(*)::int AS n FROM committee_seat_opening WHERE organization_id = $1 AND status = 'OPEN'`),
    mentorProfiles: await one('SELECT count(*)::int AS n FROM mentor_profile WHERE organization_id = $1'),
    mentorsOptedIn: await one(
      `SELECT count(*)::int AS n FROM employee e LEFT JOIN mentor_profile mp ON mp.employee_id = e.id
        WHERE e.organization_id = $1 AND e.active AND (mp.status = 'ACTIVE' OR (mp.employee_id IS NULL AND e.open_to_mentoring))`,
    ),
    notifications: await one('SELECT count(*)::int AS n FROM notification WHERE organization_id = $1'),
  };
}
