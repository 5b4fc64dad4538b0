/**
 * Web client, committees journey: an HR admin creates a committee with a chair and opens a seat;
 * an employee applies with a motivation (and cannot read the applications); the chair selects
 * them, and the employee sees the outcome.
 */
import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { Browser } from 'playwright-core';
import { assertWebBuilt, launchBrowser, openPage, signIn } from './browser';
import { organizationSlug, refreshSearchDocuments, seedTaxonomy } from './fixtures';

jest.setTimeout(180_000);

describe('web client: committees journey', () => {
  let p: TestPlatform;
  let s: Session;
  let browser: Browser;
  let slug: string;

  beforeAll(async () => {
    assertWebBuilt();
    p = await startTestPlatform();
    s = await createSession(p.db);
    slug = await organizationSlug(p.db, s.organizationId);
    await seedTaxonomy(p.db, s.organizationId);
    await refreshSearchDocuments(p.db, s.organizationId);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('HR creates a committee and opens a seat; an employee applies; the chair selects them', async () => {
    const h = await openPage(browser, p.url, 'committees-hr');
    const { page } = h;
    await signIn(h, slug, s.hr.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Committees' }).click();
    await page.getByRole('heading', { level: 1, name: 'Committees' }).waitFor();
    const form = page.getByRole('region', { name: 'New committee' });
    await form.getByLabel('Committee name').fill('Green Team');
    await form.getByLabel('Themes').fill('Sustainability, Climate');
    await form.getByLabel('Mission').fill('Halve our travel emissions by 2028');
    await form.getByRole('combobox', { name: 'Chair' }).fill('pia');
    await page.getByRole('option', { name: /^Pia / }).click();
    await form.getByRole('button', { name: 'Create committee' }).click();
    await form.getByRole('status').filter({ hasText: 'Created Green Team.' }).waitFor();
    const card = page.getByRole('region', { name: 'Green Team' });
    await card.getByText(/Chaired by Pia /).waitFor();
    await card.getByLabel('Seats to open on Green Team').fill('1');
    await card.getByRole('button', { name: 'Open seats' }).click();
    await card.getByRole('status').filter({ hasText: 'Seats opened on Green Team.' }).waitFor();
    await card.getByText('1 open seat').waitFor();
    await h.screenshot('opened');
    await h.checkA11y('committees, HR');
    await h.finish();

    // An employee applies; they do not see anyone's applications.
    const e = await openPage(browser, p.url, 'committees-employee');
    await signIn(e, slug, s.employee.email);
    await e.goto('/committees');
    const theirs = e.page.getByRole('region', { name: 'Green Team' });
    await theirs.getByLabel('Why you, for Green Team').fill('I organised our rail-first travel pilot');
    await theirs.getByRole('button', { name: 'Apply to Green Team' }).click();
    await theirs.getByText('Your application: Applied').waitFor();
    expect(await e.page.getByRole('list', { name: 'Applications to Green Team' }).count()).toBe(0);
    await e.screenshot('applied');
    await e.checkA11y('committees, employee');

    // The chair selects them.
    const c = await openPage(browser, p.url, 'committees-chair');
    await signIn(c, slug, s.peer.email);
    await c.goto('/committees');
    const apps = c.page.getByRole('list', { name: 'Applications to Green Team' });
    await apps.getByText('I organised our rail-first travel pilot', { exact: false }).waitFor();
    await apps.getByRole('button', { name: /^Select Eli / }).click();
    const chairCard = c.page.getByRole('region', { name: 'Green Team' });
    await chairCard.getByRole('status').filter({ hasText: /^Selected Eli .* for Green Team\.$/ }).waitFor();
    // The only seat is given: the opening closes, and the seat counts.
    await chairCard.getByText('1 of 5 seats taken', { exact: false }).waitFor();
    await c.screenshot('selected');
    await c.checkA11y('committees, chair');
    await c.finish();

    await e.page.reload();
    await e.page.getByRole('region', { name: 'Green Team' }).getByText('1 of 5 seats taken', { exact: false }).waitFor();
    await e.page.getByRole('list', { name: 'Your committee applications' }).getByText('Green Team · Selected').waitFor();
    await e.screenshot('selected');
    await e.finish();
    const [m] = await p.db.query('SELECT status FROM committee_membership WHERE employee_id = $1', [s.employee.id]);
    expect(m.status).toBe('ACTIVE');
  });
});
