import { Clock } from '@waypoint/core';
import { OPENINGS_JOBS } from '@waypoint/openings';
import { createUser, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { createWorld, fails, notificationsOf, ok, runJob, World } from './fixtures';

const DAY = 24 * 3600 * 1000;
const LOG = `mutation($input: LogInterviewInput!) { logInterview(input: $input) { id kind company roleTitle occurredAt wentWell toImprove sharedWithManager application { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateInterviewInput!) { updateInterview(id: $id, input: $input) { id wentWell toImprove sharedWithManager } }`;
const THEIRS = `query($id: ID!) { employee(id: $id) { interviews(first: 10) { totalCount edges { node { id company wentWell toImprove } } } } }`;
const PRACTICE = `{ myInterviewPractice { nudgeOptIn lastInterviewAt lastNudgedAt } }`;
const NUDGE = `mutation($on: Boolean!) { setInterviewPracticeNudge(enabled: $on) { nudgeOptIn } }`;

describe('openings: interview practice', () => {
  let p: TestPlatform;
  let w: World;

  beforeAll(async () => {
    p = await startTestPlatform();
    w = await createWorld(p);
  });
  afterAll(() => p?.close());
  afterEach(() => {
    p.api.get(Clock).set(new Date());
    p.worker!.get(Clock).set(new Date());
  });

  it('logs external and practice interviews with a debrief, private until shared with the manager', async () => {
    const input = { kind: 'EXTERNAL', company: 'Acme', roleTitle: 'Staff Engineer', occurredAt: new Date(Date.now() - 3 * DAY).toISOString(), wentWell: 'System design', toImprove: 'Salary talk' };
    const logged = (await ok(p, LOG, { input }, w.s.employee.token)).logInterview;
    expect(logged).toMatchObject({ kind: 'EXTERNAL', company: 'Acme', sharedWithManager: false, application: null });
    await ok(p, LOG, { input: { kind: 'PRACTICE', occurredAt: new Date().toISOString(), wentWell: 'Mock with a mentor' } }, w.s.employee.token);
    expect((await ok(p, `{ myInterviews(first: 10) { totalCount edges { node { kind } } } }`, {}, w.s.employee.token)).myInterviews).toEqual({
      totalCount: 2,
      edges: [{ node: { kind: 'PRACTICE' } }, { node: { kind: 'EXTERNAL' } }],
    });
    for (const who of [w.s.manager, w.s.director, w.s.peer, w.s.hr]) {
      expect((await ok(p, THEIRS, { id: w.s.employee.id }, who.token)).employee.interviews.totalCount).toBe(0);
    }

    await ok(p, UPDATE, { id: logged.id, input: { sharedWithManager: true, toImprove: 'Negotiation' } }, w.s.employee.token);
    expect((await ok(p, THEIRS, { id: w.s.employee.id }, w.s.manager.token)).employee.interviews).toEqual({
      totalCount: 1,
      edges: [{ node: { id: logged.id, company: 'Acme', wentWell: 'System design', toImprove: 'Negotiation' } }],
    });
    for (const who of [w.s.director, w.s.peer, w.s.hr]) {
      expect((await ok(p, THEIRS, { id: w.s.employee.id }, who.token)).employee.interviews.totalCount).toBe(0);
    }
    // Unshare: gone again.
    await ok(p, UPDATE, { id: logged.id, input: { sharedWithManager: false } }, w.s.employee.token);
    expect((await ok(p, THEIRS, { id: w.s.employee.id }, w.s.manager.token)).employee.interviews.totalCount).toBe(0);
  });

  it('refuses bad input, internal logs by hand, and other people\'s logs', async () => {
    expect((await fails(p, LOG, { input: { kind: 'INTERNAL', occurredAt: new Date().toISOString() } }, w.s.peer.token)).code).toBe('BAD_USER_INPUT');
    expect((await fails(p, LOG, { input: { kind: 'EXTERNAL', occurredAt: 'yesterday' } }, w.s.peer.token)).code).toBe('BAD_USER_INPUT');
    expect((await fails(p, LOG, { input: { kind: 'EXTERNAL', occurredAt: new Date().toISOString(), wentWell: 'x'.repeat(4001) } }, w.s.peer.token)).code).toBe(
      'BAD_USER_INPUT',
    );
    const mine = (await ok(p, LOG, { input: { kind: 'EXTERNAL', occurredAt: new Date().toISOString() } }, w.s.peer.token)).logInterview;
    for (const who of [w.s.employee, w.s.manager, w.s.hr, w.s.outsider]) {
      expect((await fails(p, UPDATE, { id: mine.id, input: { wentWell: 'hijack' } }, who.token)).code).toBe('NOT_FOUND');
      expect((await fails(p, `mutation($id: ID!) { deleteInterview(id: $id) }`, { id: mine.id }, who.token)).code).toBe('NOT_FOUND');
    }
    expect((await ok(p, `mutation($id: ID!) { deleteInterview(id: $id) }`, { id: mine.id }, w.s.peer.token)).deleteInterview).toBe(true);
  });

  it('nudges, once a year, the employees who opted in and have not interviewed in 12 months', async () => {
    const [ann, ben, cal] = [
      await createUser(p.db, w.s.organizationId, { firstName: 'Ann' }),
      await createUser(p.db, w.s.organizationId, { firstName: 'Ben' }),
      await createUser(p.db, w.s.organizationId, { firstName: 'Cal' }),
    ];
    const nudges = async (who: TestUser) => (await notificationsOf(w, who)).items.filter((n) => n.type === 'INTERVIEW_NUDGE').length;
    expect((await ok(p, NUDGE, { on: true }, ann.token)).setInterviewPracticeNudge.nudgeOptIn).toBe(true);
    await ok(p, NUDGE, { on: true }, ben.token);
    await ok(p, LOG, { input: { kind: 'EXTERNAL', occurredAt: new Date(Date.now() - 60 * DAY).toISOString() } }, ben.token);
    // Cal never opted in.

    await runJob(p, OPENINGS_JOBS.interviewNudge);
    await runJob(p, OPENINGS_JOBS.interviewNudge);
    expect([await nudges(ann), await nudges(ben), await nudges(cal)]).toEqual([1, 0, 0]);
    const practice = (await ok(p, PRACTICE, {}, ann.token)).myInterviewPractice;
    expect(practice.nudgeOptIn).toBe(true);
    expect(practice.lastNudgedAt).toBeTruthy();
    expect((await ok(p, PRACTICE, {}, ben.token)).myInterviewPractice.lastInterviewAt).toBeTruthy();

    // A year and a month later: Ann again (still no interview), Ben too (his was 14 months ago).
    p.worker!.get(Clock).set(new Date(Date.now() + 395 * DAY));
    await runJob(p, OPENINGS_JOBS.interviewNudge);
    await runJob(p, OPENINGS_JOBS.interviewNudge);
    expect([await nudges(ann), await nudges(ben), await nudges(cal)]).toEqual([2, 1, 0]);

    // Opting out stops it.
    await ok(p, NUDGE, { on: false }, ann.token);
    p.worker!.get(Clock).set(new Date(Date.now() + 800 * DAY));
    await runJob(p, OPENINGS_JOBS.interviewNudge);
    expect([await nudges(ann), await nudges(ben)]).toEqual([2, 2]);
  });
});
