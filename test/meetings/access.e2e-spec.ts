import { createDepartment, createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { CANCEL, CHOOSE, codeOf, DECLINE, GET, mailDir, NOTES, ok, PROPOSE, REQUEST, setClock, SETTINGS } from './fixtures';

const PEOPLE = `query($first: Int, $after: String) { peopleToMeet(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { employeeId score reasons explanation freeThisMonth employee { id fullName title } } } } }`;

/**
 * Bad input is refused with BAD_USER_INPUT and changes nothing; every meeting operation fails
 * for someone of another organization and for a colleague who does not take part; "people to
 * meet" is explained and respects capacity and opt-outs.
 */
describe('research meetings: input, access, people to meet', () => {
  let p: TestPlatform;
  let s: Session;
  let meetingId: string;
  let plainDepartment: string;
  const NOW = new Date('2031-05-05T09:00:00Z');
  const SLOT = '2031-05-07T10:00:00.000Z';

  beforeAll(async () => {
    p = await startTestPlatform({ env: { MAIL_DIR: mailDir() } });
    s = await createSession(p.db);
    setClock(p, NOW);
    plainDepartment = await createDepartment(p.db, s.organizationId, 'Finance', s.manager.id);
    const m = ok(await p.gql(REQUEST, { input: { inviteeId: s.director.id, purpose: 'Career chat' } }, s.employee.token)).requestResearchMeeting;
    meetingId = m.id;
    ok(await p.gql(PROPOSE, { input: { meetingId, slots: [SLOT] } }, s.director.token));
  });
  afterAll(() => p?.close());

  const fingerprint = () =>
    p.db.query(
      `SELECT (SELECT json_agg(m ORDER BY id) FROM research_meeting m WHERE organization_id = $1) AS meetings,
              (SELECT json_agg(h ORDER BY employee_id) FROM meeting_host h WHERE organization_id = $1) AS hosts,
              (SELECT count(*)::int FROM outbox_event WHERE organization_id = $1) AS events`,
      [s.organizationId],
    );

  describe('bad input', () => {
    const cases: [string, string, () => Record<string, unknown>][] = [
      ['both invitee and business unit', REQUEST, () => ({ input: { inviteeId: s.director.id, businessUnitId: plainDepartment, purpose: 'x' } })],
      ['neither invitee nor business unit', REQUEST, () => ({ input: { purpose: 'x' } })],
      ['yourself', REQUEST, () => ({ input: { inviteeId: s.peer.id, purpose: 'x' } })],
      ['a blank purpose', REQUEST, () => ({ input: { inviteeId: s.director.id, purpose: '   ' } })],
      ['a purpose over 1000 characters', REQUEST, () => ({ input: { inviteeId: s.manager.id, purpose: 'x'.repeat(1001) } })],
      ['eleven questions', REQUEST, () => ({ input: { inviteeId: s.manager.id, purpose: 'x', questions: Array(11).fill('q?') } })],
      ['a blank question', REQUEST, () => ({ input: { inviteeId: s.manager.id, purpose: 'x', questions: ['  '] } })],
      ['an invitee id that is not an id', REQUEST, () => ({ input: { inviteeId: 'bob', purpose: 'x' } })],
      ['a department that is not a business unit', REQUEST, () => ({ input: { businessUnitId: plainDepartment, purpose: 'x' } })],
      ['no slot', PROPOSE, () => ({ input: { meetingId, slots: [] } })],
      ['a slot a year ahead', PROPOSE, () => ({ input: { meetingId, slots: ['2032-06-01T10:00:00Z'] } })],
      ['a meeting id that is not an id', GET, () => ({ id: '42' })],
      ['21 follow-ups', NOTES, () => ({ input: { meetingId, notes: 'n', followUps: Array(21).fill('f') } })],
      ['notes over 10000 characters', NOTES, () => ({ input: { meetingId, notes: 'n'.repeat(10001) } })],
    ];
    it.each(cases)('refuses %s and changes nothing', async (_name, query, vars) => {
      // The invitee proposes; the requester (Eli) records notes; Pia requests (and asks herself).
      const as = query === PROPOSE ? s.director : query === NOTES ? s.employee : s.peer;
      const before = await fingerprint();
      const r = await p.gql(query, vars(), as.token);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(await fingerprint()).toEqual(before);
    });

    it('caps list pages and refuses forged cursors', async () => {
      expect(codeOf(await p.gql('{ myResearchMeetings(first: 101) { totalCount } }', {}, s.employee.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql('{ myMeetingQueue(first: 0) { totalCount } }', {}, s.employee.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql(PEOPLE, { first: 5, after: 'bm9wZQ' }, s.employee.token))).toBe('BAD_USER_INPUT');
      const forged = Buffer.from(JSON.stringify([1, 'x', 'not-a-uuid'])).toString('base64url');
      expect(codeOf(await p.gql(PEOPLE, { first: 5, after: forged }, s.employee.token))).toBe('BAD_USER_INPUT');
    });
  });

  describe('access', () => {
    const operations: [string, string, () => Record<string, unknown>][] = [
      ['researchMeeting', GET, () => ({ id: meetingId })],
      ['proposeMeetingSlots', PROPOSE, () => ({ input: { meetingId, slots: [SLOT] } })],
      ['chooseMeetingSlot', CHOOSE, () => ({ id: meetingId, at: SLOT })],
      ['declineResearchMeeting', DECLINE, () => ({ id: meetingId })],
      ['cancelResearchMeeting', CANCEL, () => ({ id: meetingId })],
      ['recordMeetingNotes', NOTES, () => ({ input: { meetingId, notes: 'pwned' } })],
    ];
    const who: [string, () => TestUser][] = [
      ['someone of another organization', () => s.outsider],
      ['a colleague who does not take part', () => s.peer],
      ['an HR admin who does not take part', () => s.hr],
    ];
    for (const [label, user] of who) {
      it.each(operations)(`%s is NOT_FOUND for ${label}, and changes nothing`, async (_name, query, vars) => {
        const before = await fingerprint();
        const r = await p.gql(query, vars(), user().token);
        expect(codeOf(r)).toBe('NOT_FOUND');
        expect(r.data ?? null).toBeNull();
        expect(await fingerprint()).toEqual(before);
      });
    }

    it('refuses requests to people and units of another organization', async () => {
      const unit = await createDepartment(p.db, s.organizationId, 'Ventures', s.director.id);
      await p.db.query(`UPDATE department SET kind = 'BUSINESS_UNIT' WHERE id = $1`, [unit]);
      const before = await fingerprint();
      expect(codeOf(await p.gql(REQUEST, { input: { inviteeId: s.director.id, purpose: 'x' } }, s.outsider.token))).toBe('NOT_FOUND');
      expect(codeOf(await p.gql(REQUEST, { input: { businessUnitId: unit, purpose: 'x' } }, s.outsider.token))).toBe('NOT_FOUND');
      expect(await fingerprint()).toEqual(before);
    });

    it('lists nothing of another organization', async () => {
      const mine = ok(await p.gql('{ myResearchMeetings { totalCount } myMeetingQueue { totalCount } }', {}, s.outsider.token));
      expect(mine).toEqual({ myResearchMeetings: { totalCount: 0 }, myMeetingQueue: { totalCount: 0 } });
      await p.db.query(`UPDATE employee SET target_roles = '{Director,Engineer}' WHERE id = $1`, [s.outsider.id]);
      expect(ok(await p.gql(PEOPLE, {}, s.outsider.token)).peopleToMeet.totalCount).toBe(0);
    });

    it('shows each participant the meeting from their side', async () => {
      const asInvitee = ok(await p.gql('{ myResearchMeetings(as: INVITEE) { edges { node { id } } } }', {}, s.director.token));
      expect(asInvitee.myResearchMeetings.edges.map((e: any) => e.node.id)).toEqual([meetingId]);
      const asRequester = ok(await p.gql('{ myResearchMeetings(as: REQUESTER) { totalCount } }', {}, s.director.token));
      expect(asRequester.myResearchMeetings.totalCount).toBe(0);
      const filtered = ok(await p.gql('{ myResearchMeetings(status: [SCHEDULED]) { totalCount } }', {}, s.employee.token));
      expect(filtered.myResearchMeetings.totalCount).toBe(0);
    });
  });

  describe('people to meet', () => {
    let unit: string;
    let target: string;
    let unitLead: TestUser;
    let teamLead: TestUser;
    let pm: TestUser;
    let seniorPm: TestUser;
    let analyst: TestUser;
    let optedOut: TestUser;
    let full: TestUser;
    let gone: TestUser;
    let seeker: TestUser;

    beforeAll(async () => {
      unitLead = await createUser(p.db, s.organizationId, { firstName: 'Uma', title: 'VP Growth' });
      teamLead = await createUser(p.db, s.organizationId, { firstName: 'Tom', title: 'Head of Marketing' });
      unit = await createDepartment(p.db, s.organizationId, 'Growth', unitLead.id);
      target = await createDepartment(p.db, s.organizationId, 'Growth Marketing', teamLead.id);
      await p.db.query(`UPDATE department SET kind = 'BUSINESS_UNIT' WHERE id = $1`, [unit]);
      await p.db.query(`UPDATE department SET parent_id = $1 WHERE id = $2`, [unit, target]);
      pm = await createUser(p.db, s.organizationId, { firstName: 'Paula', title: 'Product Manager' });
      seniorPm = await createUser(p.db, s.organizationId, { firstName: 'Sam', title: 'Senior product manager' });
      analyst = await createUser(p.db, s.organizationId, { firstName: 'Ana', title: 'Analyst', departmentId: target });
      optedOut = await createUser(p.db, s.organizationId, { firstName: 'Olaf', title: 'Product Manager' });
      full = await createUser(p.db, s.organizationId, { firstName: 'Fay', title: 'Product Manager' });
      gone = await createUser(p.db, s.organizationId, { firstName: 'Gus', title: 'Product Manager' });
      seeker = await createUser(p.db, s.organizationId, { firstName: 'Zed', title: 'Product Manager' });
      await p.db.query('UPDATE employee SET active = false WHERE id = $1', [gone.id]);
      ok(await p.gql(SETTINGS, { input: { acceptingRequests: false } }, optedOut.token));
      ok(await p.gql(SETTINGS, { input: { monthlyCapacity: 1 } }, full.token));
      ok(await p.gql(REQUEST, { input: { inviteeId: full.id, purpose: 'Fill the month' } }, s.manager.token));
      ok(await p.gql(SETTINGS, { input: { monthlyCapacity: 3 } }, pm.token));
      const me = await p.gql(
        `mutation($d: [ID!]) { updateMyProfile(input: { targetRoles: ["Product Manager"], targetDepartmentIds: $d }) { id } }`,
        { d: [target] },
        seeker.token,
      );
      ok(me);
    });

    it('suggests leaders, role holders and members of the target units, best first, explained', async () => {
      const r = ok(await p.gql(PEOPLE, { first: 10 }, seeker.token)).peopleToMeet;
      const ids = r.edges.map((e: any) => e.node.employeeId);
      expect(ids).toEqual([teamLead.id, unitLead.id, pm.id, seniorPm.id, analyst.id]);
      expect(r.totalCount).toBe(5);
      const [lead, bu, holder] = r.edges.map((e: any) => e.node);
      expect(lead.reasons).toEqual(['Leads Growth Marketing, a department you would like to work in']);
      expect(bu.reasons).toEqual(['Leads the business unit Growth, which Growth Marketing is part of']);
      expect(holder.explanation).toBe('Works as Product Manager (you aim for Product Manager).');
      expect(holder.freeThisMonth).toBe(3);
      expect(lead.freeThisMonth).toBeNull();
      expect(holder.employee).toEqual({ id: pm.id, fullName: expect.stringContaining('Paula'), title: 'Product Manager' });
      expect(lead.score).toBeGreaterThan(bu.score);
      // Never: yourself, opted out, no place left this month, inactive.
      for (const u of [seeker, optedOut, full, gone]) expect(ids).not.toContain(u.id);
    });

    it('pages with a cursor', async () => {
      const first = ok(await p.gql(PEOPLE, { first: 2 }, seeker.token)).peopleToMeet;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = ok(await p.gql(PEOPLE, { first: 10, after: first.pageInfo.endCursor }, seeker.token)).peopleToMeet;
      expect([...first.edges, ...rest.edges].map((e: any) => e.node.employeeId)).toEqual([teamLead.id, unitLead.id, pm.id, seniorPm.id, analyst.id]);
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect(rest.totalCount).toBe(5);
    });

    it('leaves out people the employee already asked', async () => {
      ok(await p.gql(REQUEST, { input: { inviteeId: seniorPm.id, purpose: 'Your path to PM' } }, seeker.token));
      const ids = ok(await p.gql(PEOPLE, { first: 10 }, seeker.token)).peopleToMeet.edges.map((e: any) => e.node.employeeId);
      expect(ids).toEqual([teamLead.id, unitLead.id, pm.id, analyst.id]);
    });

    it('suggests no one without targets', async () => {
      expect(ok(await p.gql(PEOPLE, {}, s.hr.token)).peopleToMeet).toMatchObject({ totalCount: 0, edges: [] });
    });
  });
});
