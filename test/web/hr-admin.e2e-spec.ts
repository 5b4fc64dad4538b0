/**
 * Web client, HR admin journeys: create an employee (validation, department, manager picked
 * from the directory), see them in the employee list, and the new employee signs in; edit an
 * employee (record, roles, deactivation); manage departments; approve a proposed skill.
 * Employees without the role do not get these screens, even in a tab an HR admin signed out of.
 */
import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { Browser } from 'playwright-core';
import { assertWebBuilt, launchBrowser, openPage, signIn } from './browser';
import { organizationSlug, refreshSearchDocuments, seedTaxonomy } from './fixtures';

jest.setTimeout(180_000);

describe('web client: HR admin journeys', () => {
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

  it('creates an employee who can then sign in', async () => {
    const w = await openPage(browser, p.url, 'hr-create-employee');
    const { page } = w;
    await signIn(w, slug, s.hr.email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Employees' }).click();
    await page.getByRole('heading', { level: 1, name: 'Employees' }).waitFor();
    await page.getByText('6 employees').waitFor();
    await w.screenshot('list');
    await w.checkA11y('employee list');

    await page.getByRole('link', { name: 'New employee' }).click();
    await page.getByRole('heading', { level: 1, name: 'New employee' }).waitFor();

    // Nothing filled in: the form says what is missing, field by field, and creates nothing.
    await page.getByRole('button', { name: 'Create employee' }).click();
    await page.getByText('Enter a first name').waitFor();
    expect(await page.getByLabel('Work email').getAttribute('aria-invalid')).toBe('true');
    await w.screenshot('validation');
    await w.checkA11y('new employee, invalid');

    await page.getByLabel('First name').fill('Nadia');
    await page.getByLabel('Last name').fill('Newcomer');
    await page.getByLabel('Work email').fill('nadia.newcomer@example.test');
    await page.getByLabel('Job title').fill('Data Analyst');
    await page.getByLabel('Level').fill('4');
    await page.getByLabel('Department').selectOption({ label: 'Engineering' });
    await page.getByRole('combobox', { name: 'Manager' }).fill('mona');
    await page.getByRole('option', { name: /^Mona / }).click();
    await page.getByLabel('Location').fill('Porto, Portugal');
    await w.screenshot('filled');
    await page.getByRole('button', { name: 'Create employee' }).click();

    await page.getByText('Created Nadia Newcomer. They can sign in now.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Nadia Newcomer' }).waitFor();
    await w.screenshot('created');
    await w.checkA11y('employee created');
    const [row] = await p.db.query(
      `SELECT e.title, e.level, e.location, e.manager_id, d.name AS department FROM employee e LEFT JOIN department d ON d.id = e.department_id
        WHERE e.organization_id = $1 AND e.email = 'nadia.newcomer@example.test'`,
      [s.organizationId],
    );
    expect(row).toEqual({ title: 'Data Analyst', level: 4, location: 'Porto, Portugal', manager_id: s.manager.id, department: 'Engineering' });

    // The same email twice is refused, with the API's reason.
    await page.getByRole('link', { name: 'Employees' }).first().click();
    await page.getByText('7 employees').waitFor();
    await page.getByRole('link', { name: 'Nadia Newcomer' }).waitFor();
    await page.getByRole('link', { name: 'New employee' }).click();
    await page.getByLabel('First name').fill('Nadia');
    await page.getByLabel('Last name').fill('Again');
    await page.getByLabel('Work email').fill('nadia.newcomer@example.test');
    await page.getByLabel('Job title').fill('Data Analyst');
    await page.getByRole('button', { name: 'Create employee' }).click();
    await page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
    await w.finish();

    // The new employee signs in (by email) and lands on their home page.
    const n = await openPage(browser, p.url, 'hr-create-employee-new-hire');
    await n.goto('/');
    await n.page.getByLabel('Organization').fill(slug);
    await n.page.getByLabel('Or sign in by email').fill('nadia.newcomer@example.test');
    await n.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await n.page.getByRole('heading', { level: 1, name: 'Your next step' }).waitFor();
    await n.page.getByText('Hi Nadia.', { exact: false }).waitFor();
    await n.screenshot('new-hire-home');
    await n.finish();
  });

  it('edits an employee (record, roles, deactivation) and departments, and approves a proposed skill', async () => {
    // An employee proposed a skill through the API.
    const proposed = await p.gql('mutation { proposeSkill(name: "Prompt Engineering") { id status } }', {}, s.employee.token);
    expect(proposed.data.proposeSkill.status).toBe('PROPOSED');

    const w = await openPage(browser, p.url, 'hr-admin');
    const { page } = w;
    await signIn(w, slug, s.hr.email);
    const nav = page.getByRole('navigation', { name: 'Main' });

    // Departments: create one under Engineering, led by the director.
    await nav.getByRole('link', { name: 'Departments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Departments' }).waitFor();
    const form = page.getByRole('region', { name: 'New department' });
    await form.getByLabel('Name').fill('Platform Engineering');
    await form.getByLabel('Part of').selectOption({ label: 'Engineering' });
    await form.getByRole('combobox', { name: 'Leader' }).fill('dora');
    await page.getByRole('option', { name: /^Dora / }).click();
    await form.getByRole('button', { name: 'Create department' }).click();
    await page.getByRole('status').filter({ hasText: 'Created Platform Engineering.' }).waitFor();
    const list = page.getByRole('list', { name: 'Departments' });
    await list.getByText(/Part of Engineering · Led by Dora/).waitFor();
    // Engineering has active employees: deactivating it is refused, with the reason.
    await list.getByRole('button', { name: 'Deactivate Engineering', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await w.screenshot('departments');
    await w.checkA11y('departments');

    // Roles: make the peer an HR admin; org admin stays out of reach for HR.
    await nav.getByRole('link', { name: 'Employees' }).click();
    await page.getByRole('link', { name: /^Pia / }).click();
    await page.getByRole('heading', { level: 1, name: /^Pia / }).waitFor();
    expect(await page.getByLabel('Org admin').isDisabled()).toBe(true);
    await page.getByLabel('HR admin').check();
    await page.getByRole('status').filter({ hasText: 'Roles updated.' }).waitFor();
    const [{ roles }] = await p.db.query('SELECT roles FROM employee WHERE id = $1', [s.peer.id]);
    expect([...roles].sort()).toEqual(['EMPLOYEE', 'HR_ADMIN']);
    // The record: a new title, saved.
    await page.getByLabel('Job title').fill('Senior Engineer');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await w.screenshot('roles');
    await w.checkA11y('edit employee');

    // Deactivation asks first, then ends their access.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('status').filter({ hasText: 'Deactivated.' }).waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    const [pia] = await p.db.query('SELECT title, active FROM employee WHERE id = $1', [s.peer.id]);
    expect(pia).toEqual({ title: 'Senior Engineer', active: false });
    expect((await p.gql('{ me { id } }', {}, s.peer.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Skills: approve the proposal with a category and an alias.
    await nav.getByRole('link', { name: 'Skills' }).click();
    await page.getByLabel('Only skills awaiting review').check();
    await page.getByRole('list', { name: 'Skills' }).getByRole('heading', { name: 'Prompt Engineering' }).waitFor();
    await page.getByLabel('Category for Prompt Engineering').fill('Data');
    await page.getByLabel('Aliases for Prompt Engineering').fill('prompting, LLM prompts');
    await w.checkA11y('skills review');
    await page.getByRole('button', { name: 'Approve Prompt Engineering' }).click();
    await page.getByText('Nothing awaits review').waitFor();
    const [skill] = await p.db.query(`SELECT status, category FROM skill WHERE id = $1`, [proposed.data.proposeSkill.id]);
    expect(skill).toEqual({ status: 'APPROVED', category: 'Data' });
    await w.screenshot('skills');
    await w.finish();
  });

  it('keeps admin screens from employees, also after an HR admin signed out in the same tab', async () => {
    const w = await openPage(browser, p.url, 'hr-forbidden');
    const { page } = w;
    await signIn(w, slug, s.hr.email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Employees' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();

    // Same tab, no reload: nothing of the HR session may show (roles, name, cached data).
    await signIn(w, slug, s.employee.email);
    await page.getByText('Hi Eli.', { exact: false }).waitFor();
    expect(await nav.getByRole('link', { name: 'Employees' }).count()).toBe(0);
    expect(await page.getByText(/^Hana /).count()).toBe(0);
    await w.goto('/org/employees/new');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await w.checkA11y('not found');
    await w.finish();
  });
});
