/**
 * Web client, mentoring and projects journeys, against the real API and worker:
 * (a) a mentee opts in and sees suggestions; an HR admin creates a mentoring round, launches the
 *     matching (progress bar), reviews the proposal with its reasons and totals, and publishes;
 *     the mentee and the mentor accept in their own browsers, the mentorship starts, a session is
 *     added and its calendar invite downloads.
 * (b) a project announcement reaches another browser: employee A posts and publishes a project
 *     needing Kubernetes; employee B (open to projects, holds Kubernetes, not on A's team) gets it
 *     live in the bell and the notification centre; A's peer (same skill, same team) does not.
 *     B asks to join and A accepts.
 */
import { createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { assertWebBuilt, launchBrowser, openPage, signIn, signInByEmail, until } from './browser';
import { giveSkills, organizationSlug, refreshSearchDocuments, seedTaxonomy } from './fixtures';

jest.setTimeout(180_000);

describe('web client: mentoring and projects journeys', () => {
  let p: TestPlatform;
  let s: Session;
  let browser: Browser;
  let slug: string;
  let skills: Map<string, string>;
  let maya: TestUser;
  let bruno: TestUser;

  beforeAll(async () => {
    assertWebBuilt();
    p = await startTestPlatform();
    s = await createSession(p.db);
    slug = await organizationSlug(p.db, s.organizationId);
    skills = await seedTaxonomy(p.db, s.organizationId);
    const k8s = skills.get('Kubernetes')!;
    // A mentor outside Eli's management chain, and an employee outside Pia's team.
    maya = await createUser(p.db, s.organizationId, { firstName: 'Maya', lastName: 'Mentor', level: 6, title: 'Staff Engineer' });
    bruno = await createUser(p.db, s.organizationId, { firstName: 'Bruno', lastName: 'Builder', level: 4, title: 'Platform Engineer', managerId: s.director.id });
    await giveSkills(p.db, s.organizationId, maya.id, [{ skillId: k8s, proficiency: 5, wantsToTeach: true }]);
    await giveSkills(p.db, s.organizationId, s.employee.id, [{ skillId: k8s, proficiency: 3, wantsToLearn: true }]);
    await giveSkills(p.db, s.organizationId, bruno.id, [{ skillId: k8s, proficiency: 3 }]);
    await p.db.query('UPDATE employee SET open_to_projects = true WHERE id = ANY($1)', [[bruno.id, s.employee.id]]);
    await refreshSearchDocuments(p.db, s.organizationId);
    const optIn = await p.gql(
      'mutation($input: MentorProfileInput!) { optInAsMentor(input: $input) { status } }',
      { input: { capacity: 2, topicSkillIds: [k8s], availability: 'Tuesday afternoons' } },
      maya.token,
    );
    expect(optIn.errors).toBeUndefined();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('HR runs a mentoring round and publishes it; the mentee and the mentor accept; a session invite downloads', async () => {
    // The mentee opts in and sees a suggestion, with why.
    const e = await openPage(browser, p.url, 'mentoring-round-mentee');
    await signIn(e, slug, s.employee.email);
    await e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mentoring', exact: true }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Mentoring' }).waitFor();
    await e.page.getByLabel('Mentoring goals').fill('Run production Kubernetes with confidence');
    await e.page.getByRole('button', { name: 'Look for a mentor' }).click();
    await e.page.getByRole('status').filter({ hasText: 'You are looking for a mentor.' }).waitFor();
    const suggestions = e.page.getByRole('list', { name: 'Suggested mentors' });
    await suggestions.getByRole('heading', { name: 'Maya Mentor' }).waitFor();
    expect(await suggestions.getByRole('list', { name: 'Why Maya Mentor' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await e.screenshot('suggestions');
    await e.checkA11y('mentoring, suggestions');

    // HR: a new round, matching with progress, review, publish.
    const h = await openPage(browser, p.url, 'mentoring-round-hr');
    const { page } = h;
    await signIn(h, slug, s.hr.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mentoring rounds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentoring rounds' }).waitFor();
    await page.getByRole('button', { name: 'Create round' }).click();
    await page.getByText('Enter a name for the round').waitFor();
    await page.getByLabel('Name').fill('Spring mentoring');
    await h.checkA11y('mentoring rounds');
    await page.getByRole('button', { name: 'Create round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spring mentoring' }).waitFor();
    await page.getByRole('button', { name: 'Launch matching' }).click();
    await page.getByRole('status').filter({ hasText: 'Matching started.' }).or(page.getByRole('status').filter({ hasText: 'Matching finished.' })).waitFor();
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await h.screenshot('matching');
    // The bar follows the worker to 100 % and the round moves to review.
    await until(async () => Number(await bar.getAttribute('value')) === 100, 'the progress bar at 100 %', 30_000);
    await page.getByText('In review').waitFor();
    const proposals = page.getByRole('list', { name: 'Proposals' });
    const pair = proposals.getByRole('listitem').filter({ hasText: /Eli .* with Maya Mentor/ });
    await pair.waitFor();
    expect(await pair.getByRole('list', { name: /^Why / }).getByRole('listitem').count()).toBeGreaterThan(0);
    const totals = page.getByRole('region', { name: 'Totals' });
    await totals.getByText('100%').waitFor();
    await h.screenshot('review');
    await h.checkA11y('round in review');
    await page.getByRole('button', { name: 'Publish proposals' }).click();
    await page.getByRole('status').filter({ hasText: 'Published.' }).waitFor();
    await page.getByText('Published', { exact: true }).first().waitFor();
    await h.screenshot('published');
    await h.finish();

    // The mentee accepts; the mentor's side is still pending.
    await e.page.reload();
    const mine = e.page.getByRole('list', { name: 'Mentoring proposals' }).getByRole('listitem').filter({ hasText: 'Mentor: Maya Mentor' });
    await mine.waitFor();
    expect(await mine.getByRole('list', { name: 'Why Maya Mentor' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await e.screenshot('proposal');
    await e.checkA11y('mentee proposal');
    await mine.getByRole('button', { name: 'Accept Maya Mentor' }).click();
    await e.page.getByRole('status').filter({ hasText: 'Accepted. Waiting for Maya Mentor.' }).waitFor();

    // The mentor accepts: the mentorship starts. The mentor does not see the match reasons.
    const m = await openPage(browser, p.url, 'mentoring-round-mentor');
    await signInByEmail(m, slug, maya.email);
    await m.goto('/mentoring');
    const theirs = m.page.getByRole('list', { name: 'Mentoring proposals' }).getByRole('listitem').filter({ hasText: /Mentee: Eli / });
    await theirs.waitFor();
    await theirs.getByText('Their goals: Run production Kubernetes with confidence').waitFor();
    expect(await theirs.getByRole('list', { name: /^Why / }).count()).toBe(0);
    await theirs.getByRole('button', { name: /^Accept Eli / }).click();
    await m.page.getByRole('status').filter({ hasText: /Your mentorship with Eli .* has started\./ }).waitFor();
    await m.page.getByRole('region', { name: /^Mentorship with Eli / }).waitFor();
    await m.finish();

    // The mentee schedules a session and downloads its invite.
    await e.page.reload();
    const ship = e.page.getByRole('region', { name: 'Mentorship with Maya Mentor' });
    await ship.waitFor();
    const next = new Date(Date.now() + 3 * 86_400_000);
    next.setHours(15, 0, 0, 0);
    const local = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}T15:00`;
    await ship.getByLabel('Next session').fill(local);
    await ship.getByRole('button', { name: 'Add session' }).click();
    await ship.getByRole('status').filter({ hasText: 'Session added.' }).waitFor();
    const [download] = await Promise.all([e.page.waitForEvent('download'), ship.getByRole('button', { name: /^Download invite/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^mentoring-session-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toMatch(/UID:mentoring-session-[0-9a-f-]+@waypoint/);
    await e.screenshot('mentorship');
    await e.checkA11y('mentorship');
    await e.finish();

    const [row] = await p.db.query(`SELECT status FROM mentorship WHERE organization_id = $1`, [s.organizationId]);
    expect(row.status).toBe('ACTIVE');
  });

  it('announces a published project to a colleague with the skill, live, in another browser', async () => {
    // B watches the notification centre.
    const b = await openPage(browser, p.url, 'project-announcement-recipient');
    await signInByEmail(b, slug, bruno.email);
    await b.page.getByRole('link', { name: 'Notifications', exact: true }).click();
    await b.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const before = Number((await p.db.query('SELECT count(*) FROM notification WHERE recipient_id = $1', [bruno.id]))[0].count);

    // A posts a project needing Kubernetes and publishes it.
    const a = await openPage(browser, p.url, 'project-announcement-owner');
    await signIn(a, slug, s.peer.email);
    await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
    const form = a.page.getByRole('region', { name: 'Post a project' });
    await form.getByRole('button', { name: 'Save draft' }).click();
    await form.getByRole('alert').filter({ hasText: 'Enter a title and a goal' }).waitFor();
    await form.getByLabel('Title').fill('Kubernetes migration');
    await form.getByLabel('Goal').fill('Move the billing services to the shared cluster');
    await form.getByRole('combobox', { name: 'Needed skill' }).fill('kube');
    await a.page.getByRole('option', { name: 'Kubernetes' }).click();
    await form.getByLabel('Minimum level in Kubernetes').selectOption({ label: 'Competent' });
    await a.checkA11y('post a project');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved Kubernetes migration as a draft.' }).waitFor();
    const posted = a.page.getByRole('list', { name: 'Projects you posted' });
    await posted.getByText('Draft').waitFor();
    await a.screenshot('draft');
    await posted.getByRole('button', { name: 'Publish Kubernetes migration' }).click();
    await a.page.getByRole('status').filter({ hasText: 'Kubernetes migration is published.' }).waitFor();

    // B's bell and centre show it, live (well within the bell's 30 s polling), once the worker fanned out.
    await b.page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 20_000 });
    await b.page.getByText('New project: Kubernetes migration').waitFor({ timeout: 5_000 });
    await b.screenshot('announced');
    await b.checkA11y('notification centre with the announcement');
    const after = Number((await p.db.query('SELECT count(*) FROM notification WHERE recipient_id = $1', [bruno.id]))[0].count);
    expect(after).toBe(before + 1);
    // Pia's peer has the skill and is open to projects, but is on her team: not told.
    const [{ count: peerCount }] = await p.db.query(`SELECT count(*)::int AS count FROM notification WHERE recipient_id = $1 AND type = 'PROJECT_ANNOUNCED'`, [s.employee.id]);
    expect(peerCount).toBe(0);

    // B asks to join; A accepts.
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    const open = b.page.getByRole('list', { name: 'Open projects' });
    await open.getByRole('heading', { name: 'Kubernetes migration' }).waitFor();
    await open.getByLabel('Why you, for Kubernetes migration').fill('I run our staging cluster');
    await open.getByRole('button', { name: 'Ask to join Kubernetes migration' }).click();
    await open.getByText('Request sent', { exact: true }).waitFor();
    await b.screenshot('requested');
    await b.checkA11y('projects, requested');
    await b.finish();

    await a.page.reload();
    const people = a.page.getByRole('list', { name: 'People on Kubernetes migration' });
    await people.getByText('I run our staging cluster', { exact: false }).waitFor();
    await people.getByRole('button', { name: 'Accept Bruno Builder' }).click();
    await people.getByText('On the team').waitFor();
    await a.screenshot('accepted');
    await a.checkA11y('projects, owner view');
    await a.finish();
    const [participant] = await p.db.query('SELECT status FROM project_participant WHERE employee_id = $1', [bruno.id]);
    expect(participant.status).toBe('ACTIVE');
  });
});
