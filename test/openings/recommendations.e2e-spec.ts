import { getQueueToken } from '@nestjs/bullmq';
import { QUEUES, TenantContext } from '@waypoint/core';
import { FanOutProgress, RecommendationService } from '@waypoint/openings';
import { createUser, eventually, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { Queue } from 'bullmq';
import { addSkills, createWorld, notificationsOf, ok, publishedOpening, setProfile, setSkills, settle, World } from './fixtures';

const REOPEN = `mutation($id: ID!) { reopenOpening(id: $id) { id status } }`;
const PAUSE = `mutation($id: ID!) { pauseOpening(id: $id) { id status } }`;
const POLICY = `mutation($t: Int!) { updateOpeningsPolicy(input: { recommendationThreshold: $t }) { recommendationThreshold } }`;

describe('openings: recommendations on publish (set-based fan-out)', () => {
  let p: TestPlatform;
  let w: World;
  const people: Record<string, TestUser> = {};

  const recipients = async (openingId: string) =>
    (
      await p.db.query(`SELECT recipient_id, data FROM notification WHERE type = 'OPENING_RECOMMENDED' AND source_id = $1 ORDER BY recipient_id`, [openingId])
    ).map((r: { recipient_id: string; data: { score: number; stretch: boolean } }) => ({ id: r.recipient_id, ...r.data }));
  const names = async (openingId: string) => {
    const byId = new Map(Object.entries(people).map(([name, u]) => [u.id, name]));
    return (await recipients(openingId)).map((r: { id: string }) => byId.get(r.id) ?? r.id).sort();
  };

  beforeAll(async () => {
    p = await startTestPlatform();
    w = await createWorld(p);
    const { SQL, Kubernetes } = w.skills;
    // The opening asks SQL >= 3 (weight 2) and Kubernetes >= 2 (weight 1), level 4, threshold 60 by default.
    const add = async (name: string, level: number, skills: Record<string, number>, open = true, departmentId: string | null = w.s.departmentId) => {
      people[name] = await createUser(p.db, w.s.organizationId, { firstName: name, level, departmentId });
      await setProfile(p.db, people[name].id, { openToOpportunities: open });
      await setSkills(p.db, w.s.organizationId, people[name].id, skills);
    };
    await add('ace', 4, { [SQL]: 4, [Kubernetes]: 2 }); // 100
    await add('bob', 4, { [SQL]: 2 }); // 44: below the threshold
    await add('cid', 4, { [SQL]: 5, [Kubernetes]: 5 }, false); // not open to opportunities
    await add('dot', 2, { [SQL]: 5, [Kubernetes]: 5 }); // two levels below: not a stretch, a leap
    await add('eva', 3, { [SQL]: 3, [Kubernetes]: 2 }); // stretch
    await add('fox', 5, { [SQL]: 3, [Kubernetes]: 3 }, true, w.dataDepartmentId); // another department
    await add('gil', 4, { [SQL]: 3, [Kubernetes]: 2 });
    await p.db.query('UPDATE employee SET active = false WHERE id = $1', [people.gil.id]); // deactivated
    await add('hal', 4, { [SQL]: 2, [Kubernetes]: 1 }); // exactly 61
    await add('ida', 4, { [SQL]: 1, [Kubernetes]: 2 }); // 56
    await setProfile(p.db, w.hiringManager.id, { openToOpportunities: true });
    await setSkills(p.db, w.s.organizationId, w.hiringManager.id, { [SQL]: 5, [Kubernetes]: 5 });
    // Someone in another organization who would match.
    const foreign = await addSkills(p.db, w.s.outsiderOrganizationId, ['SQL', 'Kubernetes']);
    await setProfile(p.db, w.s.outsider.id, { openToOpportunities: true });
    await setSkills(p.db, w.s.outsiderOrganizationId, w.s.outsider.id, { [foreign.SQL]: 5, [foreign.Kubernetes]: 5 });
  });
  afterAll(() => p?.close());

  it('notifies, once each, the targeted employees open to opportunities whose score passes the threshold', async () => {
    const openingId = await publishedOpening(w, { title: 'Recommended Role' });
    await settle(p);
    expect(await names(openingId)).toEqual(['ace', 'eva', 'fox', 'hal']);
    const rows = await recipients(openingId);
    expect(rows.find((r: { id: string }) => r.id === people.eva.id)).toMatchObject({ score: 100, stretch: true });
    expect(rows.find((r: { id: string }) => r.id === people.hal.id)).toMatchObject({ score: 61, stretch: false });

    // The notification, as the employee reads it; the SQL score equals the explained one.
    const mine = (await notificationsOf(w, people.hal)).items.find((n) => n.type === 'OPENING_RECOMMENDED');
    expect(mine).toMatchObject({ sourceId: openingId, title: 'Recommended opening: Recommended Role', body: '61% match', data: { openingId, score: 61, stretch: false } });
    const explained = (await ok(p, `query($id: ID!) { opening(id: $id) { match { score } } }`, { id: openingId }, people.hal.token)).opening.match.score;
    expect(explained).toBe(61);
    const ida = (await ok(p, `query($id: ID!) { opening(id: $id) { match { score } } }`, { id: openingId }, people.ida.token)).opening.match.score;
    expect(ida).toBe(56);
    expect((await notificationsOf(w, people.eva)).items.find((n) => n.type === 'OPENING_RECOMMENDED')!.body).toBe('100% match, a stretch role');
  });

  it('reports progress on the job and adds nothing when the job runs again', async () => {
    const openingId = await publishedOpening(w, { title: 'Progress Role' });
    await settle(p);
    const [event] = await p.db.query(`SELECT id FROM outbox_event WHERE type = 'OpeningPublished' AND payload->>'openingId' = $1`, [openingId]);
    const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.openings));
    const job = await queue.getJob(event.id);
    const [{ n: employees }] = await p.db.query('SELECT count(*)::int AS n FROM employee WHERE organization_id = $1 AND active AND open_to_opportunities', [w.s.organizationId]);
    expect(job!.progress).toEqual({ scanned: employees, total: employees, recommended: 4, percent: 100 });
    expect(job!.returnvalue).toMatchObject({ recommended: 4, published: true });

    // At-least-once delivery: the same event again (a new job id) adds no row.
    const again = await queue.add('OpeningPublished', { ...job!.data });
    const done = await eventually(async () => {
      const j = await queue.getJob(again.id!);
      return j && (await j.isCompleted()) ? j : null;
    }, 10000, 'the repeated fan-out');
    expect(done.returnvalue).toMatchObject({ recommended: 0, scanned: employees });
    expect(await names(openingId)).toEqual(['ace', 'eva', 'fox', 'hal']);

    // Reopening announces again: only those who newly match are added.
    await ok(p, PAUSE, { id: openingId }, w.s.hr.token);
    await setSkills(p.db, w.s.organizationId, people.bob.id, { [w.skills.SQL]: 3, [w.skills.Kubernetes]: 2 });
    await ok(p, REOPEN, { id: openingId }, w.s.hr.token);
    await settle(p);
    expect(await names(openingId)).toEqual(['ace', 'bob', 'eva', 'fox', 'hal']);
    await setSkills(p.db, w.s.organizationId, people.bob.id, { [w.skills.SQL]: 2 });
  });

  it('announces nothing for an opening that was paused before the job ran', async () => {
    const openingId = await publishedOpening(w, { title: 'Paused Role' });
    await settle(p);
    await p.db.query(`DELETE FROM notification WHERE source_id = $1`, [openingId]);
    await ok(p, PAUSE, { id: openingId }, w.s.hr.token);
    const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.openings));
    const job = await queue.add('OpeningPublished', {
      eventId: '00000000-0000-4000-8000-000000000001',
      organizationId: w.s.organizationId,
      type: 'OpeningPublished',
      payload: { openingId },
      occurredAt: new Date().toISOString(),
    });
    const done = await eventually(async () => {
      const j = await queue.getJob(job.id!);
      return j && (await j.isCompleted()) ? j : null;
    }, 10000, 'the fan-out of a paused opening');
    expect(done.returnvalue).toMatchObject({ published: false, recommended: 0 });
    expect(await recipients(openingId)).toEqual([]);
  });

  it('follows the targeting and the organization threshold', async () => {
    const data = await publishedOpening(w, { title: 'Data Only', visibility: { everyone: false, departmentIds: [w.dataDepartmentId] } });
    await settle(p);
    expect(await names(data)).toEqual(['fox']);

    expect((await ok(p, POLICY, { t: 62 }, w.s.orgAdmin.token)).updateOpeningsPolicy.recommendationThreshold).toBe(62);
    const strict = await publishedOpening(w, { title: 'Strict Role' });
    await settle(p);
    expect(await names(strict)).toEqual(['ace', 'eva', 'fox']); // hal (61) falls below 62
    await ok(p, POLICY, { t: 56 }, w.s.orgAdmin.token);
    const lenient = await publishedOpening(w, { title: 'Lenient Role' });
    await settle(p);
    expect(await names(lenient)).toEqual(['ace', 'eva', 'fox', 'hal', 'ida']);
    await ok(p, POLICY, { t: 60 }, w.s.orgAdmin.token);
  });

  it('walks the organization in id-range chunks with the same result (chunk boundaries)', async () => {
    const openingId = await publishedOpening(w, { title: 'Chunked Role' });
    await settle(p);
    const expected = await names(openingId);
    await p.db.query(`DELETE FROM notification WHERE source_id = $1`, [openingId]);
    // The fan-out itself, with a chunk of 3 candidates (employees open to opportunities): several statements, one progress report each.
    const reports: FanOutProgress[] = [];
    // As the worker runs it: in the organization's TenantContext (row-level security).
    const result = await TenantContext.run(w.s.organizationId, () =>
      p.worker!.get(RecommendationService).fanOut(w.s.organizationId, openingId, 60, async (r) => void reports.push(r), 3),
    );
    expect(await names(openingId)).toEqual(expected);
    const [{ n: employees }] = await p.db.query('SELECT count(*)::int AS n FROM employee WHERE organization_id = $1 AND active AND open_to_opportunities', [w.s.organizationId]);
    expect(reports.length).toBe(Math.ceil((employees + 1) / 3));
    expect(reports.map((r) => r.scanned)).toEqual(reports.map((_, i) => Math.min(employees, 3 * (i + 1))));
    expect(result).toMatchObject({ scanned: employees, recommended: expected.length, percent: 100, published: true });
  });
});
