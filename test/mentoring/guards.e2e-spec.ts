import { Role } from '@waypoint/core';
import { createSession, createUser, eventually, GqlResult, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import {
  ACCEPT,
  addSkill,
  codeOf,
  createRound,
  DAY_MS,
  DECLINE,
  giveSkill,
  inDays,
  LAUNCH,
  matchRound,
  mentee,
  mentor,
  MY_PROPOSALS,
  ok,
  PUBLISH,
  ROUND,
  team,
} from './fixtures';

const CREATE = `mutation($input: CreateMentoringRoundInput!) { createMentoringRound(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMentoringRoundInput!) { updateMentoringRound(id: $id, input: $input) { id name } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawMentoringProposal(id: $id) { id status } }`;
const PROPOSAL = `query($id: ID!) { mentoringProposal(id: $id) { id } }`;
const MENTORSHIP = `query($id: ID!) { mentorship(id: $id) { id } }`;
const LOG = `mutation($input: LogMentoringSessionInput!) { logMentoringSession(input: $input) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelMentoringSession(id: $id) { id } }`;
const CADENCE = `mutation($id: ID!, $days: Int!) { setMentorshipCadence(id: $id, cadenceDays: $days) { id } }`;
const COMPLETE = `mutation($id: ID!, $input: CompleteMentorshipInput!) { completeMentorship(id: $id, input: $input) { id } }`;
const REQUEST = `mutation($mentorId: ID!, $message: String!) { requestMentor(mentorId: $mentorId, message: $message) { __typename } }`;
const OPT_MENTOR = `mutation($input: MentorProfileInput!) { optInAsMentor(input: $input) { status } }`;
const OPT_MENTEE = `mutation($input: MenteeProfileInput!) { optInAsMentee(input: $input) { status } }`;

describe('mentoring: tenancy, roles and bad input', () => {
  let p: TestPlatform;
  let s: Session;
  let outsiderHr: TestUser;
  let skill: string;
  let departmentId: string;
  let roundId: string;
  let draftRoundId: string;
  let proposalId: string;
  let mentorshipId: string;
  let sessionId: string;
  let mentorUser: TestUser;

  /** The rows an operation must not change. */
  const snapshot = async () =>
    p.db.query(
      `SELECT (SELECT json_agg(r ORDER BY r.id) FROM (SELECT id, status, name, run_count, updated_at FROM mentoring_round) r) AS rounds,
              (SELECT json_agg(x ORDER BY x.id) FROM (SELECT id, status, mentee_response, mentor_response FROM mentoring_proposal) x) AS proposals,
              (SELECT json_agg(m ORDER BY m.id) FROM (SELECT id, status, cadence_days, mentee_feedback_at FROM mentorship) m) AS mentorships,
              (SELECT json_agg(ss ORDER BY ss.id) FROM (SELECT id, status, ics_sequence FROM mentoring_session) ss) AS sessions,
              (SELECT json_agg(mp ORDER BY mp.employee_id) FROM (SELECT employee_id, status, capacity, topic_skill_ids FROM mentor_profile) mp) AS mentors,
              (SELECT json_agg(me ORDER BY me.employee_id) FROM (SELECT employee_id, status, learn_skill_ids FROM mentee_profile) me) AS mentees,
              (SELECT count(*)::int FROM outbox_event) AS events`,
    );

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
    outsiderHr = await createUser(p.db, s.outsiderOrganizationId, { firstName: 'Ola', roles: [Role.EMPLOYEE, Role.HR_ADMIN] });
    departmentId = s.departmentId;
    skill = await addSkill(p, s.organizationId, 'Kubernetes');
    const mentors = await team(p, s.organizationId, 2, 7);
    [mentorUser] = mentors.members;
    for (const m of mentors.members) {
      await giveSkill(p, m, skill, 5, { teach: true });
      await mentor(p, m, 2);
    }
    await giveSkill(p, s.employee, skill, 1, { learn: true });
    await mentee(p, s.employee, [skill]);
    roundId = await createRound(p, s.hr, { mentees: { departmentIds: [departmentId] } });
    await matchRound(p, s.hr, roundId, eventually);
    ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token));
    proposalId = ok(await p.gql(MY_PROPOSALS, {}, s.employee.token)).myMentoringProposals.edges[0].node.id;
    draftRoundId = await createRound(p, s.hr, { name: 'Draft' });
    // A mentorship with a session: the peer asked the second mentor.
    await giveSkill(p, s.peer, skill, 1, { learn: true });
    const other = mentors.members[1];
    const req = ok(await p.gql(`mutation($m: ID!) { requestMentor(mentorId: $m, message: "Hi") { ... on MentoringProposal { id } } }`, { m: other.id }, s.peer.token));
    mentorshipId = ok(await p.gql(ACCEPT, { id: req.requestMentor.id }, other.token)).acceptMentoringProposal.mentorship.id;
    sessionId = ok(await p.gql(LOG, { input: { mentorshipId, startsAt: inDays(2).toISOString() } }, s.peer.token)).logMentoringSession.id;
  });
  afterAll(() => p?.close());

  it('refuses every operation across organizations, and changes nothing', async () => {
    const before = await snapshot();
    const attempts: [string, () => Promise<GqlResult>, string][] = [
      ['read a round', () => p.gql(ROUND, { id: roundId }, outsiderHr.token), 'NOT_FOUND'],
      ['edit a round', () => p.gql(UPDATE, { id: draftRoundId, input: { name: 'Mine' } }, outsiderHr.token), 'NOT_FOUND'],
      ['launch a round', () => p.gql(LAUNCH, { id: draftRoundId }, outsiderHr.token), 'NOT_FOUND'],
      ['publish a round', () => p.gql(PUBLISH, { id: roundId }, outsiderHr.token), 'NOT_FOUND'],
      ['withdraw a proposal', () => p.gql(WITHDRAW, { id: proposalId }, outsiderHr.token), 'NOT_FOUND'],
      ['read a proposal (HR)', () => p.gql(PROPOSAL, { id: proposalId }, outsiderHr.token), 'NOT_FOUND'],
      ['read a proposal', () => p.gql(PROPOSAL, { id: proposalId }, s.outsider.token), 'NOT_FOUND'],
      ['accept a proposal', () => p.gql(ACCEPT, { id: proposalId }, s.outsider.token), 'NOT_FOUND'],
      ['decline a proposal', () => p.gql(DECLINE, { id: proposalId }, outsiderHr.token), 'NOT_FOUND'],
      ['read a mentorship', () => p.gql(MENTORSHIP, { id: mentorshipId }, outsiderHr.token), 'NOT_FOUND'],
      ['log a session', () => p.gql(LOG, { input: { mentorshipId, startsAt: inDays(3).toISOString() } }, s.outsider.token), 'NOT_FOUND'],
      ['cancel a session', () => p.gql(CANCEL, { id: sessionId }, s.outsider.token), 'NOT_FOUND'],
      ['set a cadence', () => p.gql(CADENCE, { id: mentorshipId, days: 30 }, s.outsider.token), 'NOT_FOUND'],
      ['complete a mentorship', () => p.gql(COMPLETE, { id: mentorshipId, input: { rating: 1, comment: 'x' } }, s.outsider.token), 'NOT_FOUND'],
      ['ask a mentor', () => p.gql(REQUEST, { mentorId: mentorUser.id, message: 'Hi' }, s.outsider.token), 'NOT_FOUND'],
      ['offer a skill of another organization', () => p.gql(OPT_MENTOR, { input: { capacity: 1, topicSkillIds: [skill] } }, s.outsider.token), 'BAD_USER_INPUT'],
      ['learn a skill of another organization', () => p.gql(OPT_MENTEE, { input: { learnSkillIds: [skill] } }, s.outsider.token), 'BAD_USER_INPUT'],
      [
        'a round over another organization\'s department',
        () => p.gql(CREATE, { input: { name: 'X', deadline: inDays(30).toISOString(), mentees: { departmentIds: [departmentId] } } }, outsiderHr.token),
        'BAD_USER_INPUT',
      ],
    ];
    for (const [what, attempt, code] of attempts) {
      expect({ what, code: codeOf(await attempt()) }).toEqual({ what, code });
    }
    expect(ok(await p.gql(`{ mentoringRounds { totalCount } }`, {}, outsiderHr.token)).mentoringRounds.totalCount).toBe(0);
    expect(ok(await p.gql(MY_PROPOSALS, {}, s.outsider.token)).myMentoringProposals.totalCount).toBe(0);
    expect(ok(await p.gql(`{ myMentorships { totalCount } }`, {}, s.outsider.token)).myMentorships.totalCount).toBe(0);
    // The outsider wants "Kubernetes" in their organization: the mentors of this one are never suggested.
    const theirs = await addSkill(p, s.outsiderOrganizationId, 'Kubernetes');
    await giveSkill(p, s.outsider, theirs, 1, { learn: true });
    expect(ok(await p.gql(`{ mentorSuggestions { mentorId } }`, {}, s.outsider.token)).mentorSuggestions).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps rounds to HR and org admins', async () => {
    const before = await snapshot();
    for (const u of [s.employee, s.manager, mentorUser]) {
      expect(codeOf(await p.gql(CREATE, { input: { name: 'Mine', deadline: inDays(30).toISOString() } }, u.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(`{ mentoringRounds { totalCount } }`, {}, u.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(ROUND, { id: roundId }, u.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(LAUNCH, { id: draftRoundId }, u.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(UPDATE, { id: draftRoundId, input: { name: 'x' } }, u.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(WITHDRAW, { id: proposalId }, u.token))).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
    // The org admin may.
    expect(ok(await p.gql(`{ mentoringRounds { totalCount } }`, {}, s.orgAdmin.token)).mentoringRounds.totalCount).toBe(2);
  });

  it('refuses bad input with BAD_USER_INPUT naming the problem, and changes nothing', async () => {
    const before = await snapshot();
    const future = inDays(30).toISOString();
    const bad: [string, () => Promise<GqlResult>][] = [
      ['capacity 0', () => p.gql(OPT_MENTOR, { input: { capacity: 0 } }, s.director.token)],
      ['capacity 6', () => p.gql(OPT_MENTOR, { input: { capacity: 6 } }, s.director.token)],
      ['capacity 2.5', () => p.gql(OPT_MENTOR, { input: { capacity: 2.5 } }, s.director.token)],
      ['a topic that is not an id', () => p.gql(OPT_MENTOR, { input: { capacity: 2, topicSkillIds: ['kotlin'] } }, s.director.token)],
      ['an unknown topic', () => p.gql(OPT_MENTOR, { input: { capacity: 2, topicSkillIds: ['00000000-0000-4000-8000-000000000000'] } }, s.director.token)],
      ['21 topics', () => p.gql(OPT_MENTOR, { input: { capacity: 2, topicSkillIds: Array.from({ length: 21 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) } }, s.director.token)],
      ['a duplicated topic', () => p.gql(OPT_MENTOR, { input: { capacity: 2, topicSkillIds: [skill, skill] } }, s.director.token)],
      ['a long availability', () => p.gql(OPT_MENTOR, { input: { capacity: 2, availability: 'x'.repeat(301) } }, s.director.token)],
      ['long goals', () => p.gql(OPT_MENTEE, { input: { goals: 'x'.repeat(1001) } }, s.director.token)],
      ['an unknown skill to learn', () => p.gql(OPT_MENTEE, { input: { learnSkillIds: ['00000000-0000-4000-8000-000000000000'] } }, s.director.token)],
      ['an empty round name', () => p.gql(CREATE, { input: { name: '', deadline: future } }, s.hr.token)],
      ['a past deadline', () => p.gql(CREATE, { input: { name: 'R', deadline: new Date(Date.now() - DAY_MS).toISOString() } }, s.hr.token)],
      ['a deadline in three years', () => p.gql(CREATE, { input: { name: 'R', deadline: inDays(3 * 365).toISOString() } }, s.hr.token)],
      ['a deadline that is not a date', () => p.gql(CREATE, { input: { name: 'R', deadline: 'tomorrow' } }, s.hr.token)],
      ['levels upside down', () => p.gql(CREATE, { input: { name: 'R', deadline: future, mentees: { minLevel: 5, maxLevel: 3 } } }, s.hr.token)],
      ['level 0', () => p.gql(CREATE, { input: { name: 'R', deadline: future, mentors: { minLevel: 0 } } }, s.hr.token)],
      ['an unknown department', () => p.gql(CREATE, { input: { name: 'R', deadline: future, mentees: { departmentIds: ['00000000-0000-4000-8000-000000000000'] } } }, s.hr.token)],
      ['an unknown objective', () => p.gql(CREATE, { input: { name: 'R', deadline: future, objective: 'FASTEST' } }, s.hr.token)],
      ['an update with a past deadline', () => p.gql(UPDATE, { id: draftRoundId, input: { deadline: new Date(Date.now() - DAY_MS).toISOString() } }, s.hr.token)],
      ['a round id that is not an id', () => p.gql(ROUND, { id: 'round-1' }, s.hr.token)],
      ['a page of 101', () => p.gql(`{ mentoringRounds(first: 101) { totalCount } }`, {}, s.hr.token)],
      ['a page of 0', () => p.gql(`{ myMentoringProposals(first: 0) { totalCount } }`, {}, s.employee.token)],
      ['a forged cursor', () => p.gql(`{ myMentorships(after: "garbage") { totalCount } }`, {}, s.employee.token)],
      ['a cursor of another list', () => p.gql(`query($id: ID!) { mentoringRound(id: $id) { proposals(after: "WyJhIiwiYiJd") { totalCount } } }`, { id: roundId }, s.hr.token)],
      ['a 10-minute session', () => p.gql(LOG, { input: { mentorshipId, startsAt: inDays(1).toISOString(), durationMinutes: 10 } }, s.peer.token)],
      ['a 5-hour session', () => p.gql(LOG, { input: { mentorshipId, startsAt: inDays(1).toISOString(), durationMinutes: 300 } }, s.peer.token)],
      ['a session before the mentorship', () => p.gql(LOG, { input: { mentorshipId, startsAt: inDays(-30).toISOString() } }, s.peer.token)],
      ['a session two years ahead', () => p.gql(LOG, { input: { mentorshipId, startsAt: inDays(730).toISOString() } }, s.peer.token)],
      ['long notes', () => p.gql(LOG, { input: { mentorshipId, startsAt: inDays(1).toISOString(), notes: 'x'.repeat(5001) } }, s.peer.token)],
      ['a cadence of 3 days', () => p.gql(CADENCE, { id: mentorshipId, days: 3 }, s.peer.token)],
      ['a cadence of 91 days', () => p.gql(CADENCE, { id: mentorshipId, days: 91 }, s.peer.token)],
      ['a rating of 6', () => p.gql(COMPLETE, { id: mentorshipId, input: { rating: 6, comment: 'Great' } }, s.peer.token)],
      ['a rating of 0', () => p.gql(COMPLETE, { id: mentorshipId, input: { rating: 0, comment: 'Bad' } }, s.peer.token)],
      ['empty feedback', () => p.gql(COMPLETE, { id: mentorshipId, input: { rating: 4, comment: '' } }, s.peer.token)],
      ['an empty request', () => p.gql(REQUEST, { mentorId: mentorUser.id, message: '' }, s.employee.token)],
      ['a mentor that is not an id', () => p.gql(REQUEST, { mentorId: 'mona', message: 'Hi' }, s.employee.token)],
      ['a long decline note', () => p.gql(DECLINE, { id: proposalId, note: 'x'.repeat(501) }, s.employee.token)],
      ['a proposal id that is not an id', () => p.gql(ACCEPT, { id: '42' }, s.employee.token)],
    ];
    for (const [what, attempt] of bad) {
      const r = await attempt();
      expect({ what, code: codeOf(r) }).toEqual({ what, code: 'BAD_USER_INPUT' });
      expect(r.errors![0].message.length).toBeGreaterThan(5);
    }
    expect(ok(await p.gql(`{ myMentorProfile { status } }`, {}, s.director.token)).myMentorProfile).toBeNull();
    expect(await snapshot()).toEqual(before);
    // A named field for validation errors.
    const named = await p.gql(OPT_MENTOR, { input: { capacity: 9 } }, s.director.token);
    expect(named.errors![0].extensions!.field).toBe('capacity');
  });
});
