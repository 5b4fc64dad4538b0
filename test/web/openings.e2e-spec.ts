/**
 * Web client, openings journey: an employee finds an opening (match, "stretch"), applies and
 * chooses to tell their manager only if hired; HR moves the application through the pipeline
 * board to offer (one drag, then the cards' buttons); the manager's team view and notifications
 * show nothing of it; the employee's applications show the timeline.
 */
import { createDepartment, createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { Browser } from 'playwright-core';
import { assertWebBuilt, launchBrowser, openPage, signIn } from './browser';
import { giveSkills, organizationSlug, refreshSearchDocuments, seedTaxonomy } from './fixtures';

jest.setTimeout(180_000);

describe('web client: openings journey', () => {
  let p: TestPlatform;
  let s: Session;
  let browser: Browser;
  let slug: string;
  let hugo: TestUser;
  let openingId: string;

  beforeAll(async () => {
    assertWebBuilt();
    p = await startTestPlatform();
    s = await createSession(p.db);
    slug = await organizationSlug(p.db, s.organizationId);
    const skills = await seedTaxonomy(p.db, s.organizationId);
    const platformDept = await createDepartment(p.db, s.organizationId, 'Platform');
    hugo = await createUser(p.db, s.organizationId, { firstName: 'Hugo', lastName: 'Hiring', level: 7, departmentId: platformDept, title: 'Head of Platform' });
    await giveSkills(p.db, s.organizationId, s.employee.id, [
      { skillId: skills.get('Kubernetes')!, proficiency: 3 },
      { skillId: skills.get('SQL')!, proficiency: 2 },
    ]);
    await refreshSearchDocuments(p.db, s.organizationId);
    const created = await p.gql(
      'mutation($input: CreateOpeningInput!) { createOpening(input: $input) { id } }',
      {
        input: {
          title: 'Platform Reliability Lead',
          departmentId: platformDept,
          hiringManagerId: hugo.id,
          level: 4,
          location: 'Lisbon',
          remotePolicy: 'HYBRID',
          requiredSkills: [
            { skillId: skills.get('Kubernetes')!, minProficiency: 3, weight: 2 },
            { skillId: skills.get('SQL')!, minProficiency: 4, weight: 1 },
          ],
          description: 'Keep the **platform** healthy.',
        },
      },
      s.hr.token,
    );
    expect(created.errors).toBeUndefined();
    openingId = created.data.createOpening.id;
    expect((await p.gql('mutation($id: ID!) { publishOpening(id: $id) { status } }', { id: openingId }, s.hr.token)).errors).toBeUndefined();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('an employee applies and HR moves the application to offer while the manager sees nothing', async () => {
    const e = await openPage(browser, p.url, 'openings-employee');
    await signIn(e, slug, s.employee.email);
    await e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Openings' }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Openings' }).waitFor();
    await e.page.getByLabel('Search openings').fill('reliab');
    const list = e.page.getByRole('list', { name: 'Openings' });
    const item = list.getByRole('listitem').filter({ hasText: 'Platform Reliability Lead' });
    await item.waitFor();
    await item.getByText('Stretch').waitFor();
    await item.getByText(/\d+% match/).waitFor();
    await e.checkA11y('openings search');
    await item.getByRole('link', { name: 'Platform Reliability Lead', exact: true }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Platform Reliability Lead' }).waitFor();
    const skills = e.page.getByRole('list', { name: 'Required skills' });
    await skills.getByText(/^Kubernetes: met/).waitFor();
    await skills.getByText(/^SQL: partly met/).waitFor();
    await e.screenshot('detail');
    await e.checkA11y('opening detail');
    await e.page.getByLabel('Note to the hiring team').fill('I run our clusters today');
    await e.page.getByLabel('Tell my manager').selectOption('HIRED');
    await e.page.getByRole('button', { name: 'Apply', exact: true }).click();
    await e.page.getByRole('status').filter({ hasText: 'Application sent.' }).waitFor();

    // HR: the board; a drag to screening, then the buttons to interviewing and offer.
    const h = await openPage(browser, p.url, 'openings-hr-pipeline');
    await signIn(h, slug, s.hr.email);
    await h.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hiring' }).click();
    await h.page.getByRole('link', { name: 'Platform Reliability Lead', exact: true }).click();
    await h.page.getByRole('heading', { level: 1, name: 'Pipeline: Platform Reliability Lead' }).waitFor();
    const submitted = h.page.getByRole('region', { name: 'Submitted' });
    const card = submitted.getByRole('listitem').filter({ hasText: /^Eli / });
    await card.waitFor();
    await h.checkA11y('pipeline');
    await card.dragTo(h.page.getByRole('region', { name: 'Screening' }));
    await h.page.getByRole('status').filter({ hasText: /moved to Screening\.$/ }).waitFor();
    await h.page.getByRole('region', { name: 'Screening' }).getByRole('button', { name: /^Move Eli .* to Interviewing$/ }).click();
    await h.page.getByRole('status').filter({ hasText: /moved to Interviewing\.$/ }).waitFor();
    await h.page.getByRole('region', { name: 'Interviewing' }).getByRole('button', { name: /^Move Eli .* to Offer$/ }).click();
    await h.page.getByRole('status').filter({ hasText: /moved to Offer\.$/ }).waitFor();
    await h.page.getByRole('region', { name: 'Offer' }).getByText(/^Eli /).waitFor();
    await h.screenshot('offer');
    await h.finish();
    const [row] = await p.db.query('SELECT status, disclosed_at FROM application WHERE opening_id = $1', [openingId]);
    expect(row).toEqual({ status: 'OFFER', disclosed_at: null });

    // The manager: the team view and the notifications say nothing of it.
    const m = await openPage(browser, p.url, 'openings-manager');
    await signIn(m, slug, s.manager.email);
    await m.goto('/team');
    await m.page.getByRole('heading', { level: 2, name: /^Eli / }).waitFor();
    expect(await m.page.getByText('Platform Reliability Lead').count()).toBe(0);
    await m.goto('/notifications');
    await m.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    expect(await m.page.getByText('Platform Reliability Lead', { exact: false }).count()).toBe(0);
    await m.screenshot('manager-notifications');
    await m.finish();
    const [{ count }] = await p.db.query(`SELECT count(*)::int AS count FROM notification WHERE recipient_id = $1 AND source_id = ANY(SELECT id FROM application WHERE opening_id = $2)`, [
      s.manager.id,
      openingId,
    ]);
    expect(count).toBe(0);

    // The employee's timeline.
    await e.goto('/openings');
    const timeline = e.page.getByRole('list', { name: 'Timeline of Platform Reliability Lead' });
    await timeline.getByText(/: Offer$/).waitFor();
    expect(await timeline.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    await e.screenshot('timeline');
    await e.checkA11y('my applications');
    await e.finish();
  });
});
