import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { QUEUES, redisOptions, Role } from '@waypoint/core';
import { createOrganization, createUser, eventually, ServerProcess, startServer, stopAllServers, TestUser, ensureServerBuilt } from '@waypoint/testing';
import { seedOrganization } from '../../libs/people/src/seed/seed';
import { bulkEmployees, createStack, figure, gqlAt, sleep, Stack } from './fixtures';

const RECIPIENTS = 30000;
/** Short job locks, so that a killed worker's job is taken up again within seconds (defaults: 30 s). */
const LOCKS = { WORKER_LOCK_DURATION_MS: '4000', WORKER_STALLED_INTERVAL_MS: '1000' };

const ok = (r: { data?: any; errors?: unknown[]; transport?: string }): any => {
  if (r.errors || r.transport || !r.data) throw new Error(`GraphQL failed: ${JSON.stringify(r.errors ?? r.transport)}`);
  return r.data;
};

/**
 * Fault 2: the worker process is killed (SIGKILL: no graceful shutdown, its job locks are left
 * to expire) in the middle of long jobs, then started again. BullMQ hands the stalled job to the
 * new process; the job must complete with every effect written once (unique keys in PostgreSQL).
 */
describe('faults: worker killed in the middle of a job', () => {
  let stack: Stack;
  let api: ServerProcess;
  let worker: ServerProcess;
  let env: Record<string, string>;
  const queues: Queue[] = [];

  const queue = (name: string) => {
    const q = new Queue(name, { connection: { ...redisOptions(process.env.TEST_REDIS_URL!), maxRetriesPerRequest: 1 }, prefix: stack.queuePrefix });
    queues.push(q);
    return q;
  };

  /** Polls `check` every 10 ms until it says so, then SIGKILLs the worker; returns what `check` saw. */
  async function killWorkerWhen<T>(check: () => Promise<T | null>, timeoutMs = 60000): Promise<T> {
    const seen = await eventually(check, timeoutMs, 'the job to be half done');
    await worker.kill('SIGKILL');
    return seen;
  }

  // The processes run from dist/: built first when a server source changed (its own, longer, timeout).
  beforeAll(() => ensureServerBuilt(), 300000);

  beforeAll(async () => {
    stack = await createStack();
    env = stack.env(process.env.TEST_REDIS_URL!, LOCKS);
    [api, worker] = await Promise.all([startServer('api', env), startServer('worker', env, { name: 'worker#1' })]);
  }, 180000);

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await stopAllServers();
    await stack?.close();
  }, 60000);

  it(`announcement to ${RECIPIENTS.toLocaleString('en')} recipients: completes after a restart, nobody told twice`, async () => {
    const org = await createOrganization(stack.db);
    const owner = await createUser(stack.db, org, { firstName: 'Owner', level: 6 });
    const [{ id: skill }] = await stack.db.query(`INSERT INTO skill (organization_id, name, normalized_name) VALUES ($1, 'Kotlin', $2) RETURNING id`, [
      org,
      `kotlin-${randomUUID().slice(0, 6)}`,
    ]);
    const audience = await bulkEmployees(stack.db, org, RECIPIENTS, { openToProjects: true, tokens: false });
    await stack.db.query(
      `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency) SELECT e, $2, $3, 3 FROM unnest($1::uuid[]) e`,
      [audience.map((a) => a.id), skill, org],
    );
    const input = { title: 'Payments revamp', goal: 'Rebuild the payment reconciliation tooling', hoursPerWeek: 3, durationWeeks: 8, seats: 3, startDate: '2099-03-02', neededSkills: [{ skillId: skill, minProficiency: 3 }] };
    const projectId = ok(await gqlAt(api.url, `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, { input }, owner.token)).createProject.id;
    const count = async () =>
      (await stack.db.query(`SELECT count(*)::int AS n FROM notification WHERE source_id = $1 AND type = 'PROJECT_ANNOUNCED'`, [projectId]))[0].n as number;

    const t0 = Date.now();
    ok(await gqlAt(api.url, `mutation($id: ID!) { publishProject(id: $id) { id } }`, { id: projectId }, owner.token));
    const atKill = await killWorkerWhen(async () => {
      const n = await count();
      return n > 0 && n < RECIPIENTS ? n : null;
    });
    const killedAt = Date.now();
    await sleep(200);
    const afterKill = await count();
    worker = await startServer('worker', env, { name: 'worker#2' });
    const [event] = await stack.db.query(`SELECT id FROM outbox_event WHERE type = 'ProjectAnnounced' AND payload->>'projectId' = $1`, [projectId]);
    const announcements = queue(QUEUES.announcements);
    const job = await eventually(async () => {
      const j = await announcements.getJob(event.id);
      return j?.finishedOn ? j : null;
    }, 90000, 'the announcement job to complete after the restart');
    const doneAt = Date.now();

    const [totals] = await stack.db.query(
      `SELECT count(*)::int AS notifications, count(DISTINCT recipient_id)::int AS recipients,
              (SELECT announced_count FROM project WHERE id = $1) AS announced_count,
              (SELECT announced_at IS NOT NULL FROM project WHERE id = $1) AS announced
         FROM notification WHERE source_id = $1 AND type = 'PROJECT_ANNOUNCED'`,
      [projectId],
    );
    expect(totals).toEqual({ notifications: RECIPIENTS, recipients: RECIPIENTS, announced_count: RECIPIENTS, announced: true });
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toMatchObject({ matched: RECIPIENTS });
    // The second run resumed where the first stopped: what it inserted is what was missing.
    expect(job.returnvalue.inserted).toBe(RECIPIENTS - afterKill);
    expect(afterKill).toBeGreaterThanOrEqual(atKill);
    const [{ failures }] = await stack.db.query(`SELECT count(*)::int AS failures FROM job_failure`);
    expect(failures).toBe(0);

    figure('worker kill, announcement: notifications when killed / just after / by the 2nd run', {
      atKill,
      afterKill,
      secondRun: job.returnvalue.inserted,
      attemptsStarted: job.attemptsStarted,
      stalledCounter: job.stalledCounter,
    });
    figure('worker kill, announcement: ms publish→kill, kill→completed', { publishToKill: killedAt - t0, killToCompleted: doneAt - killedAt });
  }, 180000);

  it('mentoring round: the matching run completes after a restart, no proposal lost or duplicated; the publication fan-out too', async () => {
    const seeded = await seedOrganization(stack.db, { slug: `faults-${randomUUID().slice(0, 8)}`, employees: 6000, seed: 7 });
    const org = seeded.organizationId;
    const hr: TestUser = await createUser(stack.db, org, { firstName: 'Hana', roles: [Role.EMPLOYEE, Role.HR_ADMIN], level: 6 });
    const deadline = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const roundId = ok(
      await gqlAt(api.url, `mutation($input: CreateMentoringRoundInput!) { createMentoringRound(input: $input) { id } }`, { input: { name: 'Fault round', deadline } }, hr.token),
    ).createMentoringRound.id;
    const round = async () =>
      (await stack.db.query(`SELECT status, run_id, progress_phase, matched_count, mentee_count, mentor_count, phase_timings FROM mentoring_round WHERE id = $1`, [roundId]))[0];

    // 1. Kill during the matching run, while the engine solves (the round says 'matching') or the proposals are stored.
    const t0 = Date.now();
    ok(await gqlAt(api.url, `mutation($id: ID!) { launchMatchingRound(id: $id) { id } }`, { id: roundId }, hr.token));
    const atKill = await killWorkerWhen(async () => {
      const r = await round();
      if (r.status !== 'MATCHING') throw new Error(`the round is ${r.status} before the worker could be killed while matching`);
      return ['matching', 'storing'].includes(r.progress_phase) ? r : null;
    });
    const killedAt = Date.now();
    const [{ n: proposalsAtKill }] = await stack.db.query(`SELECT count(*)::int AS n FROM mentoring_proposal WHERE round_id = $1`, [roundId]);
    worker = await startServer('worker', env, { name: 'worker#3' });
    const matched = await eventually(async () => {
      const r = await round();
      if (r.status === 'FAILED') throw new Error('the round failed');
      return r.status === 'REVIEW' ? r : null;
    }, 120000, 'the round to be matched after the restart');
    const reviewAt = Date.now();

    const [proposals] = await stack.db.query(
      `SELECT count(*)::int AS proposals, count(DISTINCT mentee_id)::int AS mentees, count(DISTINCT (mentee_id, mentor_id))::int AS pairs
         FROM mentoring_proposal WHERE round_id = $1`,
      [roundId],
    );
    expect(matched.matched_count).toBeGreaterThan(1000);
    expect(proposals).toEqual({ proposals: matched.matched_count, mentees: matched.matched_count, pairs: matched.matched_count });
    const overCapacity = await stack.db.query(
      `SELECT p.mentor_id FROM mentoring_proposal p
         LEFT JOIN mentor_profile mp ON mp.employee_id = p.mentor_id
        WHERE p.round_id = $1 GROUP BY p.mentor_id, mp.capacity HAVING count(*) > coalesce(mp.capacity, 2)`,
      [roundId],
    );
    expect(overCapacity).toEqual([]);
    const [{ n: hrTold }] = await stack.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND type = 'MENTORING_ROUND_MATCHED'`, [hr.id]);
    expect(hrTold).toBe(1);
    figure('worker kill, matching run: round at kill, proposals stored at kill', { phase: atKill.progress_phase, proposalsAtKill });
    figure('worker kill, matching run: ms launch→kill, kill→REVIEW', { launchToKill: killedAt - t0, killToReview: reviewAt - killedAt });
    figure('worker kill, matching run: result', { mentees: matched.mentee_count, mentors: matched.mentor_count, matched: matched.matched_count, phases: matched.phase_timings });

    // 2. Kill during the publication fan-out (both sides of every proposal are told, 1,000 proposals at a time).
    const told = async () =>
      (
        await stack.db.query(
          `SELECT count(*)::int AS n, count(DISTINCT (n.recipient_id, n.source_id))::int AS distinct_n FROM notification n
             JOIN mentoring_proposal p ON p.id = n.source_id WHERE p.round_id = $1 AND n.type = 'MENTORING_PROPOSAL'`,
          [roundId],
        )
      )[0] as { n: number; distinct_n: number };
    const t1 = Date.now();
    ok(await gqlAt(api.url, `mutation($id: ID!) { publishMentoringRound(id: $id) { id } }`, { id: roundId }, hr.token));
    const [{ published }] = await stack.db.query(`SELECT count(*)::int AS published FROM mentoring_proposal WHERE round_id = $1 AND status = 'PUBLISHED'`, [roundId]);
    const toldAtKill = await killWorkerWhen(async () => {
      const t = await told();
      return t.n > 0 && t.n < 2 * published ? t.n : null;
    });
    const killed2At = Date.now();
    worker = await startServer('worker', env, { name: 'worker#4' });
    await eventually(async () => (await told()).n === 2 * published, 90000, 'both sides of every proposal to be told');
    const toldAt = Date.now();
    await sleep(1500); // a late duplicate would show up now
    expect(await told()).toEqual({ n: 2 * published, distinct_n: 2 * published });
    const [{ failures }] = await stack.db.query(`SELECT count(*)::int AS failures FROM job_failure`);
    expect(failures).toBe(0);
    figure('worker kill, publication: published proposals, notifications at kill, ms publish→kill, kill→all told', {
      published,
      toldAtKill,
      publishToKill: killed2At - t1,
      killToAllTold: toldAt - killed2At,
    });
  }, 240000);
});
