import { randomUUID } from 'node:crypto';
import { createDepartment, createUser, GqlResult, TestPlatform, TestUser } from '@waypoint/testing';

export function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

export function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}

export const DAY_MS = 24 * 3600 * 1000;
export const inDays = (days: number, from = new Date()) => new Date(from.getTime() + days * DAY_MS);

export async function addSkill(p: TestPlatform, organizationId: string, name: string): Promise<string> {
  const [row] = await p.db.query(`INSERT INTO skill (organization_id, name, normalized_name) VALUES ($1, $2, $3) RETURNING id`, [
    organizationId,
    name,
    `${name.toLowerCase()}-${randomUUID().slice(0, 6)}`,
  ]);
  return row.id;
}

/** A skill on an employee's profile (a fixture: profiles and skills belong to the people library). */
export async function giveSkill(
  p: TestPlatform,
  user: TestUser,
  skillId: string,
  proficiency: number,
  intent: { learn?: boolean; teach?: boolean } = {},
): Promise<void> {
  await p.db.query(
    `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency, wants_to_learn, wants_to_teach) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (employee_id, skill_id) DO UPDATE SET proficiency = EXCLUDED.proficiency, wants_to_learn = EXCLUDED.wants_to_learn,
                                                       wants_to_teach = EXCLUDED.wants_to_teach`,
    [user.id, skillId, user.organizationId, proficiency, !!intent.learn, !!intent.teach],
  );
}

/** A team of its own: a department, a lead and `size` reports. */
export async function team(p: TestPlatform, organizationId: string, size: number, level = 3) {
  const departmentId = await createDepartment(p.db, organizationId, `Dept ${randomUUID().slice(0, 8)}`);
  const lead = await createUser(p.db, organizationId, { firstName: 'Lead', departmentId, level: 7, title: 'Team Lead' });
  const members: TestUser[] = [];
  for (let i = 0; i < size; i++) {
    members.push(await createUser(p.db, organizationId, { firstName: `Member${i}`, managerId: lead.id, departmentId, level }));
  }
  return { departmentId, lead, members };
}

export const OPT_IN_MENTOR = `mutation($input: MentorProfileInput!) { optInAsMentor(input: $input) { employeeId status capacity } }`;
export const OPT_IN_MENTEE = `mutation($input: MenteeProfileInput!) { optInAsMentee(input: $input) { employeeId status } }`;

export async function mentor(p: TestPlatform, user: TestUser, capacity: number, topicSkillIds: string[] = [], availability = ''): Promise<void> {
  ok(await p.gql(OPT_IN_MENTOR, { input: { capacity, topicSkillIds, availability } }, user.token));
}

export async function mentee(p: TestPlatform, user: TestUser, learnSkillIds: string[], goals = 'Grow'): Promise<void> {
  ok(await p.gql(OPT_IN_MENTEE, { input: { goals, learnSkillIds } }, user.token));
}

export const CREATE_ROUND = `mutation($input: CreateMentoringRoundInput!) { createMentoringRound(input: $input) { id status name objective deadline } }`;
export const LAUNCH = `mutation($id: ID!) { launchMatchingRound(id: $id) { id status runCount progress { percent phase } } }`;
export const PUBLISH = `mutation($id: ID!) { publishMentoringRound(id: $id) { id status publishedAt } }`;
export const ROUND = `query($id: ID!) { mentoringRound(id: $id) {
  id name status runCount menteeCount mentorCount mentorSeats matchedCount totalScore coverage averageScore unmatchedCount lastError
  progress { percent phase phases { phase ms } }
  proposalCounts { proposed published accepted declined expired withdrawn }
  proposals(first: 100) { totalCount edges { node { id status source score reasons components { teachLearn goal reach seniority language timezone }
    mentee { id } mentor { id } } } }
} }`;
export const ACCEPT = `mutation($id: ID!) { acceptMentoringProposal(id: $id) {
  __typename
  ... on MentoringProposal { id status menteeResponse mentorResponse mentorship { id status } }
  ... on MentorAtCapacityError { message mentorId proposal { id status closedReason } }
} }`;
export const DECLINE = `mutation($id: ID!, $note: String) { declineMentoringProposal(id: $id, note: $note) { id status closedReason menteeResponse mentorResponse } }`;
export const MY_PROPOSALS = `query($role: MentoringRole, $status: MentoringProposalStatus) { myMentoringProposals(first: 50, role: $role, status: $status) {
  totalCount edges { node { id status source roundName myRole reasons menteeGoals mentee { id } mentor { id } respondBy } } } }`;

export async function createRound(p: TestPlatform, hr: TestUser, input: Record<string, unknown>): Promise<string> {
  return ok(await p.gql(CREATE_ROUND, { input: { name: 'Spring round', deadline: inDays(60).toISOString(), ...input } }, hr.token)).createMentoringRound.id;
}

/** Launches matching and waits for the worker to store the proposals (the round in REVIEW). */
export async function matchRound(p: TestPlatform, hr: TestUser, id: string, eventually: (f: () => Promise<any>, t?: number, w?: string) => Promise<any>) {
  ok(await p.gql(LAUNCH, { id }, hr.token));
  return eventually(
    async () => {
      const r = ok(await p.gql(ROUND, { id }, hr.token)).mentoringRound;
      if (r.status === 'FAILED') throw new Error(`Matching failed: ${r.lastError}`);
      return r.status === 'REVIEW' ? r : null;
    },
    30000,
    'the round to be matched',
  );
}

export function notificationsOf(p: TestPlatform, recipientId: string, type?: string): Promise<{ type: string; source_id: string; title: string }[]> {
  return p.db.query(
    `SELECT type, source_id, title FROM notification WHERE recipient_id = $1 ${type ? 'AND type = $2' : ''} ORDER BY created_at`,
    type ? [recipientId, type] : [recipientId],
  );
}
