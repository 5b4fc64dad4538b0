import { getQueueToken } from '@nestjs/bullmq';
import { Role, QUEUES } from '@waypoint/core';
import { createDepartment, createSession, createUser, eventually, GqlResult, Session, TestPlatform, TestUser } from '@waypoint/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Fixtures and GraphQL helpers shared by the openings suites. Fixtures go through SQL; behaviour through GraphQL. */

export const OPENING = `
  id title status closeReason level location remotePolicy positions positionsFilled description descriptionHtml closesAt
  version publishedAt closedAt
  department { id name } hiringManager { id }
  requiredSkills { skill { id name } minProficiency weight } niceToHaveSkills { id name }`;

export const APPLICATION = `
  id status version viewer discloseAtStage disclosedToManager note submittedAt
  opening { id title } applicant { id }
  rejectionFeedback { message missingSkills { id name } }
  timeline { fromStatus toStatus at actorId note }`;

export const NOTIFICATIONS = `{ myNotifications(first: 100) { totalCount edges { node { id type sourceId title body data readAt } } } unreadNotificationCount }`;

export interface World {
  p: TestPlatform;
  s: Session;
  /** Skill name -> id in the session organization. */
  skills: Record<string, string>;
  /** A second department ("Data") and its hiring manager, outside the employee's reporting line. */
  dataDepartmentId: string;
  hiringManager: TestUser;
  /** A second HR admin (concurrent moves). */
  hr2: TestUser;
}

export const SKILL_NAMES = ['TypeScript', 'Kubernetes', 'SQL', 'Figma', 'Go', 'Negotiation'];

export async function createWorld(p: TestPlatform): Promise<World> {
  const s = await createSession(p.db);
  const skills = await addSkills(p.db, s.organizationId, SKILL_NAMES);
  const dataDepartmentId = await createDepartment(p.db, s.organizationId, 'Data');
  const hiringManager = await createUser(p.db, s.organizationId, { firstName: 'Hugo', level: 7, departmentId: dataDepartmentId, title: 'Data Lead' });
  const hr2 = await createUser(p.db, s.organizationId, { firstName: 'Hector', roles: [Role.EMPLOYEE, Role.HR_ADMIN], level: 6 });
  return { p, s, skills, dataDepartmentId, hiringManager, hr2 };
}

export async function addSkills(db: DataSource, organizationId: string, names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const [row] = await db.query(
      `INSERT INTO skill (organization_id, name, normalized_name, category) VALUES ($1, $2, lower($2), 'Test') RETURNING id`,
      [organizationId, name],
    );
    await db.query(`INSERT INTO skill_alias (organization_id, normalized_alias, skill_id) VALUES ($1, lower($2), $3)`, [organizationId, name, row.id]);
    out[name] = row.id;
  }
  return out;
}

export async function setSkills(db: DataSource, organizationId: string, employeeId: string, skills: Record<string, number>): Promise<void> {
  await db.query('DELETE FROM employee_skill WHERE employee_id = $1', [employeeId]);
  for (const [skillId, proficiency] of Object.entries(skills)) {
    await db.query('INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency) VALUES ($1, $2, $3, $4)', [
      employeeId,
      skillId,
      organizationId,
      proficiency,
    ]);
  }
}

export async function setProfile(db: DataSource, employeeId: string, fields: { location?: string | null; level?: number; openToOpportunities?: boolean; departmentId?: string | null }): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [employeeId];
  for (const [key, column] of [['location', 'location'], ['level', 'level'], ['openToOpportunities', 'open_to_opportunities'], ['departmentId', 'department_id']] as const) {
    if (key in fields) {
      values.push(fields[key]);
      sets.push(`${column} = $${values.length}`);
    }
  }
  await db.query(`UPDATE employee SET ${sets.join(', ')} WHERE id = $1`, values);
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export async function ok<T = any>(p: TestPlatform, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await p.gql<T>(query, variables, token);
  if (r.errors?.length) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** The first error of an operation that must fail (fails the test if it succeeds). */
export async function fails(p: TestPlatform, query: string, variables: Record<string, unknown>, token: string) {
  const r: GqlResult = await p.gql(query, variables, token);
  if (!r.errors?.length) throw new Error(`Expected an error, got ${JSON.stringify(r.data)}`);
  return { code: r.errors[0].extensions?.code, reason: r.errors[0].extensions?.reason, message: r.errors[0].message, field: r.errors[0].extensions?.field, data: r.data };
}

export const CREATE = `mutation($input: CreateOpeningInput!) { createOpening(input: $input) { ${OPENING} } }`;
export const PUBLISH = `mutation($id: ID!) { publishOpening(id: $id) { id status version publishedAt } }`;
export const APPLY = `mutation($openingId: ID!, $note: String, $stage: DisclosureStage) {
  applyToOpening(openingId: $openingId, note: $note, discloseAtStage: $stage) {
    __typename
    ... on Application { ${APPLICATION} }
    ... on AlreadyAppliedError { message application { id status } }
    ... on OpeningClosedError { message openingStatus }
  } }`;
export const MOVE = `mutation($input: MoveApplicationInput!) { moveApplication(input: $input) { ${APPLICATION} } }`;

export function openingInput(w: World, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Data Engineer',
    departmentId: w.dataDepartmentId,
    hiringManagerId: w.hiringManager.id,
    level: 4,
    location: 'Paris',
    remotePolicy: 'HYBRID',
    positions: 1,
    requiredSkills: [
      { skillId: w.skills.SQL, minProficiency: 3, weight: 2 },
      { skillId: w.skills.Kubernetes, minProficiency: 2, weight: 1 },
    ],
    niceToHaveSkillIds: [w.skills.Go],
    description: 'Build **pipelines** with SQL.',
    ...extra,
  };
}

/** Creates and publishes an opening as HR; returns its id. */
export async function publishedOpening(w: World, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await ok(w.p, CREATE, { input: openingInput(w, extra) }, w.s.hr.token);
  await ok(w.p, PUBLISH, { id: created.createOpening.id }, w.s.hr.token);
  return created.createOpening.id;
}

export async function apply(w: World, who: TestUser, openingId: string, stage?: string) {
  const data = await ok(w.p, APPLY, { openingId, note: 'I would love to', stage }, who.token);
  if (data.applyToOpening.__typename !== 'Application') throw new Error(`apply: ${JSON.stringify(data.applyToOpening)}`);
  return data.applyToOpening as { id: string; version: number; status: string };
}

/** Moves an application as `who` through the given statuses (feedback for REJECTED). */
export async function moveThrough(w: World, who: TestUser, applicationId: string, statuses: string[]) {
  let app: { id: string; version: number; status: string } | undefined;
  for (const to of statuses) {
    const current = app ?? (await ok(w.p, `query($id: ID!) { application(id: $id) { id version status } }`, { id: applicationId }, who.token)).application;
    const feedback = to === 'REJECTED' ? { message: 'We needed more Kubernetes experience', missingSkillIds: [w.skills.Kubernetes] } : undefined;
    app = (await ok(w.p, MOVE, { input: { applicationId, to, expectedVersion: current.version, note: `to ${to}`, feedback } }, who.token)).moveApplication;
  }
  return app!;
}

export async function notificationsOf(w: World, who: TestUser) {
  const data = await ok(w.p, NOTIFICATIONS, {}, who.token);
  return {
    total: data.myNotifications.totalCount as number,
    unread: data.unreadNotificationCount as number,
    items: data.myNotifications.edges.map((e: { node: unknown }) => e.node) as { type: string; sourceId: string; title: string; body: string; data: Record<string, unknown> }[],
  };
}

/** Waits until every outbox event is published and the openings queue has nothing waiting or running. */
export async function settle(p: TestPlatform): Promise<void> {
  const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.openings));
  await eventually(async () => {
    const [{ n }] = await p.db.query('SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL');
    if (n) return false;
    // Not 'delayed': the periodic jobs' schedulers always keep their next run there.
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    return Object.values(counts).every((c) => c === 0);
  }, 15000, 'the openings queue to settle');
}

/** Runs a periodic job of the openings processor now and waits for it. */
export async function runJob(p: TestPlatform, name: string): Promise<unknown> {
  const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.openings));
  const job = await queue.add(name, {});
  return eventually(async () => {
    const j = await queue.getJob(job.id!);
    if (j && (await j.isFailed())) throw new Error(`${name} failed: ${j.failedReason}`);
    return j && (await j.isCompleted()) ? { result: j.returnvalue } : null;
  }, 15000, `job ${name}`);
}

/**
 * SQL statements one GraphQL request runs: not transaction control, not the binding of a pooled
 * connection to the caller's organization (row-level security; connection-level, not the request's), and not what runs alongside
 * in the same process (the outbox sweep; the notifications dispatcher polling `notification`,
 * a table these requests never read).
 */
export async function statementsOf(p: TestPlatform, query: string, variables: Record<string, unknown>, token: string): Promise<{ count: number; data: any }> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    const r = await p.gql(query, variables, token);
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    const text = (c: unknown[]) => String((c[0] as { text?: string })?.text ?? c[0]);
    const statements = spy.mock.calls.map(text).filter((t) => !/^(START TRANSACTION|COMMIT|ROLLBACK)|outbox_event|FROM notification|set_config\('app\.organization_id'/.test(t));
    if (process.env.DEBUG_STATEMENTS) console.log(statements.map((t) => t.replace(/\s+/g, ' ').slice(0, 160)).join('\n'));
    return { count: statements.length, data: r.data };
  } finally {
    spy.mockRestore();
  }
}
