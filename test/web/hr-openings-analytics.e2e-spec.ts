/**
 * Web client, HR journey: an opening created with the form (skills with a minimum level and a
 * weight, nice-to-have, targeting, Markdown preview), published, edited; an application rejected
 * on the board with feedback (refused without it); the opening paused, reopened and closed with a
 * rejection of the live applications. A manager agrees a release date; HR sees the open releases
 * and the analytics dashboard (charts with their data tables), on a desktop and a phone.
 */
import { createDepartment, createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { assertWebBuilt, launchBrowser, openPage, PHONE, signIn } from './browser';
import { organizationSlug, refreshSearchDocuments, seedTaxonomy } from './fixtures';

jest.setTimeout(240_000);

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A hire of `who` (reporting to `manager`) into `dept`, `daysAgo` days ago, with a pending release due in `deadlineInDays`. */
async function hiredElsewhere(db: DataSource, org: string, dept: string, hiringManager: string, who: TestUser, manager: string, daysAgo: number, deadlineInDays: number) {
  const [o] = await db.query(
    `INSERT INTO opening (organization_id, title, department_id, hiring_manager_id, level, positions, positions_filled, status, close_reason, published_at, closed_at)
     VALUES ($1, 'Site Reliability Engineer', $2, $3, 4, 1, 1, 'CLOSED', 'FILLED', $4, $5) RETURNING id`,
    [org, dept, hiringManager, ago(daysAgo + 20), ago(daysAgo)],
  );
  const [a] = await db.query(
    `INSERT INTO application (organization_id, opening_id, applicant_id, status, disclose_at_stage, submitted_at, status_changed_at, disclosed_at, disclosed_by)
     VALUES ($1, $2, $3, 'HIRED', 'OFFER', $4, $4, $4, 'STAGE') RETURNING id`,
    [org, o.id, who.id, ago(daysAgo)],
  );
  await db.query(`INSERT INTO application_transition (organization_id, application_id, from_status, to_status, disclosed, at) VALUES ($1, $2, 'OFFER', 'HIRED', true, $3)`, [
    org,
    a.id,
    ago(daysAgo),
  ]);
  await db.query(
    `INSERT INTO release_agreement (organization_id, application_id, employee_id, manager_id, hired_at, deadline_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [org, a.id, who.id, manager, ago(daysAgo), new Date(Date.now() + deadlineInDays * DAY)],
  );
}

describe('web client: HR openings, releases and analytics', () => {
  let p: TestPlatform;
  let s: Session;
  let browser: Browser;
  let slug: string;
  let platformDept: string;
  let hugo: TestUser;
  let rita: TestUser;
  let sam: TestUser;

  beforeAll(async () => {
    assertWebBuilt();
    p = await startTestPlatform();
    s = await createSession(p.db);
    slug = await organizationSlug(p.db, s.organizationId);
    await seedTaxonomy(p.db, s.organizationId);
    platformDept = await createDepartment(p.db, s.organizationId, 'Platform');
    hugo = await createUser(p.db, s.organizationId, { firstName: 'Hugo', lastName: 'Hiring', level: 7, departmentId: platformDept, title: 'Head of Platform' });
    rita = await createUser(p.db, s.organizationId, { firstName: 'Rita', lastName: 'Mover', managerId: s.manager.id, departmentId: s.departmentId });
    sam = await createUser(p.db, s.organizationId, { firstName: 'Sam', lastName: 'Late', managerId: s.manager.id, departmentId: s.departmentId });
    await hiredElsewhere(p.db, s.organizationId, platformDept, hugo.id, rita, s.manager.id, 3, 11);
    await hiredElsewhere(p.db, s.organizationId, platformDept, hugo.id, sam, s.manager.id, 30, -10);
    await refreshSearchDocuments(p.db, s.organizationId);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('HR creates, publishes and edits an opening with the form, rejects with feedback on the board, pauses, reopens and closes it', async () => {
    const h = await openPage(browser, p.url, 'hr-openings');
    const { page } = h;
    await signIn(h, slug, s.hr.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hiring' }).click();
    await page.getByRole('link', { name: 'New opening' }).click();
    await page.getByRole('heading', { level: 1, name: 'New opening' }).waitFor();
    const form = page.getByRole('form', { name: 'New opening' });
    await form.getByLabel('Title').fill('Data Platform Engineer');
    await form.getByLabel('Department').selectOption({ label: 'Platform' });
    await form.getByRole('combobox', { name: 'Hiring manager' }).fill('hugo');
    await page.getByRole('option', { name: /^Hugo / }).click();
    await form.getByLabel('Level', { exact: true }).fill('4');
    await form.getByLabel('Positions').fill('2');
    await form.getByLabel('Closing date').fill(isoDay(new Date(Date.now() + 30 * DAY)));
    await form.getByLabel('Location').fill('Lisbon');
    await form.getByLabel('Remote policy').selectOption('HYBRID');
    await form.getByLabel('Description (Markdown)').fill('## About the team\n\nKeep the **platform** healthy.\n\n- on call once a month\n- [our handbook](https://example.com/handbook)');
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = form.getByRole('region', { name: 'Description preview' });
    await preview.getByRole('heading', { name: 'About the team' }).waitFor();
    await preview.locator('strong', { hasText: 'platform' }).waitFor();
    await preview.getByRole('link', { name: 'our handbook' }).waitFor();
    await form.getByRole('combobox', { name: 'Add a required skill' }).fill('kube');
    await page.getByRole('option', { name: 'Kubernetes' }).click();
    await form.getByLabel('Minimum level in Kubernetes').selectOption('4');
    await form.getByLabel('Weight of Kubernetes').selectOption('3');
    await form.getByRole('combobox', { name: 'Add a required skill' }).fill('sql');
    await page.getByRole('option', { name: 'SQL', exact: true }).click();
    await form.getByRole('combobox', { name: 'Add a nice-to-have skill' }).fill('terra');
    await page.getByRole('option', { name: 'Terraform' }).click();
    // Targeting without a choice: said next to it, nothing saved.
    await form.getByLabel('Everyone in the organization').uncheck();
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await form.getByRole('alert').filter({ hasText: 'Choose who sees it' }).waitFor();
    await form.getByRole('group', { name: 'Departments (and every department below them)' }).getByLabel('Engineering').check();
    await form.getByRole('group', { name: 'Levels' }).getByLabel('Level 3', { exact: true }).check();
    await h.checkA11y('new opening form');
    await h.screenshot('new-opening');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit: Data Platform Engineer' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved as a draft.' }).waitFor();
    const [opening] = await p.db.query(
      `SELECT id, status, positions, level, location, remote_policy, visible_to_all, visible_department_ids, visible_levels, closes_at FROM opening WHERE title = 'Data Platform Engineer'`,
    );
    expect(opening).toMatchObject({ status: 'DRAFT', positions: 2, level: 4, location: 'Lisbon', remote_policy: 'HYBRID', visible_to_all: false, visible_department_ids: [s.departmentId], visible_levels: [3] });
    expect(opening.closes_at).not.toBeNull();
    const skills = await p.db.query(`SELECT s.name, os.kind, os.min_proficiency, os.weight FROM opening_skill os JOIN skill s ON s.id = os.skill_id WHERE os.opening_id = $1 ORDER BY s.name`, [opening.id]);
    expect(skills).toEqual([
      { name: 'Kubernetes', kind: 'REQUIRED', min_proficiency: 4, weight: 3 },
      { name: 'SQL', kind: 'REQUIRED', min_proficiency: 3, weight: 1 },
      { name: 'Terraform', kind: 'NICE_TO_HAVE', min_proficiency: null, weight: 1 },
    ]);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Published' }).waitFor();
    const edit = page.getByRole('form', { name: 'Edit the opening' });
    await edit.getByLabel('Title').fill('Senior Data Platform Engineer');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit: Senior Data Platform Engineer' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await h.checkA11y('edit opening');
    await h.screenshot('published');

    // Two applications (through the API), then the board: rejection needs feedback.
    for (const who of [s.employee, s.peer]) {
      const res = await p.gql(`mutation($id: ID!) { applyToOpening(openingId: $id, note: "Keen") { __typename } }`, { id: opening.id }, who.token);
      expect(res.data?.applyToOpening.__typename).toBe('Application');
    }
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pipeline: Senior Data Platform Engineer' }).waitFor();
    const card = page.getByRole('region', { name: 'Submitted' }).getByRole('listitem').filter({ hasText: /^Eli / });
    await card.getByRole('button', { name: /^Reject Eli / }).click();
    const reject = card.getByRole('form', { name: /^Reject Eli / });
    await reject.getByRole('button', { name: /^Reject Eli / }).click();
    await reject.getByRole('alert').filter({ hasText: 'it is required to reject' }).waitFor();
    await reject.getByLabel(/^Feedback for Eli /).fill('We need deeper Kubernetes experience for this role.');
    await reject.getByRole('group', { name: 'Skills that were missing' }).getByLabel('Kubernetes').check();
    await h.checkA11y('reject form');
    await h.screenshot('reject-form');
    await reject.getByRole('button', { name: /^Reject Eli / }).click();
    await page.getByRole('status').filter({ hasText: /was rejected; they can read your feedback\.$/ }).waitFor();
    const [rejected] = await p.db.query(
      `SELECT a.status, a.rejection_feedback, (SELECT array_agg(s.name) FROM skill s WHERE s.id = ANY(a.missing_skill_ids)) AS missing FROM application a WHERE a.opening_id = $1 AND a.applicant_id = $2`,
      [opening.id, s.employee.id],
    );
    expect(rejected).toEqual({ status: 'REJECTED', rejection_feedback: 'We need deeper Kubernetes experience for this role.', missing: ['Kubernetes'] });
    await page.getByRole('region', { name: 'Submitted' }).getByText(/^Pia /).waitFor();
    expect(await page.locator('.pipeline').getByText(/^Eli /).count()).toBe(0);

    // Pause, reopen, close (cancelled) rejecting the live application with one feedback.
    await page.getByRole('link', { name: 'Edit opening' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status').filter({ hasText: 'Paused' }).waitFor();
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('status').filter({ hasText: 'Published again.' }).waitFor();
    await page.getByLabel('Reject every live application with one feedback').check();
    await page.getByRole('button', { name: 'Close opening' }).click();
    await page.getByRole('alert').filter({ hasText: 'Write the feedback the applicants will read' }).waitFor();
    await page.getByLabel('Feedback to the applicants').fill('The team was reorganised; this role is cancelled.');
    await page.getByRole('button', { name: 'Close opening' }).click();
    await page.getByRole('status').filter({ hasText: 'Closed as cancelled.' }).waitFor();
    await page.getByText('Closed as cancelled.', { exact: true }).first().waitFor();
    const [closed] = await p.db.query(`SELECT status, close_reason FROM opening WHERE id = $1`, [opening.id]);
    expect(closed).toEqual({ status: 'CLOSED', close_reason: 'CANCELLED' });
    const [peerApp] = await p.db.query(`SELECT status, rejection_feedback FROM application WHERE opening_id = $1 AND applicant_id = $2`, [opening.id, s.peer.id]);
    expect(peerApp).toEqual({ status: 'REJECTED', rejection_feedback: 'The team was reorganised; this role is cancelled.' });
    // A closed opening cannot be paused: the API's refusal is said in words.
    await h.screenshot('closed');
    await h.finish();
  });

  it('a manager agrees a release date; HR sees the open releases with their age', async () => {
    const m = await openPage(browser, p.url, 'releases-manager');
    await signIn(m, slug, s.manager.email);
    await m.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Releases' }).click();
    await m.page.getByRole('heading', { level: 1, name: 'Releases' }).waitFor();
    const list = m.page.getByRole('list', { name: 'Release requests' });
    const ritaItem = list.getByRole('listitem').filter({ hasText: /^Rita / });
    await ritaItem.getByText(/Hired as Site Reliability Engineer \(Platform\)/).waitFor();
    await list.getByRole('listitem').filter({ hasText: /^Sam / }).getByText(/^Overdue since/).waitFor();
    await m.checkA11y('manager releases');
    await ritaItem.getByRole('button', { name: /^Agree/ }).click();
    await ritaItem.getByText(/^Choose Rita .*'s last day in the team\.$/).waitFor();
    const day = isoDay(new Date(Date.now() + 30 * DAY));
    await ritaItem.getByLabel(/^Last day of Rita /).fill(day);
    await ritaItem.getByRole('button', { name: /^Agree/ }).click();
    await m.page.getByRole('status').filter({ hasText: /^Release date for Rita .* agreed/ }).waitFor();
    // Agreed: no longer awaiting the manager.
    await ritaItem.waitFor({ state: 'detached' });
    await m.screenshot('agreed');
    await m.finish();
    const [row] = await p.db.query(`SELECT status, release_date::text AS release_date FROM release_agreement WHERE employee_id = $1`, [rita.id]);
    expect(row).toEqual({ status: 'AGREED', release_date: day });

    const h = await openPage(browser, p.url, 'releases-hr');
    await signIn(h, slug, s.hr.email);
    await h.goto('/releases');
    const table = h.page.getByRole('table', { name: 'Open releases, oldest first' });
    const samRow = table.getByRole('row', { name: /Sam / });
    await samRow.getByText('30 days').waitFor();
    await samRow.getByText(/^Overdue/).waitFor();
    expect(await table.getByRole('row', { name: /Rita / }).count()).toBe(0);
    await h.page.getByText('1 release awaiting a date, 1 overdue.').waitFor();
    await h.checkA11y('hr releases');
    await h.screenshot('open-releases');
    await h.finish();
  });

  it('HR reads the analytics dashboard, on a desktop and on a phone; an employee cannot open it', async () => {
    for (const [journey, viewport] of [
      ['analytics-desktop', undefined],
      ['analytics-phone', PHONE],
    ] as const) {
      const h = await openPage(browser, p.url, journey, viewport ? { viewport } : {});
      const { page } = h;
      await signIn(h, slug, s.hr.email);
      if (viewport) {
        await page.getByRole('button', { name: 'Menu' }).click();
      }
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
      await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
      // Two hires (Rita, Sam) in the last 12 months; positions: 2 filled of 4 (the cancelled opening had 2).
      await page.getByRole('list', { name: 'Openings in figures' }).getByText('Internal hires').locator('..').getByText('2', { exact: true }).waitFor();
      // The chart's accessible name is its title and the figures in words.
      await page.getByRole('img', { name: 'Internal fill rate 50%: 2 of 4 positions filled internally' }).waitFor();
      await page.getByRole('img', { name: /^Internal hires per month/ }).waitFor();
      // Two moves Engineering -> Platform: fewer than 3, so counted but not shown.
      await page.getByText(/2 more between departments with fewer than 3 moves each/).waitFor();
      await page.getByText('No department pair with 3 moves or more in this period.').waitFor();
      await page.getByRole('img', { name: /^Releases awaiting the manager, by delay/ }).waitFor();
      const releases = page.getByRole('figure').filter({ has: page.getByRole('img', { name: /^Releases awaiting the manager/ }) });
      await releases.getByText('Show the data').click();
      await releases.getByRole('row', { name: 'Overdue by 8 to 30 days 1' }).waitFor();
      await h.checkA11y(`analytics ${journey}`);
      if (viewport) {
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBeLessThanOrEqual(0);
      }
      await h.screenshot('dashboard');
      await h.finish();
    }

    const e = await openPage(browser, p.url, 'analytics-employee');
    await signIn(e, slug, s.employee.email);
    expect(await e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).count()).toBe(0);
    await e.goto('/org/analytics');
    await e.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await e.finish();
  });
});
