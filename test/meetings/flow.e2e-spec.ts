import ICAL from 'ical.js';
import { createDepartment, createSession, eventually, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import {
  CANCEL,
  CHOOSE,
  codeOf,
  GET,
  mailDir,
  mails,
  mimePart,
  NOTES,
  ok,
  PROPOSE,
  REQUEST,
  runJob,
  setClock,
  waitForNotification,
} from './fixtures';

/**
 * The whole research meeting, through GraphQL with the real worker: request to a business unit
 * leader, proposed slots, the pick, invites for both (an .ics that an independent iCalendar
 * parser reads back with the right times and people), the reminder, and the requester's notes.
 */
describe('research meeting flow', () => {
  let p: TestPlatform;
  let s: Session;
  let unitId: string;
  let dir: string;
  const NOW = new Date('2031-03-03T08:00:00Z');
  const slots = ['2031-03-05T09:00:00.000Z', '2031-03-06T14:30:00.000Z', '2031-03-07T16:00:00.000Z'];
  const purpose = 'Learn how Platform works; roadmap, hiring \\ "growth"\nand a second line — with ünïcode';
  const questions = ['What does a typical week look like?', 'Which skills matter most, and why; honestly?'];

  beforeAll(async () => {
    dir = mailDir();
    p = await startTestPlatform({ env: { MAIL_DIR: dir } });
    s = await createSession(p.db);
    unitId = await createDepartment(p.db, s.organizationId, 'Platform', s.director.id);
    await p.db.query(`UPDATE department SET kind = 'BUSINESS_UNIT' WHERE id = $1`, [unitId]);
    setClock(p, NOW);
  });
  afterAll(() => p?.close());

  let meetingId: string;

  it('requests a meeting with the leader of a business unit', async () => {
    const r = ok(await p.gql(REQUEST, { input: { businessUnitId: unitId, purpose, questions } }, s.employee.token)).requestResearchMeeting;
    expect(r.__typename).toBe('ResearchMeeting');
    expect(r.status).toBe('REQUESTED');
    expect(r.invitee.id).toBe(s.director.id);
    expect(r.requester.id).toBe(s.employee.id);
    expect(r.businessUnit).toEqual({ id: unitId, name: 'Platform' });
    expect(r.purpose).toBe(purpose);
    expect(r.questions).toEqual(questions);
    expect(r.capacityMonth).toBe('2031-03');
    expect(r.icsUrl).toBeNull();
    meetingId = r.id;
    const n = await waitForNotification(p, s.director, 'MEETING_REQUESTED', meetingId);
    expect(n.title).toContain('Eli');
  });

  it('lets only the invitee propose times, and only future ones', async () => {
    const byRequester = await p.gql(PROPOSE, { input: { meetingId, slots } }, s.employee.token);
    expect(codeOf(byRequester)).toBe('FORBIDDEN');
    const past = await p.gql(PROPOSE, { input: { meetingId, slots: ['2031-03-01T09:00:00Z'] } }, s.director.token);
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    const four = await p.gql(PROPOSE, { input: { meetingId, slots: [...slots, '2031-03-08T09:00:00Z'] } }, s.director.token);
    expect(codeOf(four)).toBe('BAD_USER_INPUT');
    const twice = await p.gql(PROPOSE, { input: { meetingId, slots: [slots[0], slots[0]] } }, s.director.token);
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    const notADate = await p.gql(PROPOSE, { input: { meetingId, slots: ['next tuesday'] } }, s.director.token);
    expect(codeOf(notADate)).toBe('BAD_USER_INPUT');
    expect(ok(await p.gql(GET, { id: meetingId }, s.employee.token)).researchMeeting.status).toBe('REQUESTED');

    const m = ok(await p.gql(PROPOSE, { input: { meetingId, slots: [slots[2], slots[0], slots[1]] } }, s.director.token)).proposeMeetingSlots;
    expect(m.status).toBe('PROPOSED');
    expect(m.proposedSlots).toEqual(slots);
    await waitForNotification(p, s.employee, 'MEETING_SLOTS_PROPOSED', meetingId);
  });

  it('lets only the requester pick, and only a proposed time', async () => {
    expect(codeOf(await p.gql(CHOOSE, { id: meetingId, at: slots[1] }, s.director.token))).toBe('FORBIDDEN');
    expect(codeOf(await p.gql(CHOOSE, { id: meetingId, at: '2031-03-06T15:00:00Z' }, s.employee.token))).toBe('BAD_USER_INPUT');
    const m = ok(await p.gql(CHOOSE, { id: meetingId, at: slots[1] }, s.employee.token)).chooseMeetingSlot;
    expect(m.status).toBe('SCHEDULED');
    expect(m.startsAt).toBe(slots[1]);
    expect(m.endsAt).toBe('2031-03-06T15:00:00.000Z');
    expect(m.icsUrl).toBe(`/calendar/meetings/${meetingId}.ics`);
    expect(codeOf(await p.gql(CHOOSE, { id: meetingId, at: slots[0] }, s.employee.token))).toBe('CONFLICT');
  });

  it('notifies both with a link to the invite', async () => {
    for (const u of [s.employee, s.director]) {
      const n = await waitForNotification(p, u, 'MEETING_SCHEDULED', meetingId);
      expect(n.data.icsUrl).toBe(`/calendar/meetings/${meetingId}.ics`);
      expect(n.data.startsAt).toBe(slots[1]);
    }
  });

  it('serves an iCalendar file that an independent parser reads back with the right times and people', async () => {
    const viaGraphql = ok(await p.gql(GET, { id: meetingId }, s.director.token)).researchMeeting.ics as string;
    const res = await p.http(`/calendar/meetings/${meetingId}.ics`, { headers: { authorization: `Bearer ${s.employee.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).toBe(viaGraphql);

    // RFC 5545 framing: CRLF everywhere, no line longer than 75 octets.
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.split('\r\n');
    expect(physical.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    expect(Math.max(...physical.map((l) => Buffer.byteLength(l, 'utf8')))).toBeLessThanOrEqual(75);

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(`${meetingId}@waypoint`);
    expect(event.startDate.toJSDate().toISOString()).toBe(slots[1]);
    expect(event.endDate.toJSDate().toISOString()).toBe('2031-03-06T15:00:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.summary).toBe(`Research meeting: ${await fullName(s.employee.id)} / ${await fullName(s.director.id)}`);
    expect(event.description).toContain(`Purpose: ${purpose}`);
    expect(event.description).toContain(`- ${questions[1]}`);
    expect(String(vevent.getFirstPropertyValue('organizer'))).toBe(`mailto:${s.employee.email}`);
    const attendees = event.attendees.map((a) => String(a.getFirstValue())).sort();
    expect(attendees).toEqual([`mailto:${s.director.email}`, `mailto:${s.employee.email}`].sort());
    expect(event.attendees.every((a) => a.getParameter('partstat') === 'ACCEPTED')).toBe(true);
    expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstSubcomponent('valarm')?.getFirstPropertyValue('action')).toBe('DISPLAY');
  });

  it('refuses the calendar file to anyone else', async () => {
    const get = (token?: string, id = meetingId) => p.http(`/calendar/meetings/${id}.ics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get()).status).toBe(401);
    expect((await get(s.peer.token)).status).toBe(404);
    expect((await get(s.outsider.token)).status).toBe(404);
    const bad = await get(s.employee.token, 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('emails the invite to both', async () => {
    for (const u of [s.employee, s.director]) {
      const [mail] = await eventually(async () => {
        const found = mails(dir, `invite-${meetingId}-0-${u.id}`);
        return found.length ? found : null;
      });
      expect(mail.text).toContain(`To: `);
      expect(mail.text).toContain(u.email);
      expect(mail.text).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      const ics = mimePart(mail.text, 'text/calendar')!;
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
      expect(event.startDate.toJSDate().toISOString()).toBe(slots[1]);
      expect(event.description).toContain(purpose);
    }
  });

  it('reminds both shortly before the meeting, once', async () => {
    // (The every-minute scheduler may run too: assert on what happened, not on which run did it.)
    const reminders = async () =>
      (await p.db.query(`SELECT recipient_id FROM notification WHERE type = 'MEETING_REMINDER' AND source_id = $1`, [meetingId])).length;
    setClock(p, new Date(new Date(slots[1]).getTime() - 3 * 3600_000));
    await runJob(p, 'meetings.reminders');
    expect(await reminders()).toBe(0);
    expect(ok(await p.gql(GET, { id: meetingId }, s.employee.token)).researchMeeting.reminderSentAt).toBeNull();
    setClock(p, new Date(new Date(slots[1]).getTime() - 30 * 60_000));
    await runJob(p, 'meetings.reminders');
    for (const u of [s.employee, s.director]) {
      const n = await waitForNotification(p, u, 'MEETING_REMINDER', meetingId);
      expect(n.data.startsAt).toBe(slots[1]);
    }
    const sentAt = ok(await p.gql(GET, { id: meetingId }, s.employee.token)).researchMeeting.reminderSentAt;
    expect(sentAt).not.toBeNull();
    setClock(p, new Date(new Date(slots[1]).getTime() - 10 * 60_000));
    expect(await runJob(p, 'meetings.reminders')).toBe(0);
    expect(await reminders()).toBe(2);
    expect(ok(await p.gql(GET, { id: meetingId }, s.employee.token)).researchMeeting.reminderSentAt).toBe(sentAt);
  });

  it('takes notes from the requester after the meeting, and keeps them private', async () => {
    const input = { meetingId, notes: 'Platform hires generalists.', followUps: ['Read the roadmap', 'Shadow an on-call week'] };
    expect(codeOf(await p.gql(NOTES, { input }, s.employee.token))).toBe('CONFLICT'); // not over yet
    setClock(p, new Date(new Date(slots[1]).getTime() + 31 * 60_000));
    expect(codeOf(await p.gql(NOTES, { input }, s.director.token))).toBe('FORBIDDEN');
    const m = ok(await p.gql(NOTES, { input }, s.employee.token)).recordMeetingNotes;
    expect(m.status).toBe('COMPLETED');
    expect(m.notes).toBe(input.notes);
    expect(m.followUps).toEqual(input.followUps);
    const seenByHost = ok(await p.gql(GET, { id: meetingId }, s.director.token)).researchMeeting;
    expect(seenByHost.status).toBe('COMPLETED');
    expect(seenByHost.notes).toBeNull();
    expect(seenByHost.followUps).toEqual([]);
    expect(codeOf(await p.gql(CANCEL, { id: meetingId }, s.employee.token))).toBe('CONFLICT');
  });

  it('sends a cancellation (same UID, next SEQUENCE) when a scheduled meeting is cancelled', async () => {
    setClock(p, NOW);
    const m0 = ok(await p.gql(REQUEST, { input: { inviteeId: s.director.id, purpose: 'Second chat' } }, s.peer.token)).requestResearchMeeting;
    await p.gql(PROPOSE, { input: { meetingId: m0.id, slots: [slots[0]] } }, s.director.token);
    ok(await p.gql(CHOOSE, { id: m0.id, at: slots[0] }, s.peer.token));
    await eventually(async () => mails(dir, `invite-${m0.id}-0-`).length === 2);
    const cancelled = ok(await p.gql(CANCEL, { id: m0.id, reason: 'Travel' }, s.director.token)).cancelResearchMeeting;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.inviteSequence).toBe(1);
    const n = await waitForNotification(p, s.peer, 'MEETING_CANCELLED', m0.id);
    expect(n.body).toBe('Travel');
    const sent = await eventually(async () => (mails(dir, `cancel-${m0.id}-1-`).length === 2 ? mails(dir, `cancel-${m0.id}-1-`) : null));
    const ics = mimePart(sent[0].text, 'text/calendar')!;
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${m0.id}@waypoint`);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  async function fullName(id: string): Promise<string> {
    const [row] = await p.db.query('SELECT full_name FROM employee WHERE id = $1', [id]);
    return row.full_name;
  }
});
