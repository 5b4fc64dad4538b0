import { randomUUID } from 'node:crypto';
import { TenantContext } from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { createSession, eventually, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { codeOf, decodeQuotedPrintable, mailDir, mails, ok, runJob, setClock } from '../meetings/fixtures';
import { subscribe, Subscriber, waitForListeners } from './live-client';

const SET = `mutation($prefs: [NotificationPreferenceInput!]!) { setNotificationPreferences(preferences: $prefs) { type channel } }`;
const REQUEST = `mutation($input: RequestResearchMeetingInput!) { requestResearchMeeting(input: $input) { __typename ... on ResearchMeeting { id } } }`;

/** The text body of a digest .eml, decoded. */
function digestText(eml: string): string {
  const start = eml.indexOf('Content-Type: text/plain');
  const body = eml.slice(eml.indexOf('\r\n\r\n', start) + 4, eml.indexOf('\r\n----', start));
  return decodeQuotedPrintable(body);
}

/**
 * Preferences per notification type: IN_APP (live and in the app, the default), EMAIL_DIGEST
 * (in the app and in the daily email, not pushed live) or OFF (neither, and hidden). The digest
 * goes out once a day per employee from DIGEST_HOUR in their own time zone.
 */
describe('notification preferences and the email digest', () => {
  let p: TestPlatform;
  let s: Session;
  let dir: string;
  let live: Subscriber;
  const notify = (user: TestUser, type: string, title: string, organizationId = s.organizationId) =>
    TenantContext.run(organizationId, () =>
      p.api.get(NotificationService).notifyMany({ organizationId }, [{ recipientId: user.id, type, sourceId: randomUUID(), title, body: `${title} (body)` }]),
    );
  const digests = (user: TestUser) => mails(dir, 'digest-').filter((m) => m.name.includes(user.id));

  beforeAll(async () => {
    dir = mailDir();
    p = await startTestPlatform({ env: { MAIL_DIR: dir, DIGEST_HOUR: '8', NOTIFICATION_SWEEP_INTERVAL_MS: '200' } });
    s = await createSession(p.db);
    setClock(p, new Date('2031-06-10T07:00:00Z'));
    live = subscribe(p.url, s.employee);
    await waitForListeners(p, s.employee);
  });
  afterAll(async () => {
    await live?.close();
    await p?.close();
  });

  it('sets and lists preferences, and refuses bad ones without changing anything', async () => {
    const r = ok(
      await p.gql(
        SET,
        {
          prefs: [
            { type: 'PROJECT_ANNOUNCED', channel: 'OFF' },
            { type: 'OPENING_RECOMMENDED', channel: 'EMAIL_DIGEST' },
            { type: 'MEETING_REQUESTED', channel: 'EMAIL_DIGEST' },
          ],
        },
        s.employee.token,
      ),
    ).setNotificationPreferences;
    expect(r).toEqual([
      { type: 'MEETING_REQUESTED', channel: 'EMAIL_DIGEST' },
      { type: 'OPENING_RECOMMENDED', channel: 'EMAIL_DIGEST' },
      { type: 'PROJECT_ANNOUNCED', channel: 'OFF' },
    ]);
    const before = await p.db.query('SELECT * FROM notification_preference ORDER BY employee_id, type');
    for (const prefs of [
      [{ type: 'project_announced', channel: 'OFF' }],
      [{ type: 'A', channel: 'OFF' }],
      [
        { type: 'PROJECT_ANNOUNCED', channel: 'IN_APP' },
        { type: 'PROJECT_ANNOUNCED', channel: 'OFF' },
      ],
      Array.from({ length: 51 }, (_, i) => ({ type: `TYPE_${i}`, channel: 'OFF' })),
      [],
    ]) {
      expect(codeOf(await p.gql(SET, { prefs }, s.employee.token))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await p.gql(SET, { prefs: [{ type: 'PROJECT_ANNOUNCED', channel: 'LOUD' }] }, s.employee.token))).toBe('BAD_USER_INPUT');
    expect(await p.db.query('SELECT * FROM notification_preference ORDER BY employee_id, type')).toEqual(before);
    // Preferences are one's own: another employee still has none.
    expect(ok(await p.gql('{ myNotificationPreferences { type } }', {}, s.peer.token)).myNotificationPreferences).toEqual([]);
  });

  it('pushes live only what the employee wants in the app', async () => {
    await notify(s.employee, 'PROJECT_ANNOUNCED', 'Turned off');
    await notify(s.employee, 'OPENING_RECOMMENDED', 'Opening for the digest');
    const r = await p.gql(REQUEST, { input: { inviteeId: s.employee.id, purpose: 'Coffee?' } }, s.peer.token); // MEETING_REQUESTED: digest
    await eventually(async () => (await p.db.query(`SELECT 1 FROM notification WHERE source_id = $1`, [r.data.requestResearchMeeting.id])).length);
    await notify(s.employee, 'COMMITTEE_SEAT_OPEN', 'Live one');
    const got = await live.waitFor(1);
    await new Promise((res) => setTimeout(res, 500));
    expect(got.map((n) => n.title)).toEqual(['Live one']);
  });

  it('hides OFF types from the notification centre and the unread count', async () => {
    const r = ok(await p.gql('{ myNotifications { totalCount edges { node { type } } } unreadNotificationCount }', {}, s.employee.token));
    expect(r.myNotifications.edges.map((e: any) => e.node.type).sort()).toEqual(['COMMITTEE_SEAT_OPEN', 'MEETING_REQUESTED', 'OPENING_RECOMMENDED']);
    expect(r.myNotifications.totalCount).toBe(3);
    expect(r.unreadNotificationCount).toBe(3);
  });

  it('sends the digest from the digest hour, with the EMAIL_DIGEST types only, once a day', async () => {
    expect(await runJob(p, 'notifications.digest')).toBe(0); // 07:00 UTC: too early
    expect(digests(s.employee)).toEqual([]);
    setClock(p, new Date('2031-06-10T09:00:00Z'));
    expect(await runJob(p, 'notifications.digest')).toBe(1);
    const [mail] = digests(s.employee);
    expect(mail.name).toBe(`digest-2031-06-10-${s.employee.id}.eml`);
    expect(mail.text).toContain(`To: `);
    expect(mail.text).toContain(s.employee.email);
    expect(mail.text).toMatch(/Subject: Your Waypoint digest: 2 notifications/);
    const text = digestText(mail.text);
    expect(text).toContain('Opening for the digest');
    expect(text).toContain('asks you for a research meeting');
    expect(text).not.toContain('Turned off');
    expect(text).not.toContain('Live one');
    expect(await runJob(p, 'notifications.digest')).toBe(0); // same day: nothing more
  });

  it('carries what arrived since into the next day, and skips what was read', async () => {
    await notify(s.employee, 'OPENING_RECOMMENDED', 'Tomorrow opening');
    await notify(s.employee, 'OPENING_RECOMMENDED', 'Already read');
    await p.db.query(`UPDATE notification SET read_at = now() WHERE title = 'Already read'`);
    expect(await runJob(p, 'notifications.digest')).toBe(0);
    setClock(p, new Date('2031-06-11T08:30:00Z'));
    expect(await runJob(p, 'notifications.digest')).toBe(1);
    const mail = digests(s.employee).find((m) => m.name.includes('2031-06-11'))!;
    const text = digestText(mail.text);
    expect(text).toContain('Tomorrow opening');
    expect(text).not.toContain('Already read');
    expect(text).not.toContain('Opening for the digest');
  });

  it('follows the recipient time zone', async () => {
    await p.db.query(`UPDATE employee SET time_zone = 'America/Los_Angeles' WHERE id = $1`, [s.peer.id]);
    ok(await p.gql(SET, { prefs: [{ type: 'OPENING_RECOMMENDED', channel: 'EMAIL_DIGEST' }] }, s.peer.token));
    await notify(s.peer, 'OPENING_RECOMMENDED', 'For Pia');
    setClock(p, new Date('2031-06-12T09:00:00Z')); // 02:00 in Los Angeles
    await runJob(p, 'notifications.digest');
    expect(digests(s.peer)).toEqual([]);
    setClock(p, new Date('2031-06-12T16:00:00Z')); // 09:00 in Los Angeles
    await runJob(p, 'notifications.digest');
    expect(digests(s.peer).map((m) => m.name)).toEqual([`digest-2031-06-12-${s.peer.id}.eml`]);
  });

  it('never puts another organization’s rows in a digest, nor lets anyone mark them read', async () => {
    ok(await p.gql(SET, { prefs: [{ type: 'OPENING_RECOMMENDED', channel: 'EMAIL_DIGEST' }] }, s.outsider.token));
    // A buggy row: organization A, recipient the outsider.
    await p.db.query(
      `INSERT INTO notification (organization_id, recipient_id, type, source_id, title) VALUES ($1, $2, 'OPENING_RECOMMENDED', $3, 'Leaked opening')`,
      [s.organizationId, s.outsider.id, randomUUID()],
    );
    setClock(p, new Date('2031-06-13T12:00:00Z'));
    await runJob(p, 'notifications.digest');
    expect(digests(s.outsider)).toEqual([]);
    const outsiderList = ok(await p.gql('{ myNotifications { totalCount } }', {}, s.outsider.token));
    expect(outsiderList.myNotifications.totalCount).toBe(0);
    const [theirs] = await p.db.query(`SELECT id FROM notification WHERE recipient_id = $1 AND read_at IS NULL LIMIT 1`, [s.employee.id]);
    expect(ok(await p.gql('mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: [theirs.id] }, s.outsider.token)).markNotificationsRead).toBe(0);
    expect(ok(await p.gql('mutation { markNotificationsRead }', {}, s.outsider.token)).markNotificationsRead).toBe(0);
    const [after] = await p.db.query('SELECT read_at FROM notification WHERE id = $1', [theirs.id]);
    expect(after.read_at).toBeNull();
  });
});
