/**
 * Web client, an employee's career practice: logging an external interview with its debrief,
 * sharing it with the manager and opting in to the yearly nudge; a research meeting with a
 * director (request, the director proposes times and sets a monthly capacity, the employee picks
 * one and downloads the invite, then cancels); notification preferences in the centre.
 */
import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { assertWebBuilt, launchBrowser, openPage, signIn } from './browser';
import { organizationSlug, refreshSearchDocuments } from './fixtures';

jest.setTimeout(240_000);

describe('web client: interviews, research meetings, notification preferences', () => {
  let p: TestPlatform;
  let s: Session;
  let browser: Browser;
  let slug: string;

  beforeAll(async () => {
    assertWebBuilt();
    p = await startTestPlatform();
    s = await createSession(p.db);
    slug = await organizationSlug(p.db, s.organizationId);
    await refreshSearchDocuments(p.db, s.organizationId);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('an employee logs an interview with a debrief, shares it with their manager and opts in to the nudge', async () => {
    const e = await openPage(browser, p.url, 'interviews');
    const { page } = e;
    await signIn(e, slug, s.employee.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interviews' }).waitFor();
    await page.getByText('No interview yet').waitFor();
    await page.getByLabel('Company').fill('Acme');
    await page.getByLabel('Role').fill('Staff Engineer');
    await page.getByLabel('What went well').fill('System design round');
    await page.getByLabel('What to improve').fill('Salary negotiation');
    await page.getByRole('button', { name: 'Log interview' }).click();
    await page.getByRole('status').filter({ hasText: 'Interview logged. Only you can see it.' }).waitFor();
    const item = page.getByRole('list', { name: 'Your interviews' }).getByRole('listitem').filter({ hasText: 'External · Staff Engineer · Acme' });
    await item.getByText('Private').waitFor();
    await item.getByText('System design round').waitFor();
    await e.checkA11y('interviews');
    await item.getByRole('button', { name: /^Share with my manager/ }).click();
    await item.getByText('Shared with your manager', { exact: true }).waitFor();
    await item.getByRole('button', { name: /^Edit debrief/ }).click();
    await item.getByLabel('What to improve').fill('Negotiation: anchor first');
    await item.getByRole('button', { name: 'Save debrief' }).click();
    await item.getByText('Negotiation: anchor first').waitFor();
    await page.getByLabel('Remind me when I have not interviewed for 12 months').check();
    await page.getByText(/^Your last interview: /).waitFor();
    await e.screenshot('logged');
    await e.finish();
    const [log] = await p.db.query(`SELECT kind, company, role_title, went_well, to_improve, shared_with_manager FROM interview_log WHERE employee_id = $1`, [s.employee.id]);
    expect(log).toEqual({ kind: 'EXTERNAL', company: 'Acme', role_title: 'Staff Engineer', went_well: 'System design round', to_improve: 'Negotiation: anchor first', shared_with_manager: true });
    const [practice] = await p.db.query(`SELECT nudge_opt_in FROM interview_practice WHERE employee_id = $1`, [s.employee.id]);
    expect(practice.nudge_opt_in).toBe(true);
    // The manager reads the shared debrief through the API (their client has no view of it yet).
    const theirs = await p.gql(`query($id: ID!) { employee(id: $id) { interviews(first: 5) { totalCount } } }`, { id: s.employee.id }, s.manager.token);
    expect(theirs.data.employee.interviews.totalCount).toBe(1);
  });

  it('a research meeting: requested, times proposed by the host, one picked, invite downloaded, then cancelled', async () => {
    const e = await openPage(browser, p.url, 'meetings-requester');
    await signIn(e, slug, s.employee.email);
    await e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Research meetings' }).waitFor();
    await e.page.getByRole('button', { name: 'Send request' }).click();
    await e.page.getByRole('alert').filter({ hasText: 'Choose the person you would like to meet.' }).waitFor();
    await e.page.getByRole('combobox', { name: 'Person to meet' }).fill('dora');
    await e.page.getByRole('option', { name: /^Dora / }).click();
    await e.page.getByLabel('Purpose').fill('Learn how the directors plan the platform roadmap');
    await e.page.getByLabel('Questions (one per line)').fill('How do you pick priorities?\nWhat skills matter most?');
    await e.checkA11y('meeting request');
    await e.page.getByRole('button', { name: 'Send request' }).click();
    await e.page.getByRole('status').filter({ hasText: /^Request sent to Dora .*\. They will propose times\.$/ }).waitFor();
    const asked = e.page.getByRole('list', { name: 'Meetings you asked for' });
    await asked.getByRole('listitem').filter({ hasText: /^With Dora / }).getByText('Requested', { exact: true }).waitFor();

    // The director proposes a time tomorrow at 10:00 (their browser's time) and sets a capacity.
    const d = await openPage(browser, p.url, 'meetings-host');
    await signIn(d, slug, s.director.email);
    await d.goto('/meetings');
    const request = d.page.getByRole('list', { name: 'Requests to meet you' }).getByRole('listitem').filter({ hasText: /^From Eli / });
    await request.getByText('How do you pick priorities?').waitFor();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T10:00`;
    await request.getByLabel('Time 1').fill(local);
    await request.getByRole('button', { name: /^Propose times/ }).click();
    await request.getByText(/^You proposed: /).waitFor();
    await d.page.getByLabel('Meetings per month').fill('5');
    await d.page.getByRole('button', { name: 'Save capacity' }).click();
    await d.page.getByRole('status').filter({ hasText: 'Up to 5 meetings a month.' }).waitFor();
    await d.page.getByText(/^1 taken in \d{4}-\d{2} · 0 waiting$/).waitFor();
    await d.checkA11y('meeting host');
    await d.screenshot('proposed');
    await d.finish();
    const [host] = await p.db.query(`SELECT monthly_capacity FROM meeting_host WHERE employee_id = $1`, [s.director.id]);
    expect(host.monthly_capacity).toBe(5);

    // The employee picks it, downloads the invite, then cancels.
    await e.page.reload();
    const mine = asked.getByRole('listitem').filter({ hasText: /^With Dora / });
    await mine.getByText('Times proposed').waitFor();
    await mine.getByRole('button', { name: /^Pick / }).click();
    await mine.getByText('Scheduled', { exact: true }).waitFor();
    const [download] = await Promise.all([e.page.waitForEvent('download'), mine.getByRole('button', { name: /^Download invite/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^research-meeting-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('METHOD:REQUEST');
    await e.checkA11y('meeting scheduled');
    await e.screenshot('scheduled');
    await mine.getByRole('button', { name: /^Cancel the meeting with Dora/ }).click();
    await mine.getByText('Cancelled', { exact: true }).waitFor();
    await e.finish();
    const [meeting] = await p.db.query(`SELECT status, starts_at FROM research_meeting WHERE requester_id = $1`, [s.employee.id]);
    expect(meeting.status).toBe('CANCELLED');
    expect(meeting.starts_at).not.toBeNull();
  });

  it('notification preferences: a type set to the daily digest is saved and shown again', async () => {
    const e = await openPage(browser, p.url, 'notification-preferences');
    await signIn(e, slug, s.employee.email);
    await e.goto('/notifications');
    await e.page.getByRole('heading', { level: 2, name: 'Notification preferences' }).waitFor();
    await e.page.locator('#preferences').getByText('Research meetings', { exact: true }).click();
    const select = e.page.getByLabel('How to notify: A meeting is scheduled');
    await expect(select.inputValue()).resolves.toBe('IN_APP');
    await select.selectOption('EMAIL_DIGEST');
    await e.page.getByRole('status').filter({ hasText: 'A meeting is scheduled: daily email digest.' }).waitFor();
    await e.page.locator('#preferences').getByText('Projects', { exact: true }).click();
    await e.page.getByLabel('How to notify: A project fits you').selectOption('OFF');
    await e.page.getByRole('status').filter({ hasText: 'A project fits you: off.' }).waitFor();
    await e.checkA11y('notification preferences');
    await e.screenshot('preferences');
    await e.page.reload();
    await e.page.locator('#preferences').getByText('Research meetings', { exact: true }).click();
    await expect(e.page.getByLabel('How to notify: A meeting is scheduled').inputValue()).resolves.toBe('EMAIL_DIGEST');
    await e.finish();
    const rows = await p.db.query(`SELECT type, channel FROM notification_preference WHERE employee_id = $1 ORDER BY type`, [s.employee.id]);
    expect(rows).toEqual([
      { type: 'MEETING_SCHEDULED', channel: 'EMAIL_DIGEST' },
      { type: 'PROJECT_ANNOUNCED', channel: 'OFF' },
    ]);
  });
});
