/**
 * Web client, employee journeys, in Chromium against the real API and worker (which serve
 * apps/web/dist): sign in, edit the profile and skills with the taxonomy autocomplete and see
 * it persist after a reload; search the directory; use the notification centre and the bell;
 * the phone layout in the dark scheme. Every journey fails on a console error or a serious/critical axe violation.
 */
import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { Browser } from 'playwright-core';
import { assertWebBuilt, launchBrowser, openPage, PHONE, signIn, until } from './browser';
import { addNotification, giveSkills, organizationSlug, refreshSearchDocuments, seedTaxonomy } from './fixtures';

jest.setTimeout(180_000);

describe('web client: employee journeys', () => {
  let p: TestPlatform;
  let s: Session;
  let browser: Browser;
  let slug: string;
  let skills: Map<string, string>;

  beforeAll(async () => {
    assertWebBuilt();
    p = await startTestPlatform();
    s = await createSession(p.db);
    slug = await organizationSlug(p.db, s.organizationId);
    skills = await seedTaxonomy(p.db, s.organizationId);
    // The manager holds the role the employee will aim for, and can teach what it takes.
    await giveSkills(p.db, s.organizationId, s.manager.id, [
      { skillId: skills.get('Stakeholder Management')!, proficiency: 4, wantsToTeach: true },
      { skillId: skills.get('Terraform')!, proficiency: 4 },
      { skillId: skills.get('TypeScript')!, proficiency: 3 },
    ]);
    await giveSkills(p.db, s.organizationId, s.peer.id, [{ skillId: skills.get('Terraform')!, proficiency: 2 }]);
    await giveSkills(p.db, s.organizationId, s.employee.id, [{ skillId: skills.get('TypeScript')!, proficiency: 3 }]);
    await refreshSearchDocuments(p.db, s.organizationId);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('signs in, edits the profile and skills with autocomplete, and the change survives a reload', async () => {
    const w = await openPage(browser, p.url, 'employee-profile');
    const { page } = w;

    await w.goto('/');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByLabel('Organization').fill(slug);
    await page.getByRole('heading', { name: /^Employee/ }).waitFor();
    await w.screenshot('sign-in');
    await w.checkA11y('sign-in');

    await signIn(w, slug, s.employee.email);
    await page.getByText('Your profile has never been reviewed.').waitFor();
    await w.screenshot('home-before');
    await w.checkA11y('home');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();

    // Autocomplete by alias: "k8s" finds Kubernetes; choose it with the keyboard.
    const addSkill = page.getByRole('combobox', { name: 'Add a skill' });
    await addSkill.fill('k8s');
    await page.getByRole('option', { name: /Kubernetes/ }).waitFor();
    await addSkill.press('ArrowDown');
    await addSkill.press('Enter');
    await page.getByLabel('Proficiency in Kubernetes').selectOption('4');
    await page.getByLabel('Can teach Kubernetes').check();
    await page.getByLabel('Proficiency in TypeScript').selectOption('4');
    await page.getByLabel('Want to learn TypeScript').check();

    // A skill the taxonomy lacks is proposed, and awaits HR review.
    await addSkill.fill('Quantum Basketweaving');
    await page.getByRole('option', { name: 'Propose “Quantum Basketweaving” as a new skill' }).click();
    await page.getByText('awaiting HR review').waitFor();

    const passions = page.getByRole('textbox', { name: 'Passions' });
    await passions.fill('sustainability');
    await passions.press('Enter');
    await page.getByLabel('Target roles, two jobs from now').fill('Manager');
    await page.getByRole('button', { name: 'Add to target roles, two jobs from now' }).click();
    await page.getByLabel('First').selectOption('SKILLS_DEVELOPMENT');
    await page.getByLabel('Second').selectOption('FAMILY_LIFE');
    await page.getByLabel('Location').fill('Lisbon, Portugal');
    await page.getByLabel('Looking for a mentor').check();
    await page.getByRole('status').filter({ hasText: 'You have unsaved changes.' }).waitFor();
    await w.checkA11y('profile, edited');

    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await w.screenshot('profile-saved');

    // What the database holds now.
    const rows: { name: string; proficiency: number; wants_to_learn: boolean; wants_to_teach: boolean }[] = await p.db.query(
      `SELECT s.name, es.proficiency, es.wants_to_learn, es.wants_to_teach FROM employee_skill es JOIN skill s ON s.id = es.skill_id
        WHERE es.employee_id = $1 ORDER BY s.name`,
      [s.employee.id],
    );
    expect(rows).toEqual([
      { name: 'Kubernetes', proficiency: 4, wants_to_learn: false, wants_to_teach: true },
      { name: 'Quantum Basketweaving', proficiency: 2, wants_to_learn: false, wants_to_teach: false },
      { name: 'TypeScript', proficiency: 4, wants_to_learn: true, wants_to_teach: false },
    ]);

    // After a reload, the page shows what was saved (read back from the API, not from memory).
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    expect(await page.getByLabel('Proficiency in Kubernetes').inputValue()).toBe('4');
    expect(await page.getByLabel('Can teach Kubernetes').isChecked()).toBe(true);
    expect(await page.getByLabel('Want to learn TypeScript').isChecked()).toBe(true);
    expect(await page.getByLabel('Location').inputValue()).toBe('Lisbon, Portugal');
    expect(await page.getByLabel('First').inputValue()).toBe('SKILLS_DEVELOPMENT');
    expect(await page.getByLabel('Looking for a mentor').isChecked()).toBe(true);
    await page.getByRole('list', { name: 'Passions' }).getByText('sustainability').waitFor();
    await page.getByRole('list', { name: 'Target roles, two jobs from now' }).getByText('Manager').waitFor();
    await page.getByText(/Last reviewed/).waitFor();
    await w.screenshot('profile-after-reload');

    // Home now shows the target role, the gap toward it (from the people who hold it), and the manager as someone to meet.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('list', { name: 'Target roles' }).getByText('Manager').waitFor();
    const gap = page.getByRole('region', { name: 'Skill gaps toward Manager' });
    await gap.getByRole('listitem').filter({ hasText: 'Stakeholder Management' }).getByText('+4 to go').waitFor();
    await gap.getByRole('listitem').filter({ hasText: 'Terraform' }).getByText('+4 to go').waitFor();
    // The employee now has TypeScript at 4, above the role's typical 3.
    await gap.getByRole('listitem').filter({ hasText: 'TypeScript' }).getByText('on par').waitFor();
    const feed = page.getByRole('region', { name: 'Opportunities for you' });
    await feed.getByRole('link', { name: /^Mona / }).waitFor();
    await feed.getByText(/Wants to teach Stakeholder Management/).waitFor();
    expect(await page.getByText('Your profile has never been reviewed.').count()).toBe(0);
    await w.screenshot('home-after');
    await w.checkA11y('home, with a target role');
    await w.finish();
  });

  it('searches the directory by name, by skill prefix and with the skill filter, and opens a profile', async () => {
    const w = await openPage(browser, p.url, 'directory');
    const { page } = w;
    await signIn(w, slug, s.peer.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await page.getByText('6 people').waitFor();

    await page.getByRole('searchbox', { name: 'Search' }).fill('mona');
    await page.getByText('1 person').waitFor();
    const results = page.getByRole('list', { name: 'People' });
    await results.getByRole('link', { name: /^Mona / }).waitFor();
    expect(page.url()).toContain('q=mona');
    await w.screenshot('search-by-name');

    // "terra" is a prefix of a skill name: the manager and the peer have Terraform.
    await page.getByRole('searchbox', { name: 'Search' }).fill('terra');
    await page.getByText('2 people').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByText('6 people').waitFor();

    // The skill filter with a minimum level: only the manager has Terraform at 3 or more.
    await page.getByRole('combobox', { name: 'Skill' }).fill('terr');
    await page.getByRole('option', { name: 'Terraform' }).click();
    await page.getByText('2 people').waitFor();
    await page.getByLabel('Minimum level').selectOption('3');
    await page.getByText('1 person').waitFor();
    await results.getByRole('link', { name: /^Mona / }).waitFor();
    await w.screenshot('skill-filter');
    await w.checkA11y('directory');

    // The URL keeps the search: a reload shows the same result.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByText('1 person').waitFor();

    await results.getByRole('link', { name: /^Mona / }).click();
    await page.getByRole('heading', { level: 1, name: /^Mona / }).waitFor();
    const skillsCard = page.getByRole('region', { name: 'Skills' });
    await skillsCard.getByText('Terraform').waitFor();
    await skillsCard.getByText('teaches').waitFor();
    // A colleague never sees someone's aspirations.
    expect(await page.getByRole('region', { name: 'Aspirations (private)' }).count()).toBe(0);
    await w.screenshot('profile-of-colleague');
    await w.checkA11y('person');
    await w.finish();
  });

  it('shows notifications in the centre and the bell, and marks them read', async () => {
    await addNotification(p.db, s.organizationId, s.director.id, { type: 'PROJECT_ANNOUNCED', title: 'New project: Green Office', body: 'Seats open for people passionate about sustainability.', minutesAgo: 5 });
    await addNotification(p.db, s.organizationId, s.director.id, { type: 'OPENING_RECOMMENDED', title: 'An opening fits your target role', minutesAgo: 90 });
    await addNotification(p.db, s.organizationId, s.director.id, { type: 'PROFILE_NUDGE', title: 'Time to review your profile', minutesAgo: 60 * 24 * 3, read: true });

    const w = await openPage(browser, p.url, 'notifications');
    const { page } = w;
    await signIn(w, slug, s.director.email);
    const bell = page.getByRole('link', { name: /^Notifications/ });
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, 2 unread');
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const list = page.getByRole('list', { name: 'Notifications' });
    await list.getByRole('heading', { name: /New project: Green Office/ }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(3);
    await w.screenshot('centre');
    await w.checkA11y('notification centre');

    await page.getByRole('button', { name: 'Unread' }).click();
    const unread = page.getByRole('list', { name: 'Unread notifications' });
    await until(async () => (await unread.getByRole('listitem').count()) === 2, 'two unread notifications');

    await page.getByRole('button', { name: 'Mark as read: New project: Green Office' }).click();
    await until(async () => (await bell.getAttribute('aria-label')) === 'Notifications, 1 unread', 'the bell to show 1 unread');
    await until(async () => (await unread.getByRole('listitem').count()) === 1, 'one unread notification left');

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await until(async () => (await bell.getAttribute('aria-label')) === 'Notifications', 'the bell to show none unread');
    await page.getByText('You are all caught up').waitFor();
    const [{ unread: left }] = await p.db.query('SELECT count(*)::int AS unread FROM notification WHERE recipient_id = $1 AND read_at IS NULL', [s.director.id]);
    expect(left).toBe(0);
    await w.screenshot('all-read');
    await w.checkA11y('notification centre, all read');
    await w.finish();
  });

  it('works on a phone in the dark scheme: the menu button opens the navigation, and pages stay accessible', async () => {
    const w = await openPage(browser, p.url, 'phone-dark', { viewport: PHONE, colorScheme: 'dark' });
    const { page } = w;
    await signIn(w, slug, s.manager.email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(`getComputedStyle(document.body).backgroundColor`)).toBe('rgb(16, 20, 24)');
    await w.screenshot('home');
    await w.checkA11y('home on a phone, dark');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'My team' }).click();
    await page.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    // The manager sees each report's shared profile; the page closes the menu on navigation.
    await page.getByRole('link', { name: /^Eli / }).waitFor();
    await page.getByRole('link', { name: /^Pia / }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    // The page does not scroll sideways on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await w.screenshot('team');
    await w.checkA11y('team on a phone, dark');

    await menu.click();
    await nav.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await page.getByLabel('Proficiency in Stakeholder Management').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await w.screenshot('profile');
    await w.checkA11y('profile on a phone, dark');

    // Keyboard: on a fresh load, the skip link is the first stop and moves focus to the content.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
    await w.finish();
  });
});
