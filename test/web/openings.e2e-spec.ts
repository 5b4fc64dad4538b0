/**
 * Web client, openings journey: an employee finds an opening (match, "stretch"), applies and
 * chooses to tell their manager only if hired; HR moves the application through the pipeline
 * board to offer (one drag, then the cards' buttons); the manager's team view and notifications
 * show nothing of it; the employee's applications show the timeline. A second journey: the
 * employee filters by department, level range and skill (min above max said in words), saves an
 * opening and finds it under Saved, applies, withdraws after a confirmation, sees WITHDRAWN.
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
  let sreId: string;

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
    // For the filters: a level-3 Platform opening, and a level-3 one in another department.
    const dataDept = await createDepartment(p.db, s.organizationId, 'Data');
    const more = [
      { title: 'Platform SRE', departmentId: platformDept, level: 3, location: 'Porto', skill: 'Kubernetes' },
      { title: 'Data Engineer', departmentId: dataDept, level: 3, location: 'Porto', skill: 'SQL' },
    ];
    for (const o of more) {
      const r = await p.gql(
        'mutation($input: CreateOpeningInput!) { createOpening(input: $input) { id } }',
        {
          input: {
            title: o.title,
            departmentId: o.departmentId,
            hiringManagerId: hugo.id,
            level: o.level,
            location: o.location,
            remotePolicy: 'HYBRID',
            requiredSkills: [{ skillId: skills.get(o.skill)!, minProficiency: 2, weight: 1 }],
            description: `The ${o.title} role.`,
          },
        },
        s.hr.token,
      );
      expect(r.errors).toBeUndefined();
      const id = r.data.createOpening.id as string;
      expect((await p.gql('mutation($id: ID!) { publishOpening(id: $id) { status } }', { id }, s.hr.token)).errors).toBeUndefined();
      if (o.title === 'Platform SRE') sreId = id;
    }
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

  it('an employee filters, saves an opening, applies and withdraws', async () => {
    const e = await openPage(browser, p.url, 'openings-filters-withdraw');
    await signIn(e, slug, s.employee.email);
    await e.goto('/openings');
    await e.page.getByRole('heading', { level: 1, name: 'Openings' }).waitFor();
    const list = e.page.getByRole('list', { name: 'Openings' });
    await list.getByRole('link', { name: 'Data Engineer', exact: true }).waitFor();

    // Department and level range: only the level-3 Platform opening is left.
    await e.page.getByLabel('Department').selectOption({ label: 'Platform' });
    await e.page.getByLabel('Minimum level').fill('3');
    await e.page.getByLabel('Maximum level').fill('3');
    await e.page.getByRole('status').filter({ hasText: /^1 opening$/ }).waitFor();
    await list.getByRole('link', { name: 'Platform SRE', exact: true }).waitFor();
    expect(await list.getByRole('link', { name: 'Data Engineer', exact: true }).count()).toBe(0);
    expect(await list.getByRole('link', { name: 'Platform Reliability Lead', exact: true }).count()).toBe(0);

    // The skill (taxonomy autocomplete) and the location narrow it further without losing it.
    await e.page.getByRole('combobox', { name: 'Skill' }).fill('Kube');
    await e.page.getByRole('option', { name: /Kubernetes/ }).click();
    await e.page.getByRole('button', { name: 'Clear skill filter' }).waitFor();
    await e.page.getByLabel('Location').fill('porto');
    await e.page.getByRole('status').filter({ hasText: /^1 opening$/ }).waitFor();
    await list.getByRole('link', { name: 'Platform SRE', exact: true }).waitFor();

    // Minimum above maximum: the API's BAD_USER_INPUT is said next to the form.
    await e.page.getByLabel('Minimum level').fill('5');
    await e.page.getByRole('alert').filter({ hasText: 'The minimum level is above the maximum level' }).waitFor();
    await e.screenshot('min-above-max');
    await e.checkA11y('openings filter error');
    await e.page.getByLabel('Minimum level').fill('3');
    await list.getByRole('link', { name: 'Platform SRE', exact: true }).waitFor();
    expect(await e.page.getByRole('alert').count()).toBe(0);
    await e.screenshot('filtered');
    await e.checkA11y('openings filtered');

    // Save it from its page; it shows under Saved openings.
    await list.getByRole('link', { name: 'Platform SRE', exact: true }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Platform SRE' }).waitFor();
    await e.page.getByRole('button', { name: 'Save Platform SRE' }).click();
    await e.page.getByRole('status').filter({ hasText: 'Saved: find it under Saved openings.' }).waitFor();
    await e.page.getByRole('button', { name: 'Saved Platform SRE' }).waitFor();
    expect(await e.page.getByRole('button', { name: 'Saved Platform SRE' }).getAttribute('aria-pressed')).toBe('true');
    await e.checkA11y('opening saved');
    await e.page.getByRole('link', { name: 'All openings' }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Openings' }).waitFor();
    await e.page.getByRole('list', { name: 'Saved openings' }).getByRole('link', { name: 'Platform SRE', exact: true }).waitFor();
    await e.screenshot('saved');
    const [saved] = await p.db.query('SELECT count(*)::int AS count FROM saved_opening WHERE opening_id = $1', [sreId]);
    expect(saved.count).toBe(1);

    // Apply, then withdraw after a confirmation.
    await e.page.getByRole('list', { name: 'Saved openings' }).getByRole('link', { name: 'Platform SRE', exact: true }).click();
    await e.page.getByRole('heading', { level: 1, name: 'Platform SRE' }).waitFor();
    await e.page.getByLabel('Note to the hiring team').fill('Keen to join Platform');
    await e.page.getByRole('button', { name: 'Apply', exact: true }).click();
    await e.page.getByRole('status').filter({ hasText: 'Application sent.' }).waitFor();
    await e.page.getByRole('link', { name: 'All openings' }).click();
    const application = e.page.getByRole('region', { name: 'Application to Platform SRE' });
    await application.getByRole('button', { name: 'Withdraw… application to Platform SRE' }).click();
    await application.getByText('Withdraw your application to Platform SRE?').waitFor();
    await application.getByRole('button', { name: 'Keep it' }).click();
    expect(await application.getByRole('button', { name: 'Withdraw application' }).count()).toBe(0);
    await application.getByRole('button', { name: 'Withdraw… application to Platform SRE' }).click();
    await application.getByLabel('Note to the hiring team (optional)').fill('Staying in my team for now');
    await e.checkA11y('withdraw confirmation');
    await application.getByRole('button', { name: 'Withdraw application' }).click();
    await e.page.getByRole('status').filter({ hasText: 'Your application to Platform SRE is withdrawn.' }).waitFor();
    const timeline = e.page.getByRole('list', { name: 'Timeline of Platform SRE' });
    await timeline.getByText(/: Withdrawn — Staying in my team for now$/).waitFor();
    await application.getByText('Withdrawn', { exact: true }).waitFor();
    expect(await application.getByRole('button', { name: /^Withdraw/ }).count()).toBe(0);
    await e.screenshot('withdrawn');
    await e.checkA11y('application withdrawn');
    await e.finish();
    const [row] = await p.db.query('SELECT status FROM application WHERE opening_id = $1', [sreId]);
    expect(row).toEqual({ status: 'WITHDRAWN' });
  });
});
