import { Clock, Role } from '@waypoint/core';
import { OPENINGS_JOBS } from '@waypoint/openings';
import { createUser, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import {
  apply,
  APPLICATION,
  APPLY,
  createWorld,
  fails,
  MOVE,
  moveThrough,
  notificationsOf,
  ok,
  publishedOpening,
  runJob,
  settle,
  statementsOf,
  World,
} from './fixtures';

const DAY = 24 * 3600 * 1000;
const GET = `query($id: ID!) { application(id: $id) { ${APPLICATION} } }`;
const OPENING_STATE = `query($id: ID!) { opening(id: $id) { id status closeReason positions positionsFilled applicationCount pipeline { status count } } }`;
const RELEASES = `{ openReleases(first: 20) { totalCount edges { node { id status ageDays overdue deadlineAt hiredAt remindedAt escalatedAt releaseDate
  employee { id } manager { id } application { id status } } } } }`;
const MY_RELEASES = `{ myReleaseRequests(first: 20) { totalCount edges { node { id employee { id } } } } }`;
const AGREE = `mutation($id: ID!, $date: String!) { agreeReleaseDate(id: $id, releaseDate: $date) { id status releaseDate agreedAt } }`;
const day = (offset: number, from = Date.now()) => new Date(from + offset * DAY).toISOString().slice(0, 10);

describe('openings: the application pipeline', () => {
  let p: TestPlatform;
  let w: World;

  beforeAll(async () => {
    p = await startTestPlatform();
    w = await createWorld(p);
  });
  afterAll(() => p?.close());
  afterEach(() => {
    p.api.get(Clock).set(new Date());
    p.worker!.get(Clock).set(new Date());
  });

  const newReport = (name: string) => createUser(p.db, w.s.organizationId, { firstName: name, managerId: w.s.manager.id, departmentId: w.s.departmentId });
  const move = (who: TestUser, applicationId: string, to: string, expectedVersion: number, extra: Record<string, unknown> = {}) =>
    p.gql(MOVE, { input: { applicationId, to, expectedVersion, ...extra } }, who.token);

  it('applies with a note; a second application is AlreadyAppliedError; the hiring manager cannot apply', async () => {
    const openingId = await publishedOpening(w);
    const app = (await ok(p, APPLY, { openingId, note: '  Five years of SQL  ' }, w.s.employee.token)).applyToOpening;
    expect(app).toMatchObject({
      __typename: 'Application',
      status: 'SUBMITTED',
      version: 1,
      viewer: 'APPLICANT',
      discloseAtStage: 'OFFER',
      disclosedToManager: false,
      note: 'Five years of SQL',
      opening: { id: openingId },
      applicant: { id: w.s.employee.id },
      rejectionFeedback: null,
    });
    expect(app.timeline).toEqual([{ fromStatus: null, toStatus: 'SUBMITTED', at: app.submittedAt, actorId: w.s.employee.id, note: '' }]);

    const again = (await ok(p, APPLY, { openingId }, w.s.employee.token)).applyToOpening;
    expect(again).toEqual({ __typename: 'AlreadyAppliedError', message: 'You already applied to this opening (SUBMITTED)', application: { id: app.id, status: 'SUBMITTED' } });
    expect(await fails(p, APPLY, { openingId }, w.hiringManager.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'openingId' });
    expect((await fails(p, APPLY, { openingId, stage: 'REJECTED' }, w.s.peer.token)).code).toBe('BAD_USER_INPUT');

    const mine = (await ok(p, `{ myApplications(first: 10) { totalCount edges { node { id status opening { id } } } } }`, {}, w.s.employee.token)).myApplications;
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(app.id);
    await settle(p);
    const received = (await notificationsOf(w, w.hiringManager)).items.filter((n) => n.type === 'APPLICATION_RECEIVED' && n.sourceId === app.id);
    expect(received).toHaveLength(1);
  });

  it('runs the full pipeline to HIRED, recording and emitting every transition, and refuses illegal moves', async () => {
    const openingId = await publishedOpening(w, { title: 'Analytics Engineer' });
    const eve = await newReport('Eve');
    const app = await apply(w, eve, openingId);

    const illegal = await move(w.s.hr, app.id, 'OFFER', 1);
    expect(illegal.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION', from: 'SUBMITTED', to: 'OFFER', allowed: ['SCREENING', 'REJECTED', 'WITHDRAWN'] });
    expect((await move(w.s.hr, app.id, 'HIRED', 1)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect((await move(w.s.hr, app.id, 'WITHDRAWN', 1)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await move(w.s.hr, app.id, 'SUBMITTED', 1)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // Only the hiring side moves it: the applicant and colleagues cannot.
    expect((await move(eve, app.id, 'SCREENING', 1)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await move(w.s.peer, app.id, 'SCREENING', 1)).errors![0].extensions!.code).toBe('NOT_FOUND');

    let current = (await ok(p, MOVE, { input: { applicationId: app.id, to: 'SCREENING', expectedVersion: 1, note: 'CV looks good' } }, w.s.hr.token)).moveApplication;
    expect(current).toMatchObject({ status: 'SCREENING', version: 2, viewer: 'HR' });
    current = (await ok(p, MOVE, { input: { applicationId: app.id, to: 'INTERVIEWING', expectedVersion: 2, note: 'Panel on Tuesday' } }, w.hiringManager.token)).moveApplication;
    expect(current).toMatchObject({ status: 'INTERVIEWING', version: 3, viewer: 'HIRING_MANAGER' });
    expect((await move(w.s.hr, app.id, 'HIRED', 3)).errors![0].extensions!.reason).toBe('ILLEGAL_TRANSITION');
    expect((await ok(p, MOVE, { input: { applicationId: app.id, to: 'OFFER', expectedVersion: 3 } }, w.s.hr.token)).moveApplication.version).toBe(4);
    current = (await ok(p, MOVE, { input: { applicationId: app.id, to: 'HIRED', expectedVersion: 4, note: 'Welcome' } }, w.s.hr.token)).moveApplication;
    expect(current).toMatchObject({ status: 'HIRED', version: 5 });
    const after = await move(w.s.hr, app.id, 'REJECTED', 5, { feedback: { message: 'Changed our minds entirely' } });
    expect(after.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION', allowed: [] });

    // Every transition: who, when, note — the hiring side sees it all, the applicant sees when.
    const steps = current.timeline.map((t: { fromStatus: string; toStatus: string; actorId: string; note: string }) => [t.fromStatus, t.toStatus, t.actorId, t.note]);
    expect(steps).toEqual([
      [null, 'SUBMITTED', eve.id, ''],
      ['SUBMITTED', 'SCREENING', w.s.hr.id, 'CV looks good'],
      ['SCREENING', 'INTERVIEWING', w.hiringManager.id, 'Panel on Tuesday'],
      ['INTERVIEWING', 'OFFER', w.s.hr.id, ''],
      ['OFFER', 'HIRED', w.s.hr.id, 'Welcome'],
    ]);
    const seen = (await ok(p, GET, { id: app.id }, eve.token)).application.timeline;
    expect(seen.map((t: { toStatus: string; actorId: string | null; note: string | null }) => [t.toStatus, t.actorId, t.note])).toEqual([
      ['SUBMITTED', eve.id, ''],
      ['SCREENING', null, null],
      ['INTERVIEWING', null, null],
      ['OFFER', null, null],
      ['HIRED', null, null],
    ]);
    const events = await p.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'ApplicationStatusChanged' AND payload->>'applicationId' = $1`, [app.id]);
    expect(events[0].n).toBe(5);

    // The only position is taken: the opening closes as FILLED; the pipeline counts it.
    const opening = (await ok(p, OPENING_STATE, { id: openingId }, w.s.hr.token)).opening;
    expect(opening).toMatchObject({ status: 'CLOSED', closeReason: 'FILLED', positionsFilled: 1, applicationCount: 1 });
    expect(opening.pipeline.find((s: { status: string }) => s.status === 'HIRED').count).toBe(1);

    // The applicant heard of each move; the internal interview was logged for their debrief.
    await settle(p);
    const told = (await notificationsOf(w, eve)).items.filter((n) => n.type === 'APPLICATION_STATUS_CHANGED');
    expect(told.map((n) => n.data.status).sort()).toEqual(['HIRED', 'INTERVIEWING', 'OFFER', 'SCREENING']);
    const interviews = (await ok(p, `{ myInterviews(first: 10) { edges { node { kind roleTitle application { id } } } } }`, {}, eve.token)).myInterviews;
    expect(interviews.edges.map((e: { node: unknown }) => e.node)).toEqual([{ kind: 'INTERNAL', roleTitle: 'Analytics Engineer', application: { id: app.id } }]);
  });

  it('refuses a hire beyond the positions of the opening', async () => {
    const openingId = await publishedOpening(w, { positions: 2 });
    const [a, b, c] = [await newReport('Ann'), await newReport('Ben'), await newReport('Cat')];
    const apps = [await apply(w, a, openingId), await apply(w, b, openingId), await apply(w, c, openingId)];
    for (const app of apps) await moveThrough(w, w.s.hr, app.id, ['SCREENING', 'INTERVIEWING', 'OFFER']);
    await moveThrough(w, w.s.hr, apps[0].id, ['HIRED']);
    expect((await ok(p, OPENING_STATE, { id: openingId }, w.s.hr.token)).opening).toMatchObject({ status: 'PUBLISHED', positionsFilled: 1 });
    await moveThrough(w, w.s.hr, apps[1].id, ['HIRED']);
    expect((await ok(p, OPENING_STATE, { id: openingId }, w.s.hr.token)).opening).toMatchObject({ status: 'CLOSED', closeReason: 'FILLED', positionsFilled: 2 });
    const third = await move(w.s.hr, apps[2].id, 'HIRED', 4);
    expect(third.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'POSITIONS_FILLED' });
    expect((await ok(p, GET, { id: apps[2].id }, w.s.hr.token)).application).toMatchObject({ status: 'OFFER', version: 4 });
  });

  it('refuses a rejection without feedback, and shows the applicant "why not me"', async () => {
    const openingId = await publishedOpening(w, { title: 'Platform Analyst' });
    const app = await apply(w, w.s.peer, openingId);
    const none = await move(w.s.hr, app.id, 'REJECTED', 1, { note: 'no' });
    expect(none.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feedback' });
    const short = await move(w.s.hr, app.id, 'REJECTED', 1, { feedback: { message: 'no' } });
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feedback.message' });
    const blank = await move(w.s.hr, app.id, 'REJECTED', 1, { feedback: { message: '            ' } });
    expect(blank.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const unknownSkill = await move(w.s.hr, app.id, 'REJECTED', 1, { feedback: { message: 'Missing skills here', missingSkillIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(unknownSkill.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const misplaced = await move(w.s.hr, app.id, 'SCREENING', 1, { feedback: { message: 'Not for screening' } });
    expect(misplaced.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feedback' });
    expect((await ok(p, GET, { id: app.id }, w.s.hr.token)).application).toMatchObject({ status: 'SUBMITTED', version: 1 });

    const message = 'We needed production Kubernetes experience and stronger SQL.';
    const rejected = (await ok(p, MOVE, {
      input: { applicationId: app.id, to: 'REJECTED', expectedVersion: 1, feedback: { message, missingSkillIds: [w.skills.Kubernetes, w.skills.SQL] } },
    }, w.hiringManager.token)).moveApplication;
    expect(rejected.status).toBe('REJECTED');
    const seen = (await ok(p, GET, { id: app.id }, w.s.peer.token)).application;
    expect(seen.rejectionFeedback.message).toBe(message);
    expect(seen.rejectionFeedback.missingSkills.map((s: { name: string }) => s.name).sort()).toEqual(['Kubernetes', 'SQL']);
    await settle(p);
    const note = (await notificationsOf(w, w.s.peer)).items.find((n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data.applicationId === app.id);
    expect(note).toMatchObject({ title: 'Your application for Platform Analyst: not selected', body: message });
    // A rejected application cannot be replaced by a new one.
    expect((await ok(p, APPLY, { openingId }, w.s.peer.token)).applyToOpening.__typename).toBe('AlreadyAppliedError');
  });

  it('lets the applicant withdraw (and apply again later), and nobody else', async () => {
    const openingId = await publishedOpening(w, { title: 'Reporting Lead' });
    const fay = await newReport('Fay');
    const app = await apply(w, fay, openingId);
    await moveThrough(w, w.s.hr, app.id, ['SCREENING']);
    const WITHDRAW = `mutation($id: ID!, $note: String) { withdrawApplication(id: $id, note: $note) { id status version timeline { toStatus actorId note } } }`;
    expect((await fails(p, WITHDRAW, { id: app.id }, w.s.hr.token)).code).toBe('FORBIDDEN');
    expect((await fails(p, WITHDRAW, { id: app.id }, w.s.peer.token)).code).toBe('NOT_FOUND');
    const withdrawn = (await ok(p, WITHDRAW, { id: app.id, note: 'Staying in my team for now' }, fay.token)).withdrawApplication;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 3 });
    expect(withdrawn.timeline.at(-1)).toEqual({ toStatus: 'WITHDRAWN', actorId: fay.id, note: 'Staying in my team for now' });
    expect((await fails(p, WITHDRAW, { id: app.id }, fay.token)).reason).toBe('ILLEGAL_TRANSITION');
    expect((await move(w.s.hr, app.id, 'INTERVIEWING', 3)).errors![0].extensions!.reason).toBe('ILLEGAL_TRANSITION');
    const again = await apply(w, fay, openingId);
    expect(again.id).not.toBe(app.id);
    await settle(p);
    expect((await notificationsOf(w, w.hiringManager)).items.filter((n) => n.type === 'APPLICATION_WITHDRAWN' && n.data.applicationId === app.id)).toHaveLength(1);
  });

  it('closing an opening can reject every live application with one feedback', async () => {
    const openingId = await publishedOpening(w, { title: 'Cancelled Role' });
    const [gus, hal] = [await newReport('Gus'), await newReport('Hal')];
    const [a, b] = [await apply(w, gus, openingId), await apply(w, hal, openingId)];
    await moveThrough(w, w.s.hr, b.id, ['SCREENING', 'INTERVIEWING']);
    const CLOSE = `mutation($id: ID!, $f: String) { closeOpening(id: $id, reason: CANCELLED, rejectLiveApplicationsWithFeedback: $f) { status closeReason } }`;
    // Without feedback the applications stay, but a cancelled opening's pipeline cannot advance.
    const other = await publishedOpening(w, { title: 'Cancelled, kept' });
    const kept = await apply(w, await newReport('Kep'), other);
    await ok(p, CLOSE, { id: other }, w.s.hr.token);
    expect((await move(w.s.hr, kept.id, 'SCREENING', 1)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPENING_CANCELLED' });
    expect((await ok(p, MOVE, { input: { applicationId: kept.id, to: 'REJECTED', expectedVersion: 1, feedback: { message: 'The opening was cancelled.' } } }, w.s.hr.token)).moveApplication.status).toBe('REJECTED');
    expect((await fails(p, CLOSE, { id: openingId, f: 'short' }, w.s.hr.token)).code).toBe('BAD_USER_INPUT');
    await ok(p, CLOSE, { id: openingId, f: 'The team was reorganized; this role no longer exists.' }, w.s.hr.token);
    for (const [who, app] of [[gus, a], [hal, b]] as const) {
      const seen = (await ok(p, GET, { id: app.id }, who.token)).application;
      expect(seen.status).toBe('REJECTED');
      expect(seen.rejectionFeedback.message).toBe('The team was reorganized; this role no longer exists.');
    }
  });

  it('two HR admins moving the same application at once: one wins, the other gets a clear CONFLICT', async () => {
    const openingId = await publishedOpening(w, { title: 'Contested' });
    for (let round = 0; round < 4; round++) {
      const who = await newReport(`Race${round}`);
      const app = await apply(w, who, openingId);
      const [r1, r2] = await Promise.all([
        move(w.s.hr, app.id, 'SCREENING', 1, { note: 'first admin' }),
        move(w.hr2, app.id, 'REJECTED', 1, { feedback: { message: 'Second admin rejects this one' } }),
      ]);
      const results = [r1, r2];
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: 2 });
      expect(losers[0].errors![0].message).toMatch(/changed meanwhile/);
      const rows = await p.db.query('SELECT count(*)::int AS n FROM application_transition WHERE application_id = $1', [app.id]);
      expect(rows[0].n).toBe(2);
      const final = (await ok(p, GET, { id: app.id }, w.s.hr.token)).application;
      expect(final.version).toBe(2);
      expect(final.status).toBe(winners[0].data.moveApplication.status);
    }
  });

  describe('release date after an internal hire', () => {
    let releaseId: string;
    let ivy: TestUser;
    let hiredAt: number;

    beforeAll(async () => {
      const openingId = await publishedOpening(w, { title: 'Moving Role' });
      ivy = await newReport('Ivy');
      const app = await apply(w, ivy, openingId);
      await moveThrough(w, w.s.hr, app.id, ['SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED']);
      hiredAt = Date.now();
      const releases = (await ok(p, RELEASES, {}, w.s.hr.token)).openReleases;
      releaseId = releases.edges.find((e: { node: { employee: { id: string } } }) => e.node.employee.id === ivy.id).node.id;
      await settle(p);
    });

    it('asks the current manager to agree a release date within the policy deadline; HR see it open, with its age', async () => {
      const open = (await ok(p, RELEASES, {}, w.s.hr.token)).openReleases.edges.map((e: { node: unknown }) => e.node);
      const release = open.find((r: { id: string }) => r.id === releaseId);
      expect(release).toMatchObject({ status: 'PENDING', ageDays: 0, overdue: false, remindedAt: null, escalatedAt: null, manager: { id: w.s.manager.id }, application: { status: 'HIRED' } });
      expect(Math.round((Date.parse(release.deadlineAt) - Date.parse(release.hiredAt)) / DAY)).toBe(14);
      expect((await ok(p, MY_RELEASES, {}, w.s.manager.token)).myReleaseRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(releaseId);
      expect((await ok(p, MY_RELEASES, {}, w.s.peer.token)).myReleaseRequests.totalCount).toBe(0);
      expect((await fails(p, RELEASES, {}, w.s.manager.token)).code).toBe('FORBIDDEN');
      const asked = (await notificationsOf(w, w.s.manager)).items.filter((n) => n.type === 'RELEASE_REQUESTED' && n.sourceId === releaseId);
      expect(asked).toHaveLength(1);
    });

    it('reminds the manager near the deadline, then escalates to HR once overdue — once each', async () => {
      const count = async (who: TestUser, type: string) => (await notificationsOf(w, who)).items.filter((n) => n.type === type && n.sourceId === releaseId).length;
      await runJob(p, OPENINGS_JOBS.releaseEscalation);
      expect(await count(w.s.manager, 'RELEASE_REMINDER')).toBe(0);

      p.worker!.get(Clock).set(new Date(hiredAt + 12 * DAY));
      await runJob(p, OPENINGS_JOBS.releaseEscalation);
      await runJob(p, OPENINGS_JOBS.releaseEscalation);
      expect(await count(w.s.manager, 'RELEASE_REMINDER')).toBe(1);
      expect(await count(w.s.hr, 'RELEASE_ESCALATED')).toBe(0);

      p.worker!.get(Clock).set(new Date(hiredAt + 15 * DAY));
      p.api.get(Clock).set(new Date(hiredAt + 15 * DAY));
      await runJob(p, OPENINGS_JOBS.releaseEscalation);
      await runJob(p, OPENINGS_JOBS.releaseEscalation);
      expect(await count(w.s.hr, 'RELEASE_ESCALATED')).toBe(1);
      expect(await count(w.hr2, 'RELEASE_ESCALATED')).toBe(1);
      expect(await count(w.s.orgAdmin, 'RELEASE_ESCALATED')).toBe(0); // there are HR admins
      expect(await count(w.s.manager, 'RELEASE_REMINDER')).toBe(1);
      const release = (await ok(p, RELEASES, {}, w.s.hr.token)).openReleases.edges.find((e: { node: { id: string } }) => e.node.id === releaseId).node;
      expect(release).toMatchObject({ overdue: true, ageDays: 15 });
      expect(release.escalatedAt).toBeTruthy();
      expect(release.remindedAt).toBeTruthy();
    });

    it('is agreed by the releasing manager with a sensible date; HR may change it afterwards', async () => {
      expect((await fails(p, AGREE, { id: releaseId, date: day(5) }, w.s.peer.token)).code).toBe('NOT_FOUND');
      expect((await fails(p, AGREE, { id: releaseId, date: day(5) }, ivy.token)).code).toBe('FORBIDDEN');
      expect((await fails(p, AGREE, { id: releaseId, date: day(-1) }, w.s.manager.token)).code).toBe('BAD_USER_INPUT');
      expect((await fails(p, AGREE, { id: releaseId, date: day(120) }, w.s.manager.token)).code).toBe('BAD_USER_INPUT');
      expect((await fails(p, AGREE, { id: releaseId, date: '2025-02-30' }, w.s.manager.token)).code).toBe('BAD_USER_INPUT');
      expect((await fails(p, AGREE, { id: releaseId, date: 'soon' }, w.s.manager.token)).code).toBe('BAD_USER_INPUT');
      const agreed = (await ok(p, AGREE, { id: releaseId, date: day(10) }, w.s.manager.token)).agreeReleaseDate;
      expect(agreed).toMatchObject({ status: 'AGREED', releaseDate: day(10) });
      expect(await fails(p, AGREE, { id: releaseId, date: day(3) }, w.s.manager.token)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_AGREED' });
      expect((await ok(p, AGREE, { id: releaseId, date: day(7) }, w.s.hr.token)).agreeReleaseDate.releaseDate).toBe(day(7));
      const open = (await ok(p, RELEASES, {}, w.s.hr.token)).openReleases.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(open).not.toContain(releaseId);
      await settle(p);
      expect((await notificationsOf(w, ivy)).items.filter((n) => n.type === 'RELEASE_AGREED' && n.sourceId === releaseId)).toHaveLength(1);
      expect((await notificationsOf(w, w.hiringManager)).items.filter((n) => n.type === 'RELEASE_AGREED' && n.sourceId === releaseId)).toHaveLength(1);
    });

    it('follows the organization policy for the deadline', async () => {
      const POLICY = `mutation($input: OpeningsPolicyInput!) { updateOpeningsPolicy(input: $input) { disclosureStage releaseDeadlineDays releaseReminderDaysBefore recommendationThreshold } }`;
      expect((await fails(p, POLICY, { input: { releaseDeadlineDays: 5 } }, w.s.hr.token)).code).toBe('FORBIDDEN');
      expect((await fails(p, POLICY, { input: { releaseDeadlineDays: 0 } }, w.s.orgAdmin.token)).code).toBe('BAD_USER_INPUT');
      expect((await fails(p, POLICY, { input: { releaseDeadlineDays: 3, releaseReminderDaysBefore: 3 } }, w.s.orgAdmin.token)).code).toBe('BAD_USER_INPUT');
      expect((await ok(p, POLICY, { input: { releaseDeadlineDays: 5, releaseReminderDaysBefore: 1 } }, w.s.orgAdmin.token)).updateOpeningsPolicy).toEqual({
        disclosureStage: 'OFFER',
        releaseDeadlineDays: 5,
        releaseReminderDaysBefore: 1,
        recommendationThreshold: 60,
      });
      expect((await ok(p, `{ openingsPolicy { releaseDeadlineDays } }`, {}, w.s.employee.token)).openingsPolicy.releaseDeadlineDays).toBe(5);
      const openingId = await publishedOpening(w, { title: 'Policy Role' });
      const jo = await newReport('Jo');
      const app = await apply(w, jo, openingId);
      await moveThrough(w, w.s.hr, app.id, ['SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED']);
      const release = (await ok(p, RELEASES, {}, w.s.hr.token)).openReleases.edges.find((e: { node: { employee: { id: string } } }) => e.node.employee.id === jo.id).node;
      expect(Math.round((Date.parse(release.deadlineAt) - Date.parse(release.hiredAt)) / DAY)).toBe(5);
      await ok(p, POLICY, { input: { releaseDeadlineDays: 14, releaseReminderDaysBefore: 3 } }, w.s.orgAdmin.token);
    });
  });

  it('lists an opening\'s applications for the hiring side in a constant number of SQL statements', async () => {
    const openingId = await publishedOpening(w, { title: 'Busy Role', positions: 5 });
    for (let i = 0; i < 4; i++) {
      const app = await apply(w, await newReport(`Busy${i}`), openingId);
      if (i % 2) await moveThrough(w, w.s.hr, app.id, ['SCREENING', 'REJECTED']);
    }
    await settle(p);
    const LIST = `query($o: ID!, $first: Int) { applications(openingId: $o, first: $first) { totalCount edges { node { id status viewer note
      applicant { fullName } opening { title } timeline { toStatus } rejectionFeedback { message missingSkills { name } }
      match { score gap { skill { name } } } release { id } } } } }`;
    const one = await statementsOf(p, LIST, { o: openingId, first: 1 }, w.hiringManager.token);
    const four = await statementsOf(p, LIST, { o: openingId, first: 4 }, w.hiringManager.token);
    expect(four.data.applications.totalCount).toBe(4);
    expect(four.data.applications.edges).toHaveLength(4);
    expect(four.count).toBe(one.count);
    expect(one.count).toBeLessThanOrEqual(14);
  });

  it('fails every application operation across tenants', async () => {
    const foreignHr = await createUser(p.db, w.s.outsiderOrganizationId, { firstName: 'Fritz', roles: [Role.EMPLOYEE, Role.HR_ADMIN] });
    const openingId = await publishedOpening(w, { title: 'Tenant Test' });
    const kim = await newReport('Kim');
    const app = await apply(w, kim, openingId);
    await moveThrough(w, w.s.hr, app.id, ['SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED']);
    const [{ id: releaseId }] = await p.db.query('SELECT id FROM release_agreement WHERE application_id = $1', [app.id]);
    for (const who of [foreignHr, w.s.outsider]) {
      expect((await fails(p, GET, { id: app.id }, who.token)).code).toBe('NOT_FOUND');
      expect((await fails(p, `query($o: ID!) { applications(openingId: $o, first: 5) { totalCount } }`, { o: openingId }, who.token)).code).toBe('NOT_FOUND');
      expect((await move(who, app.id, 'REJECTED', 5, { feedback: { message: 'from another org' } })).errors![0].extensions!.code).toBe('NOT_FOUND');
      expect((await fails(p, `mutation($id: ID!) { withdrawApplication(id: $id) { id } }`, { id: app.id }, who.token)).code).toBe('NOT_FOUND');
      expect((await fails(p, `mutation($id: ID!) { discloseApplication(id: $id) { id } }`, { id: app.id }, who.token)).code).toBe('NOT_FOUND');
      expect((await fails(p, AGREE, { id: releaseId, date: day(3) }, who.token)).code).toBe('NOT_FOUND');
      expect((await ok(p, `{ myApplications(first: 5) { totalCount } }`, {}, who.token)).myApplications.totalCount).toBe(0);
    }
    expect((await ok(p, RELEASES, {}, foreignHr.token)).openReleases.totalCount).toBe(0);
    expect((await ok(p, GET, { id: app.id }, w.s.hr.token)).application.status).toBe('HIRED');
  });
});
