import { Clock, Role } from '@waypoint/core';
import { OPENINGS_JOBS } from '@waypoint/openings';
import { createDepartment, createUser, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import {
  addSkills,
  APPLY,
  CREATE,
  createWorld,
  fails,
  notificationsOf,
  ok,
  OPENING,
  openingInput,
  PUBLISH,
  publishedOpening,
  runJob,
  setProfile,
  setSkills,
  settle,
  statementsOf,
  World,
} from './fixtures';

const DAY = 24 * 3600 * 1000;
const GET = `query($id: ID!) { opening(id: $id) { ${OPENING} visibility { everyone departmentIds levels locations } } }`;
const SEARCH = `query($filter: OpeningSearchFilter, $first: Int, $after: String) {
  openings(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title saved visibility { everyone } applicationCount
      match { score stretch levelGap summary
        required { skill { name } minProficiency weight proficiency status weightedScore maxWeightedScore }
        niceToHave { skill { name } proficiency has }
        gap { skill { name } status minProficiency proficiency } } } }
  } }`;
const HIRING = `query($filter: HiringOpeningsFilter) { openingsForHiring(filter: $filter, first: 100) { totalCount edges { node { id status } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateOpeningInput!) { updateOpening(id: $id, input: $input) { ${OPENING} } }`;
const PAUSE = `mutation($id: ID!) { pauseOpening(id: $id) { id status } }`;
const REOPEN = `mutation($id: ID!, $closesAt: DateTime) { reopenOpening(id: $id, closesAt: $closesAt) { id status closeReason closesAt } }`;
const CLOSE = `mutation($id: ID!, $reason: OpeningCloseReason!) { closeOpening(id: $id, reason: $reason) { id status closeReason closedAt } }`;

describe('openings: HR lifecycle, targeting, search, expiry', () => {
  let p: TestPlatform;
  let w: World;

  beforeAll(async () => {
    p = await startTestPlatform();
    w = await createWorld(p);
    await setProfile(p.db, w.s.employee.id, { location: 'Paris' });
    await setProfile(p.db, w.s.peer.id, { location: 'Berlin' });
    await setSkills(p.db, w.s.organizationId, w.s.employee.id, { [w.skills.SQL]: 3, [w.skills.Kubernetes]: 1, [w.skills.Go]: 2 });
  });
  afterAll(() => p?.close());
  afterEach(() => {
    p.api.get(Clock).set(new Date());
    p.worker!.get(Clock).set(new Date());
  });

  const ids = (data: { edges: { node: { id: string } }[] }) => data.edges.map((e) => e.node.id);
  const search = async (who: TestUser, filter: Record<string, unknown> = {}, first = 50) =>
    (await ok(p, SEARCH, { filter, first }, who.token)).openings;

  it('keeps drafts to HR: invisible to employees, the hiring manager and search', async () => {
    const { createOpening: o } = await ok(p, CREATE, { input: openingInput(w) }, w.s.hr.token);
    expect(o).toMatchObject({ status: 'DRAFT', version: 1, publishedAt: null, title: 'Data Engineer', positions: 1, positionsFilled: 0 });
    expect(o.requiredSkills.map((r: { skill: { name: string } }) => r.skill.name)).toEqual(['SQL', 'Kubernetes']);
    expect(o.niceToHaveSkills.map((s: { name: string }) => s.name)).toEqual(['Go']);
    expect(o.descriptionHtml).toBe('<p>Build <strong>pipelines</strong> with SQL.</p>\n');

    for (const who of [w.s.employee, w.hiringManager, w.s.manager]) {
      expect((await fails(p, GET, { id: o.id }, who.token)).code).toBe('NOT_FOUND');
      expect(ids(await search(who))).not.toContain(o.id);
      expect(ids((await ok(p, HIRING, {}, who.token)).openingsForHiring)).not.toContain(o.id);
      expect((await fails(p, APPLY, { openingId: o.id }, who.token)).code).toBe('NOT_FOUND');
    }
    expect(ids((await ok(p, HIRING, { filter: { statuses: ['DRAFT'] } }, w.s.hr.token)).openingsForHiring)).toContain(o.id);
    expect((await ok(p, GET, { id: o.id }, w.s.hr.token)).opening.visibility).toEqual({ everyone: true, departmentIds: [], levels: [], locations: [] });
  });

  it('lets only HR and org admins manage openings', async () => {
    for (const who of [w.s.employee, w.s.manager, w.hiringManager]) {
      expect((await fails(p, CREATE, { input: openingInput(w) }, who.token)).code).toBe('FORBIDDEN');
    }
    const id = (await ok(p, CREATE, { input: openingInput(w) }, w.s.orgAdmin.token)).createOpening.id;
    expect((await fails(p, PUBLISH, { id }, w.hiringManager.token)).code).toBe('FORBIDDEN');
    expect((await fails(p, UPDATE, { id, input: { title: 'Mine now' } }, w.s.employee.token)).code).toBe('FORBIDDEN');
  });

  it('refuses bad input with a clear code and changes nothing', async () => {
    const [{ n: before }] = await p.db.query('SELECT count(*)::int AS n FROM opening');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'x' }, 'title'],
      [{ level: 13 }, 'level'],
      [{ positions: 0 }, 'positions'],
      [{ departmentId: 'not-a-uuid' }, 'departmentId'],
      [{ departmentId: '00000000-0000-4000-8000-000000000000' }, 'departmentId'],
      [{ hiringManagerId: '00000000-0000-4000-8000-000000000000' }, 'hiringManagerId'],
      [{ requiredSkills: [{ skillId: w.skills.SQL, minProficiency: 6 }] }, 'requiredSkills.0.minProficiency'],
      [{ requiredSkills: [{ skillId: w.skills.SQL, minProficiency: 3, weight: 0 }] }, 'requiredSkills.0.weight'],
      [{ requiredSkills: [{ skillId: w.skills.SQL, minProficiency: 3 }, { skillId: w.skills.SQL, minProficiency: 2 }] }, 'requiredSkills'],
      [{ niceToHaveSkillIds: [w.skills.SQL] }, 'niceToHaveSkillIds'],
      [{ visibility: { everyone: false } }, 'visibility'],
      [{ visibility: { everyone: true, levels: [3] } }, 'visibility'],
      [{ visibility: { everyone: false, levels: [0] } }, 'visibility.levels'],
      [{ closesAt: new Date(Date.now() - DAY).toISOString() }, 'closesAt'],
      [{ description: 'x'.repeat(20001) }, 'description'],
    ];
    for (const [extra, field] of cases) {
      const e = await fails(p, CREATE, { input: openingInput(w, extra) }, w.s.hr.token);
      expect([field, e.code, e.field]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
    const [{ n: after }] = await p.db.query('SELECT count(*)::int AS n FROM opening');
    expect(after).toBe(before);

    const empty = (await ok(p, CREATE, { input: openingInput(w, { description: '  ' }) }, w.s.hr.token)).createOpening;
    const e = await fails(p, PUBLISH, { id: empty.id }, w.s.hr.token);
    expect([e.code, e.field]).toEqual(['BAD_USER_INPUT', 'description']);
    expect((await ok(p, GET, { id: empty.id }, w.s.hr.token)).opening.status).toBe('DRAFT');
  });

  it('edits, publishes, pauses, reopens and closes, refusing illegal moves with CONFLICT', async () => {
    const id = (await ok(p, CREATE, { input: openingInput(w) }, w.s.hr.token)).createOpening.id;
    const edited = (await ok(p, UPDATE, {
      id,
      input: { title: 'Senior Data Engineer', expectedVersion: 1, requiredSkills: [{ skillId: w.skills.SQL, minProficiency: 4, weight: 3 }], closesAt: null },
    }, w.s.hr.token)).updateOpening;
    expect(edited).toMatchObject({ title: 'Senior Data Engineer', version: 2, closesAt: null });
    expect(edited.requiredSkills).toEqual([{ skill: { id: w.skills.SQL, name: 'SQL' }, minProficiency: 4, weight: 3 }]);
    expect(edited.niceToHaveSkills.map((s: { name: string }) => s.name)).toEqual(['Go']); // kept
    const stale = await fails(p, UPDATE, { id, input: { title: 'Lost update', expectedVersion: 1 } }, w.s.hr.token);
    expect([stale.code, stale.reason]).toEqual(['CONFLICT', 'STALE_VERSION']);

    const published = (await ok(p, PUBLISH, { id }, w.s.hr.token)).publishOpening;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).toBeTruthy();
    expect(await fails(p, PUBLISH, { id }, w.s.hr.token)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect(ids(await search(w.s.employee))).toContain(id);

    expect((await ok(p, PAUSE, { id }, w.s.hr.token)).pauseOpening.status).toBe('PAUSED');
    expect(ids(await search(w.s.employee))).not.toContain(id);
    const closed = (await ok(p, APPLY, { openingId: id }, w.s.employee.token)).applyToOpening;
    expect(closed).toEqual({ __typename: 'OpeningClosedError', message: 'This opening is paused', openingStatus: 'PAUSED' });
    expect(await fails(p, PAUSE, { id }, w.s.hr.token)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });

    expect((await ok(p, REOPEN, { id }, w.s.hr.token)).reopenOpening.status).toBe('PUBLISHED');
    expect(await fails(p, REOPEN, { id }, w.s.hr.token)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });

    const cancelled = (await ok(p, CLOSE, { id, reason: 'CANCELLED' }, w.s.hr.token)).closeOpening;
    expect(cancelled).toMatchObject({ status: 'CLOSED', closeReason: 'CANCELLED' });
    expect(await fails(p, UPDATE, { id, input: { title: 'Too late' } }, w.s.hr.token)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect(await fails(p, CLOSE, { id, reason: 'FILLED' }, w.s.hr.token)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect((await ok(p, REOPEN, { id }, w.s.hr.token)).reopenOpening).toMatchObject({ status: 'PUBLISHED', closeReason: null });
    expect((await fails(p, CLOSE, { id, reason: 'EXPIRED' }, w.s.hr.token)).code).toBe('BAD_USER_INPUT');
    expect((await ok(p, CLOSE, { id, reason: 'FILLED' }, w.s.hr.token)).closeOpening).toMatchObject({ status: 'CLOSED', closeReason: 'FILLED' });
  });

  it('sanitizes the description on render: no <script>, no javascript: link', async () => {
    const description = 'Hello <script>alert(1)</script>\n\n[click me](javascript:alert(document.cookie)) and [docs](https://example.com)\n\n<img src=x onerror=alert(1)>';
    const o = (await ok(p, CREATE, { input: openingInput(w, { description }) }, w.s.hr.token)).createOpening;
    expect(o.description).toBe(description); // stored as written
    expect(o.descriptionHtml).not.toMatch(/<script|<img|href="javascript:|onerror="/i);
    expect(o.descriptionHtml).not.toMatch(/<a [^>]*href="(?!https:)/i);
    expect(o.descriptionHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(o.descriptionHtml).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer">docs</a>');
  });

  describe('visibility targeting', () => {
    let dana: TestUser;
    let techUnit: string;
    beforeAll(async () => {
      dana = await createUser(p.db, w.s.organizationId, { firstName: 'Dana', level: 3, departmentId: w.dataDepartmentId });
      await setProfile(p.db, dana.id, { location: 'paris' });
      techUnit = await createDepartment(p.db, w.s.organizationId, 'Technology');
      await p.db.query(`UPDATE department SET kind = 'BUSINESS_UNIT' WHERE id = $1`, [techUnit]);
      await p.db.query('UPDATE department SET parent_id = $1 WHERE id = $2', [techUnit, w.s.departmentId]);
    });

    const sees = async (who: TestUser, id: string) => {
      const inSearch = ids(await search(who)).includes(id);
      const direct = (await p.gql(GET, { id }, who.token)).data?.opening?.id === id;
      expect(direct).toBe(inSearch); // search and direct reads agree
      return inSearch;
    };
    const audience = async (visibility: Record<string, unknown>) => {
      const id = await publishedOpening(w, { visibility });
      return {
        employee: await sees(w.s.employee, id), // Engineering, level 3, Paris
        peer: await sees(w.s.peer, id), // Engineering, level 3, Berlin
        manager: await sees(w.s.manager, id), // Engineering, level 6, no location
        dana: await sees(dana, id), // Data, level 3, paris
        id,
      };
    };

    it('everyone', async () => {
      expect(await audience({ everyone: true })).toMatchObject({ employee: true, peer: true, manager: true, dana: true });
    });

    it('departments, including every department below a chosen business unit', async () => {
      expect(await audience({ everyone: false, departmentIds: [w.s.departmentId] })).toMatchObject({ employee: true, peer: true, manager: true, dana: false });
      expect(await audience({ everyone: false, departmentIds: [techUnit] })).toMatchObject({ employee: true, peer: true, manager: true, dana: false });
      expect(await audience({ everyone: false, departmentIds: [w.dataDepartmentId] })).toMatchObject({ employee: false, peer: false, manager: false, dana: true });
    });

    it('levels and locations (without case), every chosen dimension at once', async () => {
      expect(await audience({ everyone: false, levels: [6, 7] })).toMatchObject({ employee: false, peer: false, manager: true, dana: false });
      expect(await audience({ everyone: false, locations: ['PARIS'] })).toMatchObject({ employee: true, peer: false, manager: false, dana: true });
      expect(await audience({ everyone: false, departmentIds: [w.s.departmentId], locations: ['Paris'], levels: [3] })).toMatchObject({
        employee: true,
        peer: false,
        manager: false,
        dana: false,
      });
    });

    it('shows the targeting to HR and the hiring manager only, and refuses applications from outside it', async () => {
      const { id } = await audience({ everyone: false, levels: [3], locations: ['Berlin'] });
      expect((await ok(p, GET, { id }, w.s.hr.token)).opening.visibility).toEqual({ everyone: false, departmentIds: [], levels: [3], locations: ['Berlin'] });
      expect((await ok(p, GET, { id }, w.hiringManager.token)).opening.visibility.levels).toEqual([3]);
      expect((await ok(p, GET, { id }, w.s.peer.token)).opening.visibility).toBeNull();
      expect((await fails(p, APPLY, { openingId: id }, w.s.employee.token)).code).toBe('NOT_FOUND');
      expect((await ok(p, APPLY, { openingId: id }, w.s.peer.token)).applyToOpening.__typename).toBe('Application');
    });
  });

  describe('search', () => {
    let platform: string;
    let analyst: string;
    let designer: string;
    const titles = (page: { edges: { node: { title: string } }[] }) => page.edges.map((e) => e.node.title).sort();

    beforeAll(async () => {
      // A fresh organization slice: close everything earlier tests published.
      await p.db.query(`UPDATE opening SET status = 'CLOSED', close_reason = 'CANCELLED' WHERE status <> 'CLOSED'`);
      platform = await publishedOpening(w, {
        title: 'Platform Engineer',
        departmentId: w.s.departmentId,
        level: 5,
        location: 'Berlin',
        remotePolicy: 'REMOTE',
        requiredSkills: [{ skillId: w.skills.Kubernetes, minProficiency: 4, weight: 1 }],
        niceToHaveSkillIds: [],
        description: 'Run our clusters.',
      });
      analyst = await publishedOpening(w, {
        title: 'Data Analyst',
        level: 3,
        location: 'Paris',
        remotePolicy: 'ONSITE',
        requiredSkills: [{ skillId: w.skills.SQL, minProficiency: 3, weight: 2 }],
        niceToHaveSkillIds: [],
        description: 'Dashboards and reporting.',
      });
      designer = await publishedOpening(w, {
        title: 'Product Designer',
        level: 4,
        location: 'Lisbon',
        remotePolicy: 'HYBRID',
        requiredSkills: [],
        niceToHaveSkillIds: [w.skills.Figma],
        description: 'Design *prototypes* with users.',
      });
    });

    it('matches words in the title, the skills and the description, with prefixes', async () => {
      expect(titles(await search(w.s.employee, { search: 'kube' }))).toEqual(['Platform Engineer']);
      expect(titles(await search(w.s.employee, { search: 'prototyp' }))).toEqual(['Product Designer']);
      expect(titles(await search(w.s.employee, { search: 'ANALYST' }))).toEqual(['Data Analyst']);
      expect(titles(await search(w.s.employee, { search: 'figma' }))).toEqual(['Product Designer']);
      expect(titles(await search(w.s.employee, { search: 'data dashboards' }))).toEqual(['Data Analyst']);
      expect(titles(await search(w.s.employee, { search: 'nothing-like-this' }))).toEqual([]);
      expect((await fails(p, SEARCH, { filter: { search: '!!!' } }, w.s.employee.token)).code).toBe('BAD_USER_INPUT');
    });

    it('filters by department, level, location, remote and skill', async () => {
      expect(titles(await search(w.s.employee, { departmentId: w.s.departmentId }))).toEqual(['Platform Engineer']);
      expect(titles(await search(w.s.employee, { minLevel: 4 }))).toEqual(['Platform Engineer', 'Product Designer']);
      expect(titles(await search(w.s.employee, { maxLevel: 3 }))).toEqual(['Data Analyst']);
      expect(titles(await search(w.s.employee, { location: 'paris' }))).toEqual(['Data Analyst']);
      expect(titles(await search(w.s.employee, { remote: true }))).toEqual(['Platform Engineer']);
      expect(titles(await search(w.s.employee, { remote: false }))).toEqual(['Data Analyst', 'Product Designer']);
      expect(titles(await search(w.s.employee, { skillId: w.skills.Figma }))).toEqual(['Product Designer']);
      expect(titles(await search(w.s.employee, { skillId: w.skills.SQL, search: 'data' }))).toEqual(['Data Analyst']);
      expect((await fails(p, SEARCH, { filter: { minLevel: 5, maxLevel: 2 } }, w.s.employee.token)).code).toBe('BAD_USER_INPUT');
    });

    it('pages with cursors, newest first or by relevance', async () => {
      const first = await search(w.s.employee, {}, 2);
      expect(first.totalCount).toBe(3);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(ids(first)).toEqual([designer, analyst]);
      const rest = (await ok(p, SEARCH, { filter: {}, first: 2, after: first.pageInfo.endCursor }, w.s.employee.token)).openings;
      expect(ids(rest)).toEqual([platform]);
      expect(rest.pageInfo.hasNextPage).toBe(false);

      const ranked = await search(w.s.employee, { search: 'data' }, 1);
      const next = (await ok(p, SEARCH, { filter: { search: 'data' }, first: 1, after: ranked.pageInfo.endCursor }, w.s.employee.token)).openings;
      expect([...ids(ranked), ...ids(next)].sort()).toEqual([...ids(await search(w.s.employee, { search: 'data' }))].sort());
      expect((await fails(p, SEARCH, { first: 101 }, w.s.employee.token)).code).toBe('BAD_USER_INPUT');
      expect((await fails(p, SEARCH, { after: 'garbage' }, w.s.employee.token)).code).toBe('BAD_USER_INPUT');
    });

    it('explains the match score: per skill, weighted, with the gap and the stretch label', async () => {
      const page = await search(w.s.employee, {});
      const byTitle = Object.fromEntries(page.edges.map((e: { node: { title: string } }) => [e.node.title, e.node]));
      expect(byTitle['Data Analyst'].match).toEqual({
        score: 100,
        stretch: false,
        levelGap: 0,
        summary: 'Meets 1 of 1 required skills',
        required: [{ skill: { name: 'SQL' }, minProficiency: 3, weight: 2, proficiency: 3, status: 'MET', weightedScore: 100, maxWeightedScore: 100 }],
        niceToHave: [],
        gap: [],
      });
      expect(byTitle['Platform Engineer'].match).toMatchObject({
        score: 25,
        stretch: false,
        levelGap: 2,
        required: [{ skill: { name: 'Kubernetes' }, proficiency: 1, status: 'PARTLY', weightedScore: 25 }],
        gap: [{ skill: { name: 'Kubernetes' }, status: 'PARTLY', minProficiency: 4, proficiency: 1 }],
      });
      expect(byTitle['Product Designer'].match).toMatchObject({ score: 100, stretch: true, levelGap: 1, niceToHave: [{ skill: { name: 'Figma' }, proficiency: null, has: false }] });
      // Counts of applications are for the hiring side only.
      expect(page.edges.every((e: { node: { applicationCount: number | null } }) => e.node.applicationCount === null)).toBe(true);
    });

    it('costs the same number of SQL statements for 1 opening as for 3, nested fields included', async () => {
      await settle(p);
      const FULL = `query($first: Int) { openings(first: $first) { totalCount edges { node { id title descriptionHtml saved applicationCount
        department { name } hiringManager { fullName } requiredSkills { skill { name } } niceToHaveSkills { name }
        myApplication { id } match { score gap { skill { name } } } } } } }`;
      const one = await statementsOf(p, FULL, { first: 1 }, w.s.employee.token);
      const three = await statementsOf(p, FULL, { first: 3 }, w.s.employee.token);
      expect(one.data.openings.edges).toHaveLength(1);
      expect(three.data.openings.edges).toHaveLength(3);
      expect(three.count).toBe(one.count);
      expect(one.count).toBeLessThanOrEqual(10);
    });

    it('hides openings past their closing date even before the expiry job runs', async () => {
      const soon = await publishedOpening(w, { title: 'Short Lived', closesAt: new Date(Date.now() + DAY).toISOString() });
      expect(ids(await search(w.s.employee))).toContain(soon);
      p.api.get(Clock).set(new Date(Date.now() + 2 * DAY));
      expect(ids(await search(w.s.employee))).not.toContain(soon);
      expect((await ok(p, APPLY, { openingId: soon }, w.s.employee.token)).applyToOpening.__typename).toBe('OpeningClosedError');
    });
  });

  it('closes openings past their closing date with the expiry job (controllable clock)', async () => {
    const soon = await publishedOpening(w, { title: 'Expiring', closesAt: new Date(Date.now() + 2 * DAY).toISOString() });
    const later = await publishedOpening(w, { title: 'Not yet', closesAt: new Date(Date.now() + 10 * DAY).toISOString() });
    const paused = await publishedOpening(w, { title: 'Paused and expiring', closesAt: new Date(Date.now() + 2 * DAY).toISOString() });
    await ok(p, PAUSE, { id: paused }, w.s.hr.token);

    await runJob(p, OPENINGS_JOBS.expiry);
    expect((await ok(p, GET, { id: soon }, w.s.hr.token)).opening.status).toBe('PUBLISHED');

    p.worker!.get(Clock).set(new Date(Date.now() + 3 * DAY));
    p.api.get(Clock).set(new Date(Date.now() + 3 * DAY));
    await runJob(p, OPENINGS_JOBS.expiry);
    expect((await ok(p, GET, { id: soon }, w.s.hr.token)).opening).toMatchObject({ status: 'CLOSED', closeReason: 'EXPIRED' });
    expect((await ok(p, GET, { id: paused }, w.s.hr.token)).opening).toMatchObject({ status: 'CLOSED', closeReason: 'EXPIRED' });
    expect((await ok(p, GET, { id: later }, w.s.hr.token)).opening.status).toBe('PUBLISHED');
    const told = (await notificationsOf(w, w.hiringManager)).items.filter((n) => n.type === 'OPENING_EXPIRED' && n.sourceId === soon);
    expect(told).toHaveLength(1);

    // Reopening needs a closing date in the future.
    expect(await fails(p, REOPEN, { id: soon }, w.s.hr.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
    const reopened = (await ok(p, REOPEN, { id: soon, closesAt: new Date(Date.now() + 20 * DAY).toISOString() }, w.s.hr.token)).reopenOpening;
    expect(reopened).toMatchObject({ status: 'PUBLISHED', closeReason: null });
    await runJob(p, OPENINGS_JOBS.expiry);
    expect((await ok(p, GET, { id: soon }, w.s.hr.token)).opening.status).toBe('PUBLISHED');
  });

  it('saves and unsaves openings', async () => {
    const id = await publishedOpening(w, { title: 'Worth Saving' });
    const SAVED = `{ savedOpenings(first: 10) { totalCount edges { node { id saved } } } }`;
    await ok(p, `mutation($id: ID!) { saveOpening(id: $id) { id saved } }`, { id }, w.s.employee.token);
    await ok(p, `mutation($id: ID!) { saveOpening(id: $id) { id } }`, { id }, w.s.employee.token); // twice is once
    expect((await ok(p, SAVED, {}, w.s.employee.token)).savedOpenings).toEqual({ totalCount: 1, edges: [{ node: { id, saved: true } }] });
    expect((await ok(p, SAVED, {}, w.s.peer.token)).savedOpenings.totalCount).toBe(0);
    // A saved opening that is paused stays in the list, with its status.
    await ok(p, PAUSE, { id }, w.s.hr.token);
    expect((await ok(p, SAVED, {}, w.s.employee.token)).savedOpenings.totalCount).toBe(1);
    expect((await ok(p, `mutation($id: ID!) { unsaveOpening(id: $id) }`, { id }, w.s.employee.token)).unsaveOpening).toBe(true);
    expect((await ok(p, SAVED, {}, w.s.employee.token)).savedOpenings.totalCount).toBe(0);
    const draft = (await ok(p, CREATE, { input: openingInput(w) }, w.s.hr.token)).createOpening.id;
    expect((await fails(p, `mutation($id: ID!) { saveOpening(id: $id) { id } }`, { id: draft }, w.s.employee.token)).code).toBe('NOT_FOUND');
  });

  it('fails every opening operation across tenants', async () => {
    const foreignHr = await createUser(p.db, w.s.outsiderOrganizationId, { firstName: 'Fran', roles: [Role.EMPLOYEE, Role.HR_ADMIN] });
    const foreignSkills = await addSkills(p.db, w.s.outsiderOrganizationId, ['SQL']);
    const id = await publishedOpening(w, { title: 'Home Only' });
    const draft = (await ok(p, CREATE, { input: openingInput(w) }, w.s.hr.token)).createOpening.id;
    for (const who of [foreignHr, w.s.outsider]) {
      expect((await fails(p, GET, { id }, who.token)).code).toBe('NOT_FOUND');
      expect(ids(await search(who))).toEqual([]);
      expect((await fails(p, APPLY, { openingId: id }, who.token)).code).toBe('NOT_FOUND');
      expect((await fails(p, `mutation($id: ID!) { saveOpening(id: $id) { id } }`, { id }, who.token)).code).toBe('NOT_FOUND');
    }
    expect(ids((await ok(p, HIRING, {}, foreignHr.token)).openingsForHiring)).toEqual([]);
    for (const [query, vars] of [
      [UPDATE, { id: draft, input: { title: 'Hijacked' } }],
      [PUBLISH, { id: draft }],
      [PAUSE, { id }],
      [CLOSE, { id, reason: 'CANCELLED' }],
      [REOPEN, { id }],
    ] as [string, Record<string, unknown>][]) {
      expect((await fails(p, query, vars, foreignHr.token)).code).toBe('NOT_FOUND');
    }
    // Another organization's department, hiring manager or skill is unknown here.
    expect((await fails(p, CREATE, { input: openingInput(w) }, foreignHr.token)).code).toBe('BAD_USER_INPUT');
    expect((await fails(p, CREATE, { input: openingInput(w, { requiredSkills: [{ skillId: foreignSkills.SQL, minProficiency: 2 }] }) }, w.s.hr.token)).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await ok(p, GET, { id: draft }, w.s.hr.token)).opening).toMatchObject({ status: 'DRAFT', title: 'Data Engineer' });
  });
});
