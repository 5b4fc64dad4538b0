import { Role } from '@waypoint/core';
import { createUser, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { apply, APPLY, createWorld, fails, moveThrough, notificationsOf, ok, publishedOpening, settle, setSkills, World } from './fixtures';

/**
 * Confidential by default: the applicant's manager chain must not learn of an application —
 * not by query, nested field, notification, count or search — until it is disclosed (the stage
 * the applicant chose, the policy default OFFER, or the applicant disclosing it). README.md.
 */
const DIRECT = `query($id: ID!) { application(id: $id) { id status viewer note match { score } rejectionFeedback { message } timeline { toStatus } } }`;
const NESTED = `query($id: ID!) {
  employee(id: $id) { internalApplications(first: 10) { totalCount edges { node { id status opening { title } } } }
                      interviews(first: 10) { totalCount edges { node { id kind application { id } } } } } }`;
const MY_TEAM = `{ me { reports { id internalApplications(first: 10) { totalCount edges { node { id } } } interviews(first: 10) { totalCount } }
                        managerChain { id } } }`;
const DIRECTORY = `{ employees(first: 100) { edges { node { id internalApplications(first: 5) { totalCount } reports { internalApplications(first: 5) { totalCount } } } } } }`;
const OPENING_COUNTS = `query($id: ID!) { opening(id: $id) { id applicationCount pipeline { status count } myApplication { id } } }`;
const APPLICATIONS_OF = `query($o: ID!) { applications(openingId: $o, first: 50) { totalCount edges { node { id applicant { id } } } } }`;
const SEARCH = `query($s: String) { openings(filter: { search: $s }, first: 50) { totalCount edges { node { id title applicationCount pipeline { count } myApplication { id } } } } }`;

describe('openings: confidential applications', () => {
  let p: TestPlatform;
  let w: World;
  let openingId: string;
  let appId: string;
  /** What the chain saw before anything happened. */
  let baseline: Map<string, { total: number; unread: number }>;

  beforeAll(async () => {
    p = await startTestPlatform();
    w = await createWorld(p);
    await setSkills(p.db, w.s.organizationId, w.s.employee.id, { [w.skills.SQL]: 4, [w.skills.Kubernetes]: 2 });
    openingId = await publishedOpening(w, { title: 'Confidential Data Role', description: 'Secret squirrel analytics' });
    await settle(p);
    baseline = new Map();
    for (const who of [w.s.manager, w.s.director, w.s.peer]) {
      const n = await notificationsOf(w, who);
      baseline.set(who.id, { total: n.total, unread: n.unread });
    }
    appId = (await apply(w, w.s.employee, openingId)).id; // default stage: OFFER
    await moveThrough(w, w.s.hr, appId, ['SCREENING', 'INTERVIEWING']);
    await settle(p);
  });
  afterAll(() => p?.close());

  const chain = () => [w.s.manager, w.s.director];
  const nobodyElse = () => [w.s.peer];

  it('is visible to the applicant, HR and the hiring side, with why', async () => {
    expect((await ok(p, DIRECT, { id: appId }, w.s.employee.token)).application.viewer).toBe('APPLICANT');
    expect((await ok(p, DIRECT, { id: appId }, w.s.hr.token)).application.viewer).toBe('HR');
    expect((await ok(p, DIRECT, { id: appId }, w.s.orgAdmin.token)).application.viewer).toBe('HR');
    expect((await ok(p, DIRECT, { id: appId }, w.hiringManager.token)).application).toMatchObject({ viewer: 'HIRING_MANAGER', note: 'I would love to', match: { score: 100 } });
  });

  it('direct query: NOT_FOUND for the manager chain and colleagues, exactly as for an id that does not exist', async () => {
    const missing = await fails(p, DIRECT, { id: '00000000-0000-4000-8000-000000000000' }, w.s.manager.token);
    for (const who of [...chain(), ...nobodyElse()]) {
      const e = await fails(p, DIRECT, { id: appId }, who.token);
      expect([e.code, e.message]).toEqual([missing.code, missing.message]);
    }
  });

  it('nested fields on the employee: no application and no internal interview, and totalCount 0', async () => {
    for (const who of [...chain(), ...nobodyElse()]) {
      const e = (await ok(p, NESTED, { id: w.s.employee.id }, who.token)).employee;
      expect(e.internalApplications).toEqual({ totalCount: 0, edges: [] });
      expect(e.interviews).toEqual({ totalCount: 0, edges: [] });
    }
    const team = (await ok(p, MY_TEAM, {}, w.s.manager.token)).me.reports;
    expect(team.map((r: { internalApplications: { totalCount: number } }) => r.internalApplications.totalCount)).toEqual(team.map(() => 0));
    expect(team.map((r: { interviews: { totalCount: number } }) => r.interviews.totalCount)).toEqual(team.map(() => 0));
    const directory = (await ok(p, DIRECTORY, {}, w.s.director.token)).employees.edges;
    expect(JSON.stringify(directory)).not.toMatch(/"totalCount":[1-9]/);
    // The applicant and HR do see it there.
    expect((await ok(p, NESTED, { id: w.s.employee.id }, w.s.employee.token)).employee.internalApplications.totalCount).toBe(1);
    expect((await ok(p, NESTED, { id: w.s.employee.id }, w.s.hr.token)).employee.internalApplications.totalCount).toBe(1);
    expect((await ok(p, NESTED, { id: w.s.employee.id }, w.s.employee.token)).employee.interviews.edges[0].node).toMatchObject({ kind: 'INTERNAL', application: { id: appId } });
  });

  it('notifications: not one, and no change in counts', async () => {
    for (const who of [...chain(), ...nobodyElse()]) {
      const n = await notificationsOf(w, who);
      expect(n.items.filter((i) => JSON.stringify(i).includes(appId) || /application/i.test(i.type))).toEqual([]);
      expect({ total: n.total, unread: n.unread }).toEqual(baseline.get(who.id));
    }
    const rows = await p.db.query(`SELECT recipient_id FROM notification WHERE data->>'applicationId' = $1 OR source_id = $1::uuid`, [appId]);
    expect([...new Set(rows.map((r: { recipient_id: string }) => r.recipient_id))].sort()).toEqual([w.s.employee.id, w.hiringManager.id].sort());
  });

  it('counts and lists on the opening: null for the chain, which is not the hiring side', async () => {
    for (const who of [...chain(), ...nobodyElse()]) {
      expect((await ok(p, OPENING_COUNTS, { id: openingId }, who.token)).opening).toEqual({ id: openingId, applicationCount: null, pipeline: null, myApplication: null });
      expect((await fails(p, APPLICATIONS_OF, { o: openingId }, who.token)).code).toBe('FORBIDDEN');
    }
    expect((await ok(p, OPENING_COUNTS, { id: openingId }, w.s.hr.token)).opening.applicationCount).toBe(1);
    expect((await ok(p, OPENING_COUNTS, { id: openingId }, w.hiringManager.token)).opening.applicationCount).toBe(1);
  });

  it('search: the opening shows, nothing about who applied', async () => {
    for (const who of [...chain(), ...nobodyElse()]) {
      const page = (await ok(p, SEARCH, { s: 'secret squirrel' }, who.token)).openings;
      expect(page.edges).toEqual([{ node: { id: openingId, title: 'Confidential Data Role', applicationCount: null, pipeline: null, myApplication: null } }]);
      expect((await ok(p, `{ myApplications(first: 5) { totalCount } }`, {}, who.token)).myApplications.totalCount).toBe(0);
    }
  });

  it('an HR admin in the applicant chain is treated as the manager: no list entry, no count, no direct read', async () => {
    const hera = await createUser(p.db, w.s.organizationId, { firstName: 'Hera', roles: [Role.EMPLOYEE, Role.HR_ADMIN], level: 7, departmentId: w.s.departmentId });
    const liv = await createUser(p.db, w.s.organizationId, { firstName: 'Liv', managerId: hera.id, departmentId: w.s.departmentId });
    const livApp = (await apply(w, liv, openingId)).id;
    expect((await fails(p, DIRECT, { id: livApp }, hera.token)).code).toBe('NOT_FOUND');
    const list = (await ok(p, APPLICATIONS_OF, { o: openingId }, hera.token)).applications;
    expect(list.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([appId]);
    expect(list.totalCount).toBe(1);
    expect((await ok(p, OPENING_COUNTS, { id: openingId }, hera.token)).opening.applicationCount).toBe(1);
    expect((await ok(p, OPENING_COUNTS, { id: openingId }, w.s.hr.token)).opening.applicationCount).toBe(2);
    expect((await ok(p, NESTED, { id: liv.id }, hera.token)).employee.internalApplications.totalCount).toBe(0);
    // Nor can Hera move it.
    expect((await p.gql(`mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`, { i: { applicationId: livApp, to: 'SCREENING', expectedVersion: 1 } }, hera.token)).errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('sharing the debrief of an undisclosed internal interview is refused', async () => {
    const interview = (await ok(p, `{ myInterviews(first: 5) { edges { node { id kind } } } }`, {}, w.s.employee.token)).myInterviews.edges[0].node;
    expect(interview.kind).toBe('INTERNAL');
    const UPDATE = `mutation($id: ID!, $input: UpdateInterviewInput!) { updateInterview(id: $id, input: $input) { id sharedWithManager wentWell } }`;
    expect(await fails(p, UPDATE, { id: interview.id, input: { sharedWithManager: true } }, w.s.employee.token)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_DISCLOSED' });
    // The debrief itself is fine, kept private.
    expect((await ok(p, UPDATE, { id: interview.id, input: { wentWell: 'Clear answers on SQL' } }, w.s.employee.token)).updateInterview.sharedWithManager).toBe(false);
    expect((await ok(p, NESTED, { id: w.s.employee.id }, w.s.manager.token)).employee.interviews.totalCount).toBe(0);
  });

  it('at the disclosure stage (OFFER by default) the chain sees it — without the hiring details — and the manager is told', async () => {
    const offer = await moveThrough(w, w.hiringManager, appId, ['OFFER']);
    expect(offer.status).toBe('OFFER');
    await settle(p);
    for (const who of chain()) {
      const seen = (await ok(p, DIRECT, { id: appId }, who.token)).application;
      expect(seen).toMatchObject({ id: appId, status: 'OFFER', viewer: 'MANAGER_CHAIN', note: null, match: null, rejectionFeedback: null });
      expect((await ok(p, NESTED, { id: w.s.employee.id }, who.token)).employee.internalApplications.totalCount).toBe(1);
      // Still not the hiring side: no counts, no list.
      expect((await ok(p, OPENING_COUNTS, { id: openingId }, who.token)).opening.applicationCount).toBeNull();
    }
    expect((await fails(p, DIRECT, { id: appId }, w.s.peer.token)).code).toBe('NOT_FOUND');
    const told = (await notificationsOf(w, w.s.manager)).items.filter((n) => n.data.applicationId === appId);
    expect(told.map((n) => [n.type, n.data.status])).toEqual([['APPLICATION_STATUS_CHANGED', 'OFFER']]);
    expect((await notificationsOf(w, w.s.director)).items.filter((n) => n.data.applicationId === appId)).toEqual([]); // the direct manager only
    // Now the internal debrief may be shared, and the manager sees it.
    const interview = (await ok(p, `{ myInterviews(first: 5) { edges { node { id } } } }`, {}, w.s.employee.token)).myInterviews.edges[0].node;
    await ok(p, `mutation($id: ID!) { updateInterview(id: $id, input: { sharedWithManager: true }) { id } }`, { id: interview.id }, w.s.employee.token);
    const shared = (await ok(p, NESTED, { id: w.s.employee.id }, w.s.manager.token)).employee.interviews;
    expect(shared.edges.map((e: { node: { id: string; application: { id: string } | null } }) => e.node)).toEqual([{ id: interview.id, kind: 'INTERNAL', application: { id: appId } }]);
    expect((await ok(p, NESTED, { id: w.s.employee.id }, w.s.director.token)).employee.interviews.totalCount).toBe(0); // shared with the manager, not the chain
  });

  it('the applicant may disclose earlier themselves; it cannot be undone', async () => {
    const openingB = await publishedOpening(w, { title: 'Second Role' });
    const app = await apply(w, w.s.peer, openingB);
    expect((await fails(p, DIRECT, { id: app.id }, w.s.manager.token)).code).toBe('NOT_FOUND');
    expect((await fails(p, `mutation($id: ID!) { discloseApplication(id: $id) { id } }`, { id: app.id }, w.s.hr.token)).code).toBe('FORBIDDEN');
    const disclosed = (await ok(p, `mutation($id: ID!) { discloseApplication(id: $id) { id disclosedToManager disclosedAt } }`, { id: app.id }, w.s.peer.token)).discloseApplication;
    expect(disclosed.disclosedToManager).toBe(true);
    expect((await ok(p, DIRECT, { id: app.id }, w.s.manager.token)).application.viewer).toBe('MANAGER_CHAIN');
    await settle(p);
    const told = (await notificationsOf(w, w.s.manager)).items.filter((n) => n.type === 'APPLICATION_DISCLOSED' && n.sourceId === app.id);
    expect(told).toHaveLength(1);
    const STAGE = `mutation($id: ID!, $s: DisclosureStage!) { setApplicationDisclosureStage(id: $id, stage: $s) { id discloseAtStage } }`;
    expect(await fails(p, STAGE, { id: app.id, s: 'HIRED' }, w.s.peer.token)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_DISCLOSED' });
  });

  it('honours the stage the applicant chose, and a rejection before it stays hidden for good', async () => {
    const openingC = await publishedOpening(w, { title: 'Third Role' });
    const [mia, ned] = [
      await createUser(p.db, w.s.organizationId, { firstName: 'Mia', managerId: w.s.manager.id, departmentId: w.s.departmentId }),
      await createUser(p.db, w.s.organizationId, { firstName: 'Ned', managerId: w.s.manager.id, departmentId: w.s.departmentId }),
    ];
    const early = await apply(w, mia, openingC, 'SCREENING');
    const late = await apply(w, ned, openingC, 'HIRED');
    expect((await fails(p, DIRECT, { id: early.id }, w.s.manager.token)).code).toBe('NOT_FOUND');
    await moveThrough(w, w.s.hr, early.id, ['SCREENING']);
    expect((await ok(p, DIRECT, { id: early.id }, w.s.manager.token)).application.status).toBe('SCREENING');

    // Ned chose HIRED, reaches OFFER, is rejected: his manager never learns of it.
    await moveThrough(w, w.s.hr, late.id, ['SCREENING', 'INTERVIEWING', 'OFFER', 'REJECTED']);
    await settle(p);
    expect((await fails(p, DIRECT, { id: late.id }, w.s.manager.token)).code).toBe('NOT_FOUND');
    expect((await ok(p, NESTED, { id: ned.id }, w.s.manager.token)).employee.internalApplications.totalCount).toBe(0);
    expect((await notificationsOf(w, w.s.manager)).items.filter((n) => JSON.stringify(n).includes(late.id))).toEqual([]);
    expect((await ok(p, DIRECT, { id: late.id }, ned.token)).application.rejectionFeedback.message).toMatch(/Kubernetes/);
  });

  it('follows the organization default disclosure stage', async () => {
    const POLICY = `mutation($s: DisclosureStage!) { updateOpeningsPolicy(input: { disclosureStage: $s }) { disclosureStage } }`;
    await ok(p, POLICY, { s: 'SUBMITTED' }, w.s.orgAdmin.token);
    try {
      const openingD = await publishedOpening(w, { title: 'Open Book Role' });
      const oz = await createUser(p.db, w.s.organizationId, { firstName: 'Oz', managerId: w.s.manager.id, departmentId: w.s.departmentId });
      const app = (await ok(p, APPLY, { openingId: openingD }, oz.token)).applyToOpening;
      expect(app).toMatchObject({ discloseAtStage: 'SUBMITTED', disclosedToManager: true });
      expect((await ok(p, DIRECT, { id: app.id }, w.s.manager.token)).application.viewer).toBe('MANAGER_CHAIN');
      await settle(p);
      expect((await notificationsOf(w, w.s.manager)).items.filter((n) => n.data.applicationId === app.id).map((n) => n.data.status)).toEqual(['SUBMITTED']);
    } finally {
      await ok(p, POLICY, { s: 'OFFER' }, w.s.orgAdmin.token);
    }
  });

  it('a hiring manager who is also in the chain sees it as the hiring side (the applicant can tell)', async () => {
    const openingE = await publishedOpening(w, { title: 'Director Role', hiringManagerId: w.s.director.id });
    const app = await apply(w, w.s.employee, openingE);
    expect((await ok(p, DIRECT, { id: app.id }, w.s.director.token)).application.viewer).toBe('HIRING_MANAGER');
    expect((await fails(p, DIRECT, { id: app.id }, w.s.manager.token)).code).toBe('NOT_FOUND');
    const opening = (await ok(p, `query($id: ID!) { opening(id: $id) { hiringManager { id } } }`, { id: openingE }, w.s.employee.token)).opening;
    const chainIds = (await ok(p, MY_TEAM, {}, w.s.employee.token)).me.managerChain.map((m: { id: string }) => m.id);
    expect(chainIds).toContain(opening.hiringManager.id);
  });
});
