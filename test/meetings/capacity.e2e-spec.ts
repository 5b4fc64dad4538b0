import { createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { codeOf, DECLINE, GET, mailDir, ok, PROPOSE, QUEUE, REQUEST, runJob, setClock, SETTINGS, waitForNotification } from './fixtures';

/**
 * A host's monthly capacity: requests beyond it queue (first come, first served, visible to the
 * host), and are admitted when a place frees (decline, cancel, a higher capacity) or when the
 * month turns (host's time zone, the Clock). Concurrent requests never overfill a month.
 */
describe('research meeting capacity and queue', () => {
  let p: TestPlatform;
  let s: Session;
  let extra: TestUser[];
  const JAN = new Date('2031-01-20T10:00:00Z');

  beforeAll(async () => {
    p = await startTestPlatform({ env: { MAIL_DIR: mailDir() } });
    s = await createSession(p.db);
    extra = [];
    for (let i = 0; i < 6; i++) extra.push(await createUser(p.db, s.organizationId, { firstName: `Req${i}` }));
    setClock(p, JAN);
  });
  afterAll(() => p?.close());

  const request = async (from: TestUser, to: TestUser, purpose = 'Learn about your team') =>
    ok(await p.gql(REQUEST, { input: { inviteeId: to.id, purpose } }, from.token)).requestResearchMeeting;
  const get = async (id: string, as: TestUser) => ok(await p.gql(GET, { id }, as.token)).researchMeeting;

  let first: any;
  let second: any;
  let third: any;

  it('lets a host set a monthly capacity', async () => {
    const r = ok(await p.gql(SETTINGS, { input: { monthlyCapacity: 1 } }, s.director.token)).updateMyMeetingSettings;
    expect(r).toEqual({ monthlyCapacity: 1, acceptingRequests: true, month: '2031-01', usedThisMonth: 0, queueLength: 0 });
    expect(codeOf(await p.gql(SETTINGS, { input: { monthlyCapacity: -1 } }, s.director.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await p.gql(SETTINGS, { input: { monthlyCapacity: 101 } }, s.director.token))).toBe('BAD_USER_INPUT');
  });

  it('queues requests beyond the capacity, in order, and shows the queue to the host', async () => {
    first = await request(s.employee, s.director);
    expect(first.status).toBe('REQUESTED');
    expect(first.capacityMonth).toBe('2031-01');
    second = await request(s.peer, s.director);
    expect(second.status).toBe('QUEUED');
    expect(second.capacityMonth).toBeNull();
    expect(second.queuePosition).toBe(1);
    third = await request(s.manager, s.director);
    expect(third.queuePosition).toBe(2);

    const q = ok(await p.gql(QUEUE, { first: 1 }, s.director.token)).myMeetingQueue;
    expect(q.totalCount).toBe(2);
    expect(q.edges.map((e: any) => e.node.id)).toEqual([second.id]);
    expect(q.pageInfo.hasNextPage).toBe(true);
    const rest = ok(await p.gql(QUEUE, { first: 5, after: q.pageInfo.endCursor }, s.director.token)).myMeetingQueue;
    expect(rest.edges.map((e: any) => e.node.id)).toEqual([third.id]);
    // Nobody else's queue: the requester sees an empty one.
    expect(ok(await p.gql(QUEUE, {}, s.peer.token)).myMeetingQueue.totalCount).toBe(0);

    const n = await waitForNotification(p, s.peer, 'MEETING_QUEUED', second.id);
    expect(n.body).toContain('number 1 in the queue');
    // The host hears of the admitted request only.
    await waitForNotification(p, s.director, 'MEETING_REQUESTED', first.id);
    const settings = ok(await p.gql('{ myMeetingSettings { usedThisMonth queueLength } }', {}, s.director.token)).myMeetingSettings;
    expect(settings).toEqual({ usedThisMonth: 1, queueLength: 2 });
  });

  it('does not let the host accept a queued request', async () => {
    const r = await p.gql(PROPOSE, { input: { meetingId: second.id, slots: ['2031-01-25T10:00:00Z'] } }, s.director.token);
    expect(codeOf(r)).toBe('CONFLICT');
  });

  it('admits the next in line when a place frees', async () => {
    ok(await p.gql(DECLINE, { id: first.id, reason: 'Out this month' }, s.director.token));
    const promoted = await get(second.id, s.peer);
    expect(promoted.status).toBe('REQUESTED');
    expect(promoted.capacityMonth).toBe('2031-01');
    expect(promoted.queuePosition).toBeNull();
    expect((await get(third.id, s.manager)).queuePosition).toBe(1);
    await waitForNotification(p, s.peer, 'MEETING_PROMOTED', second.id);
    await waitForNotification(p, s.director, 'MEETING_REQUESTED', second.id);
    const declined = await waitForNotification(p, s.employee, 'MEETING_DECLINED', first.id);
    expect(declined.body).toBe('Out this month');
  });

  it('admits queued requests when the month turns (in the host time zone)', async () => {
    await p.db.query(`UPDATE employee SET time_zone = 'Asia/Tokyo' WHERE id = $1`, [s.director.id]);
    // 31 Jan 14:00 UTC is 23:00 in Tokyo: still January there, nothing moves.
    setClock(p, new Date('2031-01-31T14:00:00Z'));
    expect(await runJob(p, 'meetings.promote-queues')).toBe(0);
    // 31 Jan 16:00 UTC is still January in UTC but already 1 February in Tokyo.
    setClock(p, new Date('2031-01-31T16:00:00Z'));
    expect(await runJob(p, 'meetings.promote-queues')).toBe(1);
    const m = await get(third.id, s.manager);
    expect(m.status).toBe('REQUESTED');
    expect(m.capacityMonth).toBe('2031-02');
    await waitForNotification(p, s.manager, 'MEETING_PROMOTED', third.id);
    expect(await runJob(p, 'meetings.promote-queues')).toBe(0);
  });

  it('never admits more than the capacity under concurrent requests', async () => {
    setClock(p, new Date('2031-03-10T10:00:00Z'));
    ok(await p.gql(SETTINGS, { input: { monthlyCapacity: 2 } }, s.hr.token));
    const results = await Promise.all(extra.map((u) => request(u, s.hr, 'Concurrent')));
    expect(results.every((r) => r.__typename === 'ResearchMeeting')).toBe(true);
    expect(results.filter((r) => r.status === 'REQUESTED')).toHaveLength(2);
    const queued = results.filter((r) => r.status === 'QUEUED');
    expect(queued.map((r) => r.queuePosition).sort()).toEqual([1, 2, 3, 4]);
    const [{ n }] = await p.db.query(
      `SELECT count(*)::int AS n FROM research_meeting WHERE invitee_id = $1 AND status = 'REQUESTED' AND capacity_month = '2031-03-01'`,
      [s.hr.id],
    );
    expect(n).toBe(2);
  });

  it('admits from the queue at once when the host raises or removes the capacity', async () => {
    const raised = ok(await p.gql(SETTINGS, { input: { monthlyCapacity: 3 } }, s.hr.token)).updateMyMeetingSettings;
    expect(raised).toMatchObject({ monthlyCapacity: 3, usedThisMonth: 3, queueLength: 3 });
    const unlimited = ok(await p.gql(SETTINGS, { input: { monthlyCapacity: null } }, s.hr.token)).updateMyMeetingSettings;
    expect(unlimited).toMatchObject({ monthlyCapacity: null, usedThisMonth: 6, queueLength: 0 });
  });

  it('refuses a second open request to the same person, and requests to someone who opted out', async () => {
    const again = await request(s.peer, s.director);
    expect(again.__typename).toBe('MeetingAlreadyRequestedError');
    expect(again.existingMeetingId).toBe(second.id);
    ok(await p.gql(SETTINGS, { input: { acceptingRequests: false } }, s.orgAdmin.token));
    const before = await p.db.query('SELECT count(*)::int AS n FROM research_meeting');
    const optedOut = await request(s.employee, s.orgAdmin);
    expect(optedOut.__typename).toBe('HostNotAcceptingMeetingsError');
    expect(optedOut.inviteeId).toBe(s.orgAdmin.id);
    expect(await p.db.query('SELECT count(*)::int AS n FROM research_meeting')).toEqual(before);
  });
});
