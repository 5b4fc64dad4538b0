import { getQueueToken } from '@nestjs/bullmq';
import { Clock, QUEUES } from '@waypoint/core';
import { createSession, createUser, eventually, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { Queue } from 'bullmq';
import {
  ACCEPT,
  addSkill,
  codeOf,
  createRound,
  DECLINE,
  giveSkill,
  inDays,
  matchRound,
  mentee,
  mentor,
  MY_PROPOSALS,
  notificationsOf,
  ok,
  PUBLISH,
  team,
} from './fixtures';

const PROPOSAL = `query($id: ID!) { mentoringProposal(id: $id) { id status closedReason mentor { id } } }`;
const SUGGEST = `{ mentorSuggestions { mentorId } }`;

describe('mentoring over time (periodic jobs in the worker)', () => {
  let p: TestPlatform;
  let s: Session;

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());
  afterEach(() => {
    p.worker?.get(Clock).set(new Date());
    p.api.get(Clock).set(new Date());
  });

  /** Runs a periodic job now (as its scheduler would) and returns what it did. */
  async function runJob(name: string): Promise<any> {
    return (await runJobs(name, 1))[0];
  }
  /** Runs `copies` of a periodic job side by side (two schedulers, two workers). */
  async function runJobs(name: string, copies: number): Promise<any[]> {
    const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.matching));
    const jobs = await queue.addBulk(Array.from({ length: copies }, () => ({ name, data: {} })));
    const out = [];
    for (const job of jobs) {
      await eventually(async () => (await queue.getJob(job.id!))?.finishedOn, 15000, name);
      const done = (await queue.getJob(job.id!))!;
      if (done.failedReason) throw new Error(`${name} failed: ${done.failedReason}`);
      out.push(done.returnvalue);
    }
    return out;
  }
  const workerAt = (days: number) => p.worker!.get(Clock).set(inDays(days));

  /** A published round in which `learner` is proposed `first`, with `others` as further mentors. */
  async function publishedRound(skillName: string, deadlineDays = 60) {
    const skill = await addSkill(p, s.organizationId, skillName);
    const mentors = await team(p, s.organizationId, 3, 7);
    const [first, backup, spare] = mentors.members;
    await giveSkill(p, first, skill, 5, { teach: true });
    await giveSkill(p, backup, skill, 3, { teach: true });
    await giveSkill(p, spare, skill, 2);
    await mentor(p, first, 2);
    await mentor(p, backup, 1);
    await mentor(p, spare, 1);
    const mentees = await team(p, s.organizationId, 1, 2);
    const [learner] = mentees.members;
    await giveSkill(p, learner, skill, 1, { learn: true });
    await mentee(p, learner, [skill]);
    const roundId = await createRound(p, s.hr, { deadline: inDays(deadlineDays).toISOString(), mentees: { departmentIds: [mentees.departmentId] } });
    await matchRound(p, s.hr, roundId, eventually);
    ok(await p.gql(PUBLISH, { id: roundId }, s.hr.token));
    const proposal = ok(await p.gql(MY_PROPOSALS, {}, learner.token)).myMentoringProposals.edges[0].node;
    expect(proposal.mentor.id).toBe(first.id);
    return { skill, roundId, first, backup, spare, learner, proposalId: proposal.id as string };
  }

  it('pauses a mentor who leaves a proposal unanswered for 14 days, expires it and matches the mentee again', async () => {
    const { skill, first: slow, backup, spare, learner, proposalId } = await publishedRound('Scala');

    workerAt(13);
    await runJob('mentoring-inactive-mentors');
    expect(ok(await p.gql(PROPOSAL, { id: proposalId }, s.hr.token)).mentoringProposal.status).toBe('PUBLISHED');

    workerAt(15);
    // Two copies at once (a scheduler on each of two workers): the proposal expires once.
    const both = await runJobs('mentoring-inactive-mentors', 2);
    expect(both.reduce((n, r) => n + r.expired, 0)).toBe(1);
    expect(both.reduce((n, r) => n + r.paused, 0)).toBe(1);
    expect(ok(await p.gql(PROPOSAL, { id: proposalId }, s.hr.token)).mentoringProposal).toMatchObject({ status: 'EXPIRED', closedReason: 'MENTOR_INACTIVE' });
    const profile = ok(await p.gql(`{ myMentorProfile { status pausedAt pauseReason } }`, {}, slow.token)).myMentorProfile;
    expect(profile.status).toBe('PAUSED');
    expect(profile.pauseReason).toMatch(/14 days/);
    expect(await notificationsOf(p, slow.id, 'MENTOR_PAUSED')).toHaveLength(1);
    expect(await notificationsOf(p, learner.id, 'MENTORING_PROPOSAL_EXPIRED')).toHaveLength(1);
    // The mentee is matched again, with the next best mentor.
    const replacement = await eventually(
      async () => {
        const list = ok(await p.gql(MY_PROPOSALS, { status: 'PUBLISHED' }, learner.token)).myMentoringProposals;
        return list.totalCount ? list.edges[0].node : null;
      },
      15000,
      'the re-match',
    );
    expect(replacement).toMatchObject({ source: 'REMATCH', mentor: { id: backup.id } });
    // Nothing left to do on a second run.
    expect(await runJob('mentoring-inactive-mentors')).toEqual({ expired: 0, paused: 0 });

    // A paused mentor is offered to nobody until they opt in again.
    const other = await createUser(p.db, s.organizationId, { firstName: 'Otis', level: 2 });
    await giveSkill(p, other, skill, 1, { learn: true });
    let suggested = ok(await p.gql(SUGGEST, {}, other.token)).mentorSuggestions.map((x: any) => x.mentorId);
    expect(suggested).toEqual([spare.id]);
    ok(await p.gql(`mutation { optInAsMentor(input: { capacity: 2 }) { status } }`, {}, slow.token));
    suggested = ok(await p.gql(SUGGEST, {}, other.token)).mentorSuggestions.map((x: any) => x.mentorId);
    expect(suggested).toEqual([slow.id, spare.id]);
  });

  it('reminds both members when they have not met for their cadence, once per period, not while a session is planned', async () => {
    const skill = await addSkill(p, s.organizationId, 'Elixir');
    const pair = await team(p, s.organizationId, 2, 4);
    const [mentorUser, menteeUser] = pair.members;
    await giveSkill(p, mentorUser, skill, 5, { teach: true });
    await mentor(p, mentorUser, 1);
    await giveSkill(p, menteeUser, skill, 1, { learn: true });
    const request = ok(
      await p.gql(`mutation($m: ID!) { requestMentor(mentorId: $m, message: "Hello") { ... on MentoringProposal { id } } }`, { m: mentorUser.id }, menteeUser.token),
    ).requestMentor;
    expect(ok(await p.gql(ACCEPT, { id: request.id }, mentorUser.token)).acceptMentoringProposal.mentorship.status).toBe('ACTIVE');
    const due = async () => (await notificationsOf(p, menteeUser.id, 'MENTORING_SESSION_DUE')).length;

    workerAt(10);
    await runJob('mentoring-session-reminders');
    expect(await due()).toBe(0);

    workerAt(15);
    const both = await runJobs('mentoring-session-reminders', 3);
    expect(both.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    expect(await due()).toBe(1);
    expect(await notificationsOf(p, mentorUser.id, 'MENTORING_SESSION_DUE')).toHaveLength(1);
    await runJob('mentoring-session-reminders');
    expect(await due()).toBe(1);

    // Another cadence later without a session: reminded again.
    workerAt(30);
    await runJob('mentoring-session-reminders');
    expect(await due()).toBe(2);

    // A session planned ahead: no reminder while it is coming.
    const mentorshipId = ok(await p.gql(`{ myMentorships { edges { node { id } } } }`, {}, menteeUser.token)).myMentorships.edges[0].node.id;
    ok(
      await p.gql(
        `mutation($input: LogMentoringSessionInput!) { logMentoringSession(input: $input) { id } }`,
        { input: { mentorshipId, startsAt: inDays(50).toISOString() } },
        mentorUser.token,
      ),
    );
    workerAt(46);
    await runJob('mentoring-session-reminders');
    expect(await due()).toBe(2);
    // Once it was held, the cadence counts from it.
    workerAt(60);
    await runJob('mentoring-session-reminders');
    expect(await due()).toBe(2);
    workerAt(65);
    await runJob('mentoring-session-reminders');
    expect(await due()).toBe(3);
  });

  it('closes a published round at its deadline: unanswered proposals expire and nobody is matched again', async () => {
    const { roundId, learner, proposalId } = await publishedRound('OCaml', 20);
    workerAt(19);
    expect(await runJob('mentoring-round-deadlines')).toEqual({ closed: 0, expired: 0 });
    workerAt(21);
    expect(await runJob('mentoring-round-deadlines')).toEqual({ closed: 1, expired: 1 });
    const round = ok(await p.gql(`query($id: ID!) { mentoringRound(id: $id) { status proposalCounts { expired published } } }`, { id: roundId }, s.hr.token))
      .mentoringRound;
    expect(round).toEqual({ status: 'CLOSED', proposalCounts: { expired: 1, published: 0 } });
    expect(ok(await p.gql(PROPOSAL, { id: proposalId }, learner.token)).mentoringProposal).toMatchObject({ status: 'EXPIRED', closedReason: 'ROUND_CLOSED' });
    expect(codeOf(await p.gql(DECLINE, { id: proposalId }, learner.token))).toBe('CONFLICT');
    expect(await runJob('mentoring-round-deadlines')).toEqual({ closed: 0, expired: 0 });
  });
});
