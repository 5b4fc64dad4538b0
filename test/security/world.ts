import { randomUUID } from 'node:crypto';
import { Role } from '@waypoint/core';
import { createDepartment, createSession, createUser, GqlResult, Session, TestPlatform, TestUser } from '@waypoint/testing';
import { addSkills } from '../openings/fixtures';

/**
 * The shared fixture of the security suites: one organization (the victim) with objects of every
 * kind, built through GraphQL as its users would (SQL only where no API exists), and builders
 * that make a fresh object per attempt so that one actor's allowed mutation never spoils the next.
 */

export const ACTORS = ['anonymous', 'employee', 'manager', 'hr', 'orgAdmin', 'outsider'] as const;
export type Actor = (typeof ACTORS)[number];

export const FUTURE_DATE = '2099-03-02';
const DAY_MS = 24 * 3600 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

export interface World {
  p: TestPlatform;
  s: Session;
  organizationId: string;
  /** The token of each actor (null: anonymous). The outsider is an org admin *and* HR admin of another organization. */
  token: Record<Actor, string | null>;
  user: Record<Exclude<Actor, 'anonymous'>, TestUser>;
  /** A hiring manager, mentor, meeting host and project owner outside the employee's reporting line. */
  hugo: TestUser;
  dataDepartmentId: string;
  skills: Record<string, string>;
  organizationSlug: string;
  call<T = any>(who: TestUser, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export async function createWorld(p: TestPlatform): Promise<World> {
  const s = await createSession(p.db);
  const skills = await addSkills(p.db, s.organizationId, ['TypeScript', 'SQL', 'Go']);
  const dataDepartmentId = await createDepartment(p.db, s.organizationId, 'Data');
  const hugo = await createUser(p.db, s.organizationId, { firstName: 'Hugo', level: 7, departmentId: dataDepartmentId, title: 'Data Lead' });
  const outsider = await createUser(p.db, s.outsiderOrganizationId, { firstName: 'Otto', roles: [Role.EMPLOYEE, Role.HR_ADMIN, Role.ORG_ADMIN], level: 9 });
  const [{ slug }] = await p.db.query('SELECT slug FROM organization WHERE id = $1', [s.organizationId]);
  const user = { employee: s.employee, manager: s.manager, hr: s.hr, orgAdmin: s.orgAdmin, outsider };
  const w: World = {
    p,
    s,
    organizationId: s.organizationId,
    user,
    token: { anonymous: null, employee: s.employee.token, manager: s.manager.token, hr: s.hr.token, orgAdmin: s.orgAdmin.token, outsider: outsider.token },
    hugo,
    dataDepartmentId,
    skills,
    organizationSlug: slug,
    async call(who, query, variables = {}) {
      const r: GqlResult = await p.gql(query, variables, who.token);
      if (r.errors?.length) throw new Error(`fixture: ${query.slice(0, 80)}: ${JSON.stringify(r.errors)}`);
      return r.data;
    },
  };
  // Hugo and the employee take mentees; the employee has a skill to show.
  await w.call(hugo, `mutation { optInAsMentor(input: { capacity: 5, topicSkillIds: [] }) { status } }`);
  await w.call(s.employee, `mutation { optInAsMentor(input: { capacity: 5, topicSkillIds: [] }) { status } }`);
  await w.call(s.employee, `mutation($s: [EmployeeSkillInput!]!) { setMySkills(skills: $s) { skillId } }`, {
    s: [{ skillId: skills.SQL, proficiency: 3, wantsToLearn: true }],
  });
  return w;
}

// ---------------------------------------------------------------- people

export async function freshUser(w: World, fields: Parameters<typeof createUser>[2] = {}): Promise<TestUser> {
  return createUser(w.p.db, w.organizationId, { departmentId: w.s.departmentId, ...fields });
}

export async function deactivatedUser(w: World): Promise<TestUser> {
  const u = await freshUser(w);
  await w.p.db.query('UPDATE employee SET active = false WHERE id = $1', [u.id]);
  return u;
}

export async function emptyDepartment(w: World): Promise<string> {
  return createDepartment(w.p.db, w.organizationId, `Empty ${randomUUID().slice(0, 6)}`);
}

export async function proposedSkill(w: World): Promise<string> {
  const d = await w.call(w.s.peer, `mutation($n: String!) { proposeSkill(name: $n) { id status } }`, { n: `Skill ${randomUUID().slice(0, 8)}` });
  return d.proposeSkill.id;
}

// ---------------------------------------------------------------- openings

export function openingInput(w: World, extra: Record<string, unknown> = {}) {
  return {
    title: `Data Engineer ${randomUUID().slice(0, 4)}`,
    departmentId: w.dataDepartmentId,
    hiringManagerId: w.hugo.id,
    level: 4,
    requiredSkills: [{ skillId: w.skills.SQL, minProficiency: 2, weight: 1 }],
    niceToHaveSkillIds: [w.skills.Go],
    description: 'Build **pipelines**.',
    ...extra,
  };
}

export async function draftOpening(w: World, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const d = await w.call(w.s.hr, `mutation($i: CreateOpeningInput!) { createOpening(input: $i) { id version } }`, { i: openingInput(w, extra) });
  return d.createOpening;
}

export async function publishedOpening(w: World, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await draftOpening(w, extra);
  await w.call(w.s.hr, `mutation($id: ID!) { publishOpening(id: $id) { id } }`, { id });
  return id;
}

export async function pausedOpening(w: World): Promise<string> {
  const id = await publishedOpening(w);
  await w.call(w.s.hr, `mutation($id: ID!) { pauseOpening(id: $id) { id } }`, { id });
  return id;
}

/** An application of `who` (the employee by default) to a fresh published opening; undisclosed. */
export async function application(w: World, who: TestUser = w.s.employee): Promise<{ id: string; version: number; openingId: string }> {
  const openingId = await publishedOpening(w);
  const d = await w.call(who, `mutation($o: ID!) { applyToOpening(openingId: $o, note: "Keen") { __typename ... on Application { id version } } }`, { o: openingId });
  if (d.applyToOpening.__typename !== 'Application') throw new Error(`fixture apply: ${JSON.stringify(d)}`);
  return { ...d.applyToOpening, openingId };
}

/** The peer is hired through the pipeline: a release agreement their manager (the manager) must agree. */
export async function pendingRelease(w: World): Promise<string> {
  const app = await application(w, w.s.peer);
  let version = app.version;
  for (const to of ['SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED']) {
    const d = await w.call(w.s.hr, `mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { version } }`, {
      i: { applicationId: app.id, to, expectedVersion: version },
    });
    version = d.moveApplication.version;
  }
  const [row] = await w.p.db.query('SELECT id FROM release_agreement WHERE application_id = $1', [app.id]);
  return row.id;
}

export async function interview(w: World, who: TestUser = w.s.employee): Promise<string> {
  const d = await w.call(who, `mutation($i: LogInterviewInput!) { logInterview(input: $i) { id } }`, {
    i: { kind: 'PRACTICE', occurredAt: inDays(-10), company: 'Acme', roleTitle: 'Analyst', wentWell: 'Prepared', toImprove: 'Nerves' },
  });
  return d.logInterview.id;
}

// ---------------------------------------------------------------- projects

export async function project(w: World, owner: TestUser, opts: { publish?: boolean; hoursPerWeek?: number } = {}): Promise<string> {
  const d = await w.call(owner, `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
    i: {
      title: `Project ${randomUUID().slice(0, 6)}`,
      goal: 'Ship a thing',
      hoursPerWeek: opts.hoursPerWeek ?? 1,
      durationWeeks: 4,
      seats: 3,
      startDate: FUTURE_DATE,
      neededSkills: [{ skillId: w.skills.SQL, minProficiency: 1 }],
    },
  });
  const id = d.createProject.id;
  if (opts.publish) await w.call(owner, `mutation($id: ID!) { publishProject(id: $id) { id } }`, { id });
  return id;
}

export async function joinRequest(w: World, requester: TestUser, projectId: string): Promise<string> {
  const d = await w.call(requester, `mutation($p: ID!) { requestToJoinProject(projectId: $p, motivation: "I can help") { id } }`, { p: projectId });
  return d.requestToJoinProject.id;
}

export async function accept(w: World, owner: TestUser, participantId: string): Promise<void> {
  await w.call(owner, `mutation($id: ID!) { acceptProjectRequest(participantId: $id) { id status } }`, { id: participantId });
}

/** A fresh report of the manager holds a seat awaiting the manager's approval (6 h/week > the 4 h threshold). */
export async function pendingApproval(w: World): Promise<string> {
  const report = await freshUser(w, { managerId: w.s.manager.id });
  const projectId = await project(w, w.hugo, { publish: true, hoursPerWeek: 6 });
  const participantId = await joinRequest(w, report, projectId);
  await accept(w, w.hugo, participantId);
  return participantId;
}

// ---------------------------------------------------------------- committees

/** A committee chaired by `chair` (the employee by default) with an open seat opening. */
export async function committee(w: World, chair: TestUser = w.s.employee): Promise<{ committeeId: string; openingId: string }> {
  const c = await w.call(w.s.hr, `mutation($i: CreateCommitteeInput!) { createCommittee(input: $i) { id } }`, {
    i: { name: `Committee ${randomUUID().slice(0, 6)}`, mission: 'Make it better', passionTags: ['Green'], seats: 5, termMonths: 12, chairId: chair.id },
  });
  const committeeId = c.createCommittee.id;
  const o = await w.call(w.s.hr, `mutation($i: OpenSeatsInput!) { openCommitteeSeats(input: $i) { id } }`, {
    i: { committeeId, deadline: inDays(20), seats: 3 },
  });
  return { committeeId, openingId: o.openCommitteeSeats.id };
}

export async function committeeApplication(w: World, applicant: TestUser, chair: TestUser = w.s.employee): Promise<string> {
  const { openingId } = await committee(w, chair);
  const d = await w.call(applicant, `mutation($o: ID!) { applyToCommittee(openingId: $o, motivation: "I care") { id } }`, { o: openingId });
  return d.applyToCommittee.id;
}

export async function committeeMembership(w: World): Promise<string> {
  const applicationId = await committeeApplication(w, w.s.peer);
  const d = await w.call(w.s.hr, `mutation($a: ID!) { selectCommitteeApplicant(applicationId: $a) { id } }`, { a: applicationId });
  return d.selectCommitteeApplicant.id;
}

// ---------------------------------------------------------------- mentoring

export async function freshMentor(w: World): Promise<TestUser> {
  const m = await freshUser(w, { level: 8, departmentId: w.dataDepartmentId, title: 'Staff Engineer' });
  await w.call(m, `mutation { optInAsMentor(input: { capacity: 3, topicSkillIds: [] }) { status } }`);
  return m;
}

/** Declines the mentee's open requests, so that a new one may be made. */
export async function closeOpenRequests(w: World, mentee: TestUser, role: 'MENTEE' | 'MENTOR' = 'MENTEE'): Promise<void> {
  // Proposals of rounds in review (./unpublishedProposal) count as open too: HR withdraws them.
  const column = role === 'MENTEE' ? 'mentee_id' : 'mentor_id';
  await w.p.db.query(`UPDATE mentoring_proposal SET status = 'WITHDRAWN', closed_at = now() WHERE ${column} = $1 AND status = 'PROPOSED'`, [mentee.id]);
  const d = await w.call(mentee, `query($r: MentoringRole) { myMentoringProposals(first: 100, role: $r, status: PUBLISHED) { edges { node { id } } } }`, { r: role });
  for (const e of d.myMentoringProposals.edges) await w.call(mentee, `mutation($id: ID!) { declineMentoringProposal(id: $id) { id } }`, { id: e.node.id });
}

/** The employee asks a fresh mentor: an open proposal addressed to that mentor. */
export async function mentorRequest(w: World, mentee: TestUser = w.s.employee): Promise<{ id: string; mentor: TestUser }> {
  await closeOpenRequests(w, mentee);
  const mentor = await freshMentor(w);
  const d = await w.call(mentee, `mutation($m: ID!) { requestMentor(mentorId: $m, message: "Teach me") { __typename ... on MentoringProposal { id } } }`, {
    m: mentor.id,
  });
  if (d.requestMentor.__typename !== 'MentoringProposal') throw new Error(`fixture requestMentor: ${JSON.stringify(d)}`);
  return { id: d.requestMentor.id, mentor };
}

/** A fresh mentee (outside the employee's reporting line) asks the employee to mentor them. */
export async function requestToEmployee(w: World): Promise<string> {
  await closeOpenRequests(w, w.s.employee, 'MENTOR');
  const mentee = await freshUser(w, { departmentId: w.dataDepartmentId, level: 2 });
  const d = await w.call(mentee, `mutation($m: ID!) { requestMentor(mentorId: $m, message: "Teach me") { __typename ... on MentoringProposal { id } } }`, {
    m: w.s.employee.id,
  });
  if (d.requestMentor.__typename !== 'MentoringProposal') throw new Error(`fixture requestMentor: ${JSON.stringify(d)}`);
  return d.requestMentor.id;
}

/** An active mentorship: the employee (mentee) and a fresh mentor. */
export async function mentorship(w: World): Promise<{ id: string; mentor: TestUser }> {
  const { id, mentor } = await mentorRequest(w);
  const d = await w.call(mentor, `mutation($id: ID!) { acceptMentoringProposal(id: $id) { __typename ... on MentoringProposal { mentorship { id } } } }`, { id });
  const m = d.acceptMentoringProposal.mentorship;
  if (!m) throw new Error(`fixture mentorship: ${JSON.stringify(d)}`);
  return { id: m.id, mentor };
}

export async function scheduledSession(w: World): Promise<string> {
  const { id } = await mentorship(w);
  const d = await w.call(w.s.employee, `mutation($i: LogMentoringSessionInput!) { logMentoringSession(input: $i) { id } }`, {
    i: { mentorshipId: id, startsAt: inDays(3), durationMinutes: 45 },
  });
  return d.logMentoringSession.id;
}

export async function round(w: World): Promise<string> {
  const d = await w.call(w.s.hr, `mutation($i: CreateMentoringRoundInput!) { createMentoringRound(input: $i) { id } }`, {
    i: { name: `Round ${randomUUID().slice(0, 6)}`, deadline: inDays(30) },
  });
  return d.createMentoringRound.id;
}

// ---------------------------------------------------------------- meetings

export async function meeting(w: World, requester: TestUser, invitee: TestUser): Promise<string> {
  const d = await w.call(
    requester,
    `mutation($i: RequestResearchMeetingInput!) { requestResearchMeeting(input: $i) { __typename ... on ResearchMeeting { id } } }`,
    { i: { inviteeId: invitee.id, purpose: 'Learn about the team', questions: ['How?'] } },
  );
  if (d.requestResearchMeeting.__typename !== 'ResearchMeeting') throw new Error(`fixture meeting: ${JSON.stringify(d)}`);
  return d.requestResearchMeeting.id;
}

/** A slot in the future on a whole half hour. */
export function slot(days = 2): string {
  const d = new Date(Date.now() + days * DAY_MS);
  d.setUTCMinutes(0, 0, 0);
  d.setUTCHours(10);
  return d.toISOString();
}

/** The employee asked a fresh host, who proposed a time. */
export async function proposedMeeting(w: World): Promise<{ id: string; slot: string }> {
  const host = await freshUser(w, { departmentId: w.dataDepartmentId });
  const id = await meeting(w, w.s.employee, host);
  const at = slot(2);
  await w.call(host, `mutation($i: ProposeMeetingSlotsInput!) { proposeMeetingSlots(input: $i) { id } }`, { i: { meetingId: id, slots: [at] } });
  return { id, slot: at };
}

// ---------------------------------------------------------------- notifications

export async function notificationOf(w: World, who: TestUser): Promise<string> {
  const [row] = await w.p.db.query(
    `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
     VALUES ($1, $2, 'OPENING_RECOMMENDED', $3, 'For you', '', '{}'::jsonb) RETURNING id`,
    [w.organizationId, who.id, randomUUID()],
  );
  return row.id;
}

/** A proposal of a round in review, not published: the employee is its mentee (SQL: matching runs in the worker). */
export async function unpublishedProposal(w: World): Promise<string> {
  const roundId = await round(w);
  const mentor = await freshMentor(w);
  await w.p.db.query(`UPDATE mentoring_round SET status = 'REVIEW' WHERE id = $1`, [roundId]);
  const [row] = await w.p.db.query(
    `INSERT INTO mentoring_proposal (organization_id, round_id, mentee_id, mentor_id, source, status, score)
     VALUES ($1, $2, $3, $4, 'ROUND', 'PROPOSED', 0.5) RETURNING id`,
    [w.organizationId, roundId, w.s.employee.id, mentor.id],
  );
  return row.id;
}
