import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Clock, QUEUES, Role } from '@waypoint/core';
import { createDepartment, createSession, createUser, eventually, GqlResult, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { Queue } from 'bullmq';

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;
function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

const CREATE = `mutation($input: CreateCommitteeInput!) { createCommittee(input: $input) { id name passionTags seats termMonths chair { id } seatsTaken } }`;
const OPEN = `mutation($input: OpenSeatsInput!) { openCommitteeSeats(input: $input) { id seats deadline status reason isOpen } }`;
const APPLY = `mutation($openingId: ID!, $motivation: String!) { applyToCommittee(openingId: $openingId, motivation: $motivation) { id status } }`;
const SELECT = `mutation($id: ID!) { selectCommitteeApplicant(applicationId: $id) { id status termStart termEnd employee { id } committee { id } } }`;
const OPENING = `query($committeeId: ID) { committeeSeatOpenings(committeeId: $committeeId, openOnly: false) { totalCount edges { node { id reason seats seatsFilled status announcedCount announcedAt isOpen } } } }`;
const DAY = 24 * 3600 * 1000;

describe('committees', () => {
  let p: TestPlatform;
  let s: Session;
  let reminders: Queue;

  const setClock = (at: Date) => {
    p.api.get(Clock).set(at);
    p.worker!.get(Clock).set(at);
  };
  const resetClock = () => setClock(new Date());
  const notified = async (sourceId: string, type: string): Promise<string[]> =>
    (await p.db.query('SELECT recipient_id FROM notification WHERE source_id = $1 AND type = $2 ORDER BY recipient_id', [sourceId, type])).map(
      (r: { recipient_id: string }) => r.recipient_id,
    );
  const setPassions = (u: TestUser, passions: string[]) => p.db.query('UPDATE employee SET passions = $2 WHERE id = $1', [u.id, passions]);
  let n = 0;
  const committeeInput = (fields: Record<string, unknown> = {}) => ({
    name: `Green Team ${++n}`,
    mission: 'Cut the carbon footprint of our offices',
    passionTags: ['Sustainability', ' climate '],
    seats: 2,
    termMonths: 12,
    ...fields,
  });
  async function runJob(name: string, data: Record<string, unknown> = {}) {
    const job = await reminders.add(name, data);
    await eventually(async () => (await reminders.getJob(job.id!))?.finishedOn, 15000, `job ${name}`);
    const done = (await reminders.getJob(job.id!))!;
    if (done.failedReason) throw new Error(done.failedReason);
    return done.returnvalue;
  }

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
    reminders = p.worker!.get<Queue>(getQueueToken(QUEUES.reminders));
  });
  afterEach(() => resetClock());
  afterAll(() => p?.close());

  it('lets HR run a committee: seats announced to matching passions, applications, selection, terms', async () => {
    const dept = await createDepartment(p.db, s.organizationId, 'Facilities');
    const [green, loud, bored] = [
      await createUser(p.db, s.organizationId, { firstName: 'Gus', departmentId: dept }),
      await createUser(p.db, s.organizationId, { firstName: 'Lou', departmentId: dept }),
      await createUser(p.db, s.organizationId, { firstName: 'Bo', departmentId: dept }),
    ];
    await setPassions(green, ['sustainability']);
    await setPassions(loud, ['Climate', 'music']);
    await setPassions(bored, ['golf']);
    await setPassions(s.peer, ['SUSTAINABILITY ']);
    await setPassions(s.outsider, ['sustainability']);

    // Only HR creates committees.
    expect(code(await p.gql(CREATE, { input: committeeInput() }, s.employee.token))).toBe('FORBIDDEN');
    const c = ok(await p.gql(CREATE, { input: committeeInput({ chairId: s.director.id }) }, s.hr.token)).createCommittee;
    expect(c).toMatchObject({ passionTags: ['sustainability', 'climate'], chair: { id: s.director.id }, seatsTaken: 0 });
    expect(code(await p.gql(CREATE, { input: committeeInput({ name: c.name }) }, s.hr.token))).toBe('CONFLICT');

    // Seats open until a deadline; the worker announces them to employees whose passions match.
    const deadline = new Date(Date.now() + 14 * DAY).toISOString();
    expect(code(await p.gql(OPEN, { input: { committeeId: c.id, seats: 2, deadline } }, s.employee.token))).toBe('FORBIDDEN');
    const opening = ok(await p.gql(OPEN, { input: { committeeId: c.id, seats: 2, deadline } }, s.hr.token)).openCommitteeSeats;
    expect(opening).toMatchObject({ seats: 2, status: 'OPEN', reason: 'MANUAL', isOpen: true });
    await eventually(async () => ok(await p.gql(OPENING, { committeeId: c.id }, s.hr.token)).committeeSeatOpenings.edges[0].node.announcedAt, 15000, 'announcement');
    expect(await notified(opening.id, 'COMMITTEE_SEATS_OPENED')).toEqual([green.id, loud.id, s.peer.id].sort());
    // Re-running the announcement adds nothing; nobody outside the organization is told.
    expect(await runJob('CommitteeSeatsOpened', { eventId: randomUUID(), organizationId: s.organizationId, type: 'CommitteeSeatsOpened', payload: { openingId: opening.id }, occurredAt: new Date().toISOString() })).toEqual({ matched: 3, inserted: 0 });
    expect(await notified(opening.id, 'COMMITTEE_SEATS_OPENED')).toHaveLength(3);
    expect((await p.db.query('SELECT count(*)::int AS n FROM notification WHERE organization_id = $1', [s.outsiderOrganizationId]))[0].n).toBe(0);
    expect(ok(await p.gql(OPENING, { committeeId: c.id }, s.hr.token)).committeeSeatOpenings.edges[0].node.announcedCount).toBe(3);

    // Employees apply with a short motivation, once.
    const apply = (u: TestUser, motivation = 'I care about this') => p.gql(APPLY, { openingId: opening.id, motivation }, u.token);
    const a1 = ok(await apply(green)).applyToCommittee.id;
    const a2 = ok(await apply(loud)).applyToCommittee.id;
    const a3 = ok(await apply(s.peer)).applyToCommittee.id;
    expect(code(await apply(green))).toBe('CONFLICT');
    expect(code(await apply(bored, ''))).toBe('BAD_USER_INPUT');
    expect(code(await apply(bored, 'x'.repeat(1001)))).toBe('BAD_USER_INPUT');
    expect(await notified(a1, 'COMMITTEE_APPLICATION_RECEIVED')).toEqual([s.director.id]);

    // The chair and HR see applications with motivations; an applicant sees only their own.
    const APPS = `query($id: ID!) { committeeApplications(openingId: $id) { totalCount edges { node { id motivation employee { id } } } } }`;
    expect(ok(await p.gql(APPS, { id: opening.id }, s.director.token)).committeeApplications.totalCount).toBe(3);
    expect(code(await p.gql(APPS, { id: opening.id }, green.token))).toBe('FORBIDDEN');
    const mine = ok(await p.gql(`{ myCommitteeApplications { edges { node { id motivation status } } } }`, {}, green.token));
    expect(mine.myCommitteeApplications.edges).toEqual([{ node: { id: a1, motivation: 'I care about this', status: 'APPLIED' } }]);

    // The chair selects, HR selects; the opening is then full.
    expect(code(await p.gql(SELECT, { id: a1 }, s.peer.token))).toBe('FORBIDDEN');
    const m1 = ok(await p.gql(SELECT, { id: a1 }, s.director.token)).selectCommitteeApplicant;
    const start = new Date(m1.termStart);
    const end = new Date(m1.termEnd);
    expect(m1.status).toBe('ACTIVE');
    expect(end.getUTCFullYear() * 12 + end.getUTCMonth() - (start.getUTCFullYear() * 12 + start.getUTCMonth())).toBe(12);
    ok(await p.gql(SELECT, { id: a2 }, s.hr.token));
    const third = await p.gql(SELECT, { id: a3 }, s.hr.token);
    expect(code(third)).toBe('CONFLICT');
    expect(code(await p.gql(SELECT, { id: a1 }, s.hr.token))).toBe('CONFLICT');
    const rejected = ok(await p.gql(`mutation($id: ID!) { rejectCommitteeApplication(applicationId: $id, feedback: "Next time") { status feedback } }`, { id: a3 }, s.hr.token));
    expect(rejected.rejectCommitteeApplication).toEqual({ status: 'REJECTED', feedback: 'Next time' });
    expect(await notified(a1, 'COMMITTEE_APPLICATION_SELECTED')).toEqual([green.id]);
    const committee = ok(await p.gql(`query($id: ID!) { committee(id: $id) { seatsTaken } committeeMembers(committeeId: $id) { totalCount edges { node { employee { id } } } } }`, { id: c.id }, s.employee.token));
    expect(committee.committee.seatsTaken).toBe(2);
    expect(committee.committeeMembers.edges.map((e: any) => e.node.employee.id).sort()).toEqual([green.id, loud.id].sort());

    // After the deadline nobody can apply.
    const late = ok(await p.gql(OPEN, { input: { committeeId: c.id, seats: 1, deadline: new Date(Date.now() + 2 * DAY).toISOString() } }, s.director.token)).openCommitteeSeats;
    setClock(new Date(Date.now() + 3 * DAY));
    expect(code(await p.gql(APPLY, { openingId: late.id, motivation: 'late' }, bored.token))).toBe('CONFLICT');
  });

  it('reminds members and HR 30 days before a term ends, reopens the seat once, and ends the term', async () => {
    const c = ok(await p.gql(CREATE, { input: committeeInput({ seats: 1, termMonths: 6, chairId: s.director.id }) }, s.hr.token)).createCommittee;
    await setPassions(s.employee, ['climate']);
    const opening = ok(await p.gql(OPEN, { input: { committeeId: c.id, seats: 1, deadline: new Date(Date.now() + DAY).toISOString() } }, s.hr.token)).openCommitteeSeats;
    const app = ok(await p.gql(APPLY, { openingId: opening.id, motivation: 'Count me in' }, s.employee.token)).applyToCommittee.id;
    const m = ok(await p.gql(SELECT, { id: app }, s.hr.token)).selectCommitteeApplicant;
    const end = new Date(m.termEnd);

    // 31 days before the end: nothing yet.
    setClock(new Date(end.getTime() - 31 * DAY));
    await runJob('committee-term-reminders');
    expect(await notified(m.id, 'COMMITTEE_TERM_ENDING')).toEqual([]);

    // 29 days before: the member, HR and the chair are reminded, and the seat reopens and is announced.
    setClock(new Date(end.getTime() - 29 * DAY));
    await runJob('committee-term-reminders');
    expect(await notified(m.id, 'COMMITTEE_TERM_ENDING')).toEqual([s.employee.id]);
    expect(await notified(m.id, 'COMMITTEE_TERM_ENDING_HR')).toEqual([s.hr.id, s.director.id].sort());
    const reopened = await eventually(async () => {
      const edges = ok(await p.gql(OPENING, { committeeId: c.id }, s.hr.token)).committeeSeatOpenings.edges;
      const node = edges.find((e: any) => e.node.reason === 'TERM_ENDING')?.node;
      return node?.announcedAt ? node : null;
    }, 15000, 'the reopened seat to be announced');
    expect(reopened).toMatchObject({ seats: 1, status: 'OPEN', isOpen: true });
    const announced = await notified(reopened.id, 'COMMITTEE_SEATS_OPENED');
    expect(announced).not.toContain(s.employee.id); // still a member until the end of the term
    expect(announced.length).toBeGreaterThan(0);

    // Running again reminds nobody twice and opens no second seat.
    await runJob('committee-term-reminders');
    expect(await notified(m.id, 'COMMITTEE_TERM_ENDING')).toHaveLength(1);
    expect(ok(await p.gql(OPENING, { committeeId: c.id }, s.hr.token)).committeeSeatOpenings.totalCount).toBe(2);

    // A successor is selected for the term that starts when this one ends (the committee has one seat).
    await setPassions(s.peer, ['climate']);
    const next = ok(await p.gql(APPLY, { openingId: reopened.id, motivation: 'Ready to take over' }, s.peer.token)).applyToCommittee.id;
    const successor = ok(await p.gql(SELECT, { id: next }, s.director.token)).selectCommitteeApplicant;
    expect(new Date(successor.termStart).getTime()).toBe(end.getTime());

    // After the end, the term is closed.
    setClock(new Date(end.getTime() + DAY));
    await runJob('committee-term-reminders');
    const mine = ok(await p.gql(`{ myCommitteeMemberships { edges { node { id status } } } }`, {}, s.employee.token)).myCommitteeMemberships.edges;
    expect(mine.find((e: any) => e.node.id === m.id).node.status).toBe('ENDED');
  });

  it('gives the last seat to exactly one of concurrent selections', async () => {
    const c = ok(await p.gql(CREATE, { input: committeeInput({ seats: 1 }) }, s.hr.token)).createCommittee;
    const opening = ok(await p.gql(OPEN, { input: { committeeId: c.id, seats: 1, deadline: new Date(Date.now() + DAY).toISOString() } }, s.hr.token)).openCommitteeSeats;
    const apps: string[] = [];
    for (let i = 0; i < 6; i++) {
      const u = await createUser(p.db, s.organizationId, { firstName: `C${i}` });
      apps.push(ok(await p.gql(APPLY, { openingId: opening.id, motivation: 'me' }, u.token)).applyToCommittee.id);
    }
    const results = await Promise.all(apps.map((id) => p.gql(SELECT, { id }, s.hr.token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => code(r) === 'CONFLICT')).toHaveLength(5);
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM committee_membership WHERE committee_id = $1`, [c.id]);
    expect(n).toBe(1);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const count = async () => (await p.db.query('SELECT (SELECT count(*) FROM committee) + (SELECT count(*) FROM committee_seat_opening) AS n'))[0].n;
    const before = await count();
    for (const bad of [{ seats: 0 }, { seats: 101 }, { termMonths: 0 }, { termMonths: 61 }, { name: '' }, { mission: 'short' }, { passionTags: [] }, { passionTags: ['  '] }, { chairId: 'nope' }, { chairId: randomUUID() }, { chairId: s.outsider.id }]) {
      const r = await p.gql(CREATE, { input: committeeInput(bad) }, s.hr.token);
      expect([JSON.stringify(bad), code(r)]).toEqual([JSON.stringify(bad), 'BAD_USER_INPUT']);
    }
    const c = ok(await p.gql(CREATE, { input: committeeInput({ seats: 2 }) }, s.hr.token)).createCommittee;
    const later = new Date(Date.now() + DAY).toISOString();
    for (const bad of [
      { committeeId: c.id, seats: 0, deadline: later },
      { committeeId: c.id, seats: 3, deadline: later },
      { committeeId: c.id, seats: 1, deadline: new Date(Date.now() - DAY).toISOString() },
      { committeeId: c.id, seats: 1, deadline: 'soon' },
      { committeeId: c.id, seats: 1, deadline: later, termStartsAt: new Date().toISOString() },
      { committeeId: 'x', seats: 1, deadline: later },
    ]) {
      const r = await p.gql(OPEN, { input: bad }, s.hr.token);
      expect([JSON.stringify(bad), code(r)]).toEqual([JSON.stringify(bad), 'BAD_USER_INPUT']);
    }
    expect(Number(await count())).toBe(Number(before) + 1);
    expect(code(await p.gql(`{ committees(first: 0) { totalCount } }`, {}, s.hr.token))).toBe('BAD_USER_INPUT');
  });

  it('refuses every operation across organizations', async () => {
    const c = ok(await p.gql(CREATE, { input: committeeInput({ chairId: s.director.id }) }, s.hr.token)).createCommittee;
    const opening = ok(await p.gql(OPEN, { input: { committeeId: c.id, seats: 1, deadline: new Date(Date.now() + DAY).toISOString() } }, s.hr.token)).openCommitteeSeats;
    const app = ok(await p.gql(APPLY, { openingId: opening.id, motivation: 'me' }, s.peer.token)).applyToCommittee.id;
    const other = await createUser(p.db, s.organizationId, { firstName: 'Ola' });
    const app2 = ok(await p.gql(APPLY, { openingId: opening.id, motivation: 'me too' }, other.token)).applyToCommittee.id;
    const membership = ok(await p.gql(SELECT, { id: app2 }, s.hr.token)).selectCommitteeApplicant.id;
    const outsiderHr = await createUser(p.db, s.outsiderOrganizationId, { roles: [Role.EMPLOYEE, Role.HR_ADMIN] });
    const later = new Date(Date.now() + DAY).toISOString();
    const ops: [string, Record<string, unknown>][] = [
      [`query($id: ID!) { committee(id: $id) { id } }`, { id: c.id }],
      [`mutation($id: ID!) { updateCommittee(id: $id, input: { name: "Taken over" }) { id } }`, { id: c.id }],
      [OPEN, { input: { committeeId: c.id, seats: 1, deadline: later } }],
      [`mutation($id: ID!) { closeCommitteeSeatOpening(id: $id) { id } }`, { id: opening.id }],
      [APPLY, { openingId: opening.id, motivation: 'hi' }],
      [`query($id: ID!) { committeeApplications(openingId: $id) { totalCount } }`, { id: opening.id }],
      [SELECT, { id: app }],
      [`mutation($id: ID!) { rejectCommitteeApplication(applicationId: $id) { id } }`, { id: app }],
      [`mutation($id: ID!) { withdrawCommitteeApplication(applicationId: $id) { id } }`, { id: app }],
      [`query($id: ID!) { committeeMembers(committeeId: $id) { totalCount } }`, { id: c.id }],
      [`query($id: ID!) { committeeSeatOpenings(committeeId: $id) { totalCount } }`, { id: c.id }],
      [`mutation($id: ID!) { endCommitteeMembership(id: $id) { id } }`, { id: membership }],
    ];
    for (const user of [s.outsider, outsiderHr]) {
      for (const [q, v] of ops) {
        const r = await p.gql(q, v, user.token);
        const expected = user === s.outsider && /updateCommittee|endCommitteeMembership/.test(q) ? 'FORBIDDEN' : 'NOT_FOUND';
        expect([q.slice(0, 60), code(r)]).toEqual([q.slice(0, 60), expected]);
      }
      const lists = ok(await p.gql(`{ committees { totalCount } committeeSeatOpenings { totalCount } myCommitteeApplications { totalCount } myCommitteeMemberships { totalCount } }`, {}, user.token));
      expect(lists).toEqual({ committees: { totalCount: 0 }, committeeSeatOpenings: { totalCount: 0 }, myCommitteeApplications: { totalCount: 0 }, myCommitteeMemberships: { totalCount: 0 } });
    }
    const [row] = await p.db.query('SELECT name FROM committee WHERE id = $1', [c.id]);
    expect(row.name).toBe(c.name);
    const [a] = await p.db.query('SELECT status FROM committee_application WHERE id = $1', [app]);
    expect(a.status).toBe('APPLIED');
    const [mm] = await p.db.query('SELECT status FROM committee_membership WHERE id = $1', [membership]);
    expect(mm.status).toBe('ACTIVE');
  });
});
