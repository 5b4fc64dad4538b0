import { randomUUID } from 'node:crypto';
import { createDepartment, createUser, GqlResult, TestPlatform, TestUser } from '@waypoint/testing';

export async function addSkill(p: TestPlatform, organizationId: string, name: string): Promise<string> {
  const [row] = await p.db.query(
    `INSERT INTO skill (organization_id, name, normalized_name) VALUES ($1, $2, $3) RETURNING id`,
    [organizationId, name, `${name.toLowerCase()}-${randomUUID().slice(0, 6)}`],
  );
  return row.id;
}

export async function giveSkill(p: TestPlatform, user: TestUser, skillId: string, proficiency: number, wantsToLearn = false): Promise<void> {
  await p.db.query(
    `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency, wants_to_learn) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (employee_id, skill_id) DO UPDATE SET proficiency = EXCLUDED.proficiency, wants_to_learn = EXCLUDED.wants_to_learn`,
    [user.id, skillId, user.organizationId, proficiency, wantsToLearn],
  );
}

export async function setOpenToProjects(p: TestPlatform, users: TestUser[], open = true): Promise<void> {
  await p.db.query('UPDATE employee SET open_to_projects = $2 WHERE id = ANY($1)', [users.map((u) => u.id), open]);
}

/** A team elsewhere in the organization: a manager and `size` reports in a department of their own. */
export async function otherTeam(p: TestPlatform, organizationId: string, size: number, name = `Dept ${randomUUID().slice(0, 6)}`) {
  const departmentId = await createDepartment(p.db, organizationId, name);
  const lead = await createUser(p.db, organizationId, { firstName: 'Lead', departmentId, level: 6 });
  const members: TestUser[] = [];
  for (let i = 0; i < size; i++) members.push(await createUser(p.db, organizationId, { firstName: `M${i}`, managerId: lead.id, departmentId }));
  return { departmentId, lead, members };
}

export function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}

export function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** A start date comfortably in the future. */
export const FUTURE = '2099-03-02';
