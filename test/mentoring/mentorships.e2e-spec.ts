import { createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import ICAL from 'ical.js';
import { ACCEPT, addSkill, codeOf, DAY_MS, giveSkill, mentor, MY_PROPOSALS, notificationsOf, ok, team } from './fixtures';

const SUGGEST = `{ mentorSuggestions { mentorId score reasons freeSeats availability mentor { id fullName } topics { id name } } }`;
const REQUEST = `mutation($mentorId: ID!, $message: String!) { requestMentor(mentorId: $mentorId, message: $message) {
  __typename
  ... on MentoringProposal { id status source menteeResponse mentorResponse requestMessage }
  ... on MentorAtCapacityError { message mentorId proposal { id } }
} }`;
const MENTORSHIP = `query($id: ID!) { mentorship(id: $id) {
  id status cadenceDays myRole startedAt lastSessionAt nextSessionAt heldSessionCount meetBy completedAt
  mentee { id } mentor { id }
  myFeedback { role rating comment }
  feedback { role rating comment }
  sessions(first: 10) { totalCount edges { node { id startsAt endsAt durationMinutes status held notes ics } } }
} }`;
const LOG = `mutation($input: LogMentoringSessionInput!) { logMentoringSession(input: $input) { id startsAt endsAt durationMinutes status held notes ics } }`;
const COMPLETE = `mutation($id: ID!, $input: CompleteMentorshipInput!) { completeMentorship(id: $id, input: $input) {
  id status completedAt myFeedback { role rating comment } } }`;

describe('mentors, mentees and mentorships (API + worker)', () => {
  let p: TestPlatform;
  let s: Session;
  let go: string; // the skill the employee wants to learn
  let mentors: TestUser[];

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
    go = await addSkill(p, s.organizationId, 'Go');
  });
  afterAll(() => p?.close());

  describe('opting in', () => {
    it('keeps mentor and mentee settings, with the profile flags standing in until an explicit opt-in', async () => {
      expect(ok(await p.gql(`{ myMentorProfile { status } myMenteeProfile { status } }`, {}, s.peer.token))).toEqual({
        myMentorProfile: null,
        myMenteeProfile: null,
      });
      // The people profile says "open to mentoring": a mentor with the default capacity until they opt in.
      ok(await p.gql(`mutation { updateMyProfile(input: { openToMentoring: true, seekingMentor: true }) { id } }`, {}, s.peer.token));
      expect(ok(await p.gql(`{ myMentorProfile { status capacity fromProfileFlag } myMenteeProfile { status fromProfileFlag } }`, {}, s.peer.token))).toEqual({
        myMentorProfile: { status: 'ACTIVE', capacity: 2, fromProfileFlag: true },
        myMenteeProfile: { status: 'ACTIVE', fromProfileFlag: true },
      });

      const profile = ok(
        await p.gql(
          `mutation($input: MentorProfileInput!) { optInAsMentor(input: $input) {
            status capacity availability fromProfileFlag topics { id name } seats { capacity active pending free } } }`,
          { input: { capacity: 3, topicSkillIds: [go], availability: ' Tuesday afternoons CET ' } },
          s.peer.token,
        ),
      ).optInAsMentor;
      expect(profile).toEqual({
        status: 'ACTIVE',
        capacity: 3,
        availability: 'Tuesday afternoons CET',
        fromProfileFlag: false,
        topics: [{ id: go, name: 'Go' }],
        seats: { capacity: 3, active: 0, pending: 0, free: 3 },
      });
      const asMentee = ok(
        await p.gql(
          `mutation($input: MenteeProfileInput!) { optInAsMentee(input: $input) { status goals learnSkills { name } fromProfileFlag } }`,
          { input: { goals: 'Lead a team', learnSkillIds: [go] } },
          s.peer.token,
        ),
      ).optInAsMentee;
      expect(asMentee).toEqual({ status: 'ACTIVE', goals: 'Lead a team', learnSkills: [{ name: 'Go' }], fromProfileFlag: false });

      // Opting out wins over the profile flag.
      expect(ok(await p.gql(`mutation { optOutAsMentor { status } }`, {}, s.peer.token)).optOutAsMentor.status).toBe('OPTED_OUT');
      expect(ok(await p.gql(`mutation { optOutAsMentee { status } }`, {}, s.peer.token)).optOutAsMentee.status).toBe('OPTED_OUT');
      expect(ok(await p.gql(`{ myMentorProfile { status } }`, {}, s.peer.token)).myMentorProfile.status).toBe('OPTED_OUT');
    });
  });

  describe('"find me a mentor"', () => {
    it('returns the five best mentors with free seats, explained, never the manager chain, the opted out or a mentor at capacity', async () => {
      await giveSkill(p, s.employee, go, 1, { learn: true });
      // The manager and the director would be the best: they are the employee's chain.
      for (const chief of [s.manager, s.director]) {
        await giveSkill(p, chief, go, 5, { teach: true });
        await mentor(p, chief, 3);
      }
      const other = await team(p, s.organizationId, 8, 6);
      mentors = other.members;
      for (const [i, m] of mentors.entries()) await giveSkill(p, m, go, 5 - (i % 4), { teach: i % 2 === 0 });
      for (const m of mentors) await mentor(p, m, 1, [], 'Mornings');
      // One mentor opts out; one is taken by someone else's request (capacity 1).
      ok(await p.gql(`mutation { optOutAsMentor { status } }`, {}, mentors[0].token));
      const someone = await createUser(p.db, s.organizationId, { firstName: 'Sam', level: 2 });
      await giveSkill(p, someone, go, 1, { learn: true });
      expect(ok(await p.gql(REQUEST, { mentorId: mentors[1].id, message: 'Please' }, someone.token)).requestMentor.__typename).toBe('MentoringProposal');
      // A mentor of another organization with the same skill name never shows up.
      const foreignGo = await addSkill(p, s.outsiderOrganizationId, 'Go');
      await giveSkill(p, s.outsider, foreignGo, 5, { teach: true });
      await mentor(p, s.outsider, 5);

      const suggestions = ok(await p.gql(SUGGEST, {}, s.employee.token)).mentorSuggestions;
      expect(suggestions).toHaveLength(5);
      const ids = suggestions.map((x: any) => x.mentorId);
      for (const never of [s.manager.id, s.director.id, mentors[0].id, mentors[1].id, s.outsider.id, s.employee.id]) expect(ids).not.toContain(never);
      const scores = suggestions.map((x: any) => x.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const x of suggestions) {
        expect(x.reasons.length).toBeGreaterThan(0);
        expect(x.freeSeats).toBe(1);
        expect(x.availability).toBe('Mornings');
        expect(x.mentor.id).toBe(x.mentorId);
      }
      expect(suggestions[0].reasons[0]).toMatch(/Go \(\d\/5\)/);
      // Someone who wants to learn nothing gets no suggestions rather than random ones.
      expect(ok(await p.gql(SUGGEST, {}, s.hr.token)).mentorSuggestions).toEqual([]);
    });

    it('lets the employee ask a suggested mentor, under the same hard constraints', async () => {
      const [top] = ok(await p.gql(SUGGEST, {}, s.employee.token)).mentorSuggestions;
      expect(codeOf(await p.gql(REQUEST, { mentorId: s.manager.id, message: 'Hi' }, s.employee.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql(REQUEST, { mentorId: s.director.id, message: 'Hi' }, s.employee.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql(REQUEST, { mentorId: s.employee.id, message: 'Hi' }, s.employee.token))).toBe('BAD_USER_INPUT');
      expect(codeOf(await p.gql(REQUEST, { mentorId: mentors[0].id, message: 'Hi' }, s.employee.token))).toBe('BAD_USER_INPUT'); // opted out
      const full = ok(await p.gql(REQUEST, { mentorId: mentors[1].id, message: 'Hi' }, s.employee.token)).requestMentor;
      expect(full).toMatchObject({ __typename: 'MentorAtCapacityError', mentorId: mentors[1].id, proposal: null });

      const request = ok(await p.gql(REQUEST, { mentorId: top.mentorId, message: 'I want to learn Go' }, s.employee.token)).requestMentor;
      expect(request).toMatchObject({ __typename: 'MentoringProposal', status: 'PUBLISHED', source: 'REQUEST', menteeResponse: 'ACCEPTED', requestMessage: 'I want to learn Go' });
      // One open request at a time.
      expect(codeOf(await p.gql(REQUEST, { mentorId: suggestionsAfter(top.mentorId), message: 'Hi' }, s.employee.token))).toBe('CONFLICT');
      const target = mentors.find((m) => m.id === top.mentorId)!;
      expect(await notificationsOf(p, target.id, 'MENTORING_REQUEST')).toHaveLength(1);
      const forMentor = ok(await p.gql(MY_PROPOSALS, { role: 'MENTOR' }, target.token)).myMentoringProposals.edges[0].node;
      expect(forMentor).toMatchObject({ id: request.id, source: 'REQUEST', mentee: { id: s.employee.id } });
      const accepted = ok(await p.gql(ACCEPT, { id: request.id }, target.token)).acceptMentoringProposal;
      expect(accepted).toMatchObject({ status: 'ACCEPTED', mentorship: { status: 'ACTIVE' } });
      // The mentor is full now: gone from everyone's suggestions (another learner still gets some).
      const learner = await createUser(p.db, s.organizationId, { firstName: 'Lea', level: 2 });
      await giveSkill(p, learner, go, 1, { learn: true });
      const next = ok(await p.gql(SUGGEST, {}, learner.token)).mentorSuggestions.map((x: any) => x.mentorId);
      expect(next.length).toBeGreaterThan(0);
      expect(next).not.toContain(target.id);
    });
  });

  describe('an active mentorship', () => {
    let mentorshipId: string;
    let mentorUser: TestUser;

    it('is visible to its two members and HR only', async () => {
      const list = ok(await p.gql(`{ myMentorships(first: 10) { totalCount edges { node { id myRole mentor { id } } } } }`, {}, s.employee.token)).myMentorships;
      expect(list.totalCount).toBe(1);
      mentorshipId = list.edges[0].node.id;
      mentorUser = mentors.find((m) => m.id === list.edges[0].node.mentor.id)!;
      expect(list.edges[0].node.myRole).toBe('MENTEE');
      const asMentor = ok(await p.gql(`{ myMentorships(role: MENTOR) { totalCount edges { node { id myRole } } } }`, {}, mentorUser.token)).myMentorships;
      expect(asMentor.edges[0].node).toEqual({ id: mentorshipId, myRole: 'MENTOR' });
      expect(ok(await p.gql(MENTORSHIP, { id: mentorshipId }, s.hr.token)).mentorship.myRole).toBeNull();
      for (const stranger of [s.manager, s.peer, s.director, s.outsider]) {
        expect(codeOf(await p.gql(MENTORSHIP, { id: mentorshipId }, stranger.token))).toBe('NOT_FOUND');
      }
    });

    it('logs sessions with a calendar invite each, notes private to the pair', async () => {
      const at = new Date(Date.now() + 3 * DAY_MS);
      at.setUTCHours(9, 30, 0, 0);
      const scheduled = ok(
        await p.gql(LOG, { input: { mentorshipId, startsAt: at.toISOString(), durationMinutes: 45, notes: 'Career plan' } }, s.employee.token),
      ).logMentoringSession;
      expect(scheduled).toMatchObject({ status: 'SCHEDULED', held: false, durationMinutes: 45, notes: 'Career plan' });
      expect(new Date(scheduled.endsAt).getTime() - new Date(scheduled.startsAt).getTime()).toBe(45 * 60_000);
      // A real iCalendar invite: parsed by a calendar library, both attendees, the right times.
      const cal = new ICAL.Component(ICAL.parse(scheduled.ics));
      expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
      const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe(`mentoring-session-${scheduled.id}@waypoint`);
      expect(event.startDate.toJSDate().toISOString()).toBe(at.toISOString());
      expect(event.endDate.toJSDate().getTime() - at.getTime()).toBe(45 * 60_000);
      const attendees = event.attendees.map((a) => String(a.getFirstValue()).toLowerCase());
      expect(attendees).toHaveLength(2);
      expect(attendees).toContain(`mailto:${s.employee.email}`);
      expect(attendees).toContain(`mailto:${mentorUser.email}`);
      expect(scheduled.ics).toContain('\r\n');
      // The mentor is told.
      const told = await notificationsOf(p, mentorUser.id, 'MENTORING_SESSION_SCHEDULED');
      expect(told.map((n) => n.source_id)).toEqual([scheduled.id]);

      // HR sees the sessions but not the notes or the invite; the mentor sees both.
      const forHr = ok(await p.gql(MENTORSHIP, { id: mentorshipId }, s.hr.token)).mentorship;
      expect(forHr.sessions.edges[0].node).toMatchObject({ id: scheduled.id, notes: null, ics: null });
      const forMentor = ok(await p.gql(MENTORSHIP, { id: mentorshipId }, mentorUser.token)).mentorship;
      expect(forMentor.sessions.edges[0].node.notes).toBe('Career plan');
      expect(forMentor.nextSessionAt).toBe(at.toISOString());

      // A session held yesterday, logged by the mentor.
      const past = new Date(Date.now() - DAY_MS);
      ok(await p.gql(LOG, { input: { mentorshipId, startsAt: past.toISOString(), durationMinutes: 30 } }, mentorUser.token));
      const after = ok(await p.gql(MENTORSHIP, { id: mentorshipId }, s.employee.token)).mentorship;
      expect(after).toMatchObject({ heldSessionCount: 1, lastSessionAt: past.toISOString(), cadenceDays: 14 });
      expect(new Date(after.meetBy).getTime()).toBe(past.getTime() + 14 * DAY_MS);

      // Cancelling sends the cancellation (a CANCEL with the next sequence) and tells the other side.
      const cancelled = ok(
        await p.gql(`mutation($id: ID!) { cancelMentoringSession(id: $id) { id status ics } }`, { id: scheduled.id }, mentorUser.token),
      ).cancelMentoringSession;
      expect(cancelled.status).toBe('CANCELLED');
      const cancel = new ICAL.Component(ICAL.parse(cancelled.ics));
      expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(cancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(1);
      expect(await notificationsOf(p, s.employee.id, 'MENTORING_SESSION_CANCELLED')).toHaveLength(1);
      // Strangers can do nothing with the sessions.
      expect(codeOf(await p.gql(`mutation($id: ID!) { cancelMentoringSession(id: $id) { id } }`, { id: scheduled.id }, s.peer.token))).toBe('NOT_FOUND');
      expect(codeOf(await p.gql(LOG, { input: { mentorshipId, startsAt: at.toISOString() } }, s.manager.token))).toBe('NOT_FOUND');
      expect(codeOf(await p.gql(LOG, { input: { mentorshipId, startsAt: at.toISOString() } }, s.hr.token))).toBe('FORBIDDEN');

      const cadence = ok(
        await p.gql(`mutation($id: ID!) { setMentorshipCadence(id: $id, cadenceDays: 21) { cadenceDays } }`, { id: mentorshipId }, mentorUser.token),
      );
      expect(cadence.setMentorshipCadence.cadenceDays).toBe(21);
    });

    it('completes with feedback from both sides: each sees their own, HR sees both, the seat is released', async () => {
      const SEATS = `{ myMentorProfile { seats { active free } } }`;
      expect(ok(await p.gql(SEATS, {}, mentorUser.token)).myMentorProfile.seats).toEqual({ active: 1, free: 0 });
      const done = ok(await p.gql(COMPLETE, { id: mentorshipId, input: { rating: 5, comment: 'Learned a lot' } }, s.employee.token)).completeMentorship;
      expect(done).toMatchObject({ status: 'COMPLETED', myFeedback: { role: 'MENTEE', rating: 5, comment: 'Learned a lot' } });
      expect(await notificationsOf(p, mentorUser.id, 'MENTORSHIP_COMPLETED')).toHaveLength(1);
      expect(ok(await p.gql(SEATS, {}, mentorUser.token)).myMentorProfile.seats).toEqual({ active: 0, free: 1 });
      expect(codeOf(await p.gql(COMPLETE, { id: mentorshipId, input: { rating: 4, comment: 'Again' } }, s.employee.token))).toBe('CONFLICT');

      // The mentor has not given feedback yet and cannot see the mentee's.
      const mentorView = ok(await p.gql(MENTORSHIP, { id: mentorshipId }, mentorUser.token)).mentorship;
      expect(mentorView).toMatchObject({ myFeedback: null, feedback: null });
      ok(await p.gql(COMPLETE, { id: mentorshipId, input: { rating: 4, comment: 'Motivated mentee' } }, mentorUser.token));
      const hrView = ok(await p.gql(MENTORSHIP, { id: mentorshipId }, s.hr.token)).mentorship;
      expect(hrView.feedback).toEqual([
        { role: 'MENTEE', rating: 5, comment: 'Learned a lot' },
        { role: 'MENTOR', rating: 4, comment: 'Motivated mentee' },
      ]);
      expect(ok(await p.gql(MENTORSHIP, { id: mentorshipId }, s.employee.token)).mentorship).toMatchObject({
        feedback: null,
        myFeedback: { rating: 5 },
      });
      expect(codeOf(await p.gql(COMPLETE, { id: mentorshipId, input: { rating: 5, comment: 'x' } }, s.hr.token))).toBe('FORBIDDEN');
      expect(codeOf(await p.gql(LOG, { input: { mentorshipId, startsAt: new Date().toISOString() } }, s.employee.token))).toBe('CONFLICT');

      // A pair matched before is never matched again.
      const suggestions = ok(await p.gql(SUGGEST, {}, s.employee.token)).mentorSuggestions.map((x: any) => x.mentorId);
      expect(suggestions).not.toContain(mentorUser.id);
      expect(codeOf(await p.gql(REQUEST, { mentorId: mentorUser.id, message: 'Again?' }, s.employee.token))).toBe('CONFLICT');
    });
  });

  /** A mentor with a free seat other than `taken`. */
  function suggestionsAfter(taken: string): string {
    return mentors.find((m) => m.id !== taken && m.id !== mentors[0].id && m.id !== mentors[1].id)!.id;
  }

  describe('requests at the same moment', () => {
    it('one open request per mentee, and one winner for a mentor\'s last seat', async () => {
      const rare = await addSkill(p, s.organizationId, 'Zig');
      const crowd = await team(p, s.organizationId, 6, 2);
      const teachers = await team(p, s.organizationId, 3, 7);
      for (const t of teachers.members) {
        await giveSkill(p, t, rare, 5, { teach: true });
        await mentor(p, t, 1);
      }
      for (const m of crowd.members) await giveSkill(p, m, rare, 1, { learn: true });
      // One mentee asks three mentors at once: one request stands.
      const [eager, ...others] = crowd.members;
      const fanOut = await Promise.all(teachers.members.map((t) => p.gql(REQUEST, { mentorId: t.id, message: 'Me!' }, eager.token)));
      expect(fanOut.filter((r) => !r.errors).length).toBe(1);
      expect(fanOut.filter((r) => codeOf(r) === 'CONFLICT').length).toBe(2);
      const taken = teachers.members.find((t, i) => !fanOut[i].errors)!;
      // Five mentees ask for the last seat of one of the other mentors at once: one wins.
      const target = teachers.members.find((t) => t.id !== taken.id)!;
      const race = await Promise.all(others.map((m) => p.gql(REQUEST, { mentorId: target.id, message: 'Me!' }, m.token)));
      const outcomes = race.map((r) => ok(r).requestMentor.__typename);
      expect(outcomes.filter((t) => t === 'MentoringProposal')).toHaveLength(1);
      expect(outcomes.filter((t) => t === 'MentorAtCapacityError')).toHaveLength(4);
      const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM mentoring_proposal WHERE mentor_id = $1 AND status = 'PUBLISHED'`, [target.id]);
      expect(n).toBe(1);
    });
  });
});
