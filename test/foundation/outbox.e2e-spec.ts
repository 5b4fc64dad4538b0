import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QUEUES } from '@waypoint/core';
import { startRedis, RedisServer } from '../../libs/devstack/src/services';
import { createSession, eventually, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

const UPDATE = 'mutation($t: String!) { updateMyProfile(input: { bio: $t }) { id } }';

/** The transactional outbox against a Redis of its own, which the test stops and starts. */
describe('durable events', () => {
  let redis: RedisServer;
  let p: TestPlatform;
  let s: Session;

  beforeAll(async () => {
    redis = await startRedis();
    p = await startTestPlatform({ redisUrl: redis.url });
    s = await createSession(p.db);
  });
  afterAll(async () => {
    await p?.close();
    await redis?.stop();
  });

  const refreshedBy = async (eventId: string) =>
    (await p.db.query('SELECT 1 FROM employee_search_document WHERE source_event_id = $1', [eventId])).length === 1;
  const lastEvent = async (employeeId: string) =>
    (await p.db.query(`SELECT id, published_at, attempts, last_error FROM outbox_event WHERE payload->>'employeeId' = $1 ORDER BY created_at DESC LIMIT 1`, [employeeId]))[0];

  it('writes the event with the change and delivers it to the worker', async () => {
    expect((await p.gql(UPDATE, { t: 'first' }, s.employee.token)).errors).toBeUndefined();
    const event = await lastEvent(s.employee.id);
    await eventually(() => refreshedBy(event.id), 10000, 'the worker to process the event');
    expect((await lastEvent(s.employee.id)).published_at).not.toBeNull();
  });

  it('keeps answering while Redis is down, and delivers every event once it is back', async () => {
    await redis.stop();
    const writers = [s.employee, s.peer, s.manager, s.director, s.hr];
    for (const [i, who] of writers.entries()) {
      const r = await p.gql(UPDATE, { t: `while redis is down ${i}` }, who.token);
      expect(r.errors).toBeUndefined();
    }
    // The relay tried, failed, and scheduled a retry; nothing was lost.
    const pending = await eventually(async () => {
      const rows = await p.db.query(`SELECT id, attempts, last_error FROM outbox_event WHERE published_at IS NULL`);
      return rows.length === writers.length && rows.every((r: { attempts: number }) => r.attempts > 0) ? rows : null;
    }, 10000, 'the relay to record failed publish attempts');
    expect(pending[0].last_error).toBeTruthy();
    expect((await p.http('/health')).status).toBe(503);

    await redis.restart();
    await eventually(async () => {
      const done = await Promise.all(pending.map((e: { id: string }) => refreshedBy(e.id)));
      return done.every(Boolean);
    }, 20000, 'every event to be processed after Redis returns');
    const [{ n }] = await p.db.query('SELECT count(*)::int n FROM outbox_event WHERE published_at IS NULL');
    expect(n).toBe(0);
    expect((await p.http('/health')).status).toBe(200);
  });

  it('publishes events a crash left behind (the sweep)', async () => {
    // As if the process died between commit and publish: a committed, unpublished row.
    const [{ id }] = await p.db.query(
      `INSERT INTO outbox_event (organization_id, type, payload) VALUES ($1, 'EmployeeSkillsChanged', $2) RETURNING id`,
      [s.organizationId, JSON.stringify({ employeeId: s.peer.id })],
    );
    await eventually(() => refreshedBy(id), 10000, 'the sweep to publish the orphaned event');
  });

  it('collapses a duplicate publish: one job per outbox id', async () => {
    const event = await lastEvent(s.employee.id);
    const queue = p.api.get<Queue>(getQueueToken(QUEUES.people));
    const original = await queue.getJob(event.id);
    expect(original?.finishedOn).toBeDefined();
    await queue.add('EmployeeProfileUpdated', { eventId: event.id, duplicate: true }, { jobId: event.id });
    await new Promise((r) => setTimeout(r, 500));
    const after = await queue.getJob(event.id);
    expect(after?.finishedOn).toBe(original?.finishedOn);
    expect(after?.data).toEqual(original?.data);
    expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
  });

  it('leaves a visible record when a job fails for good', async () => {
    const queue = p.api.get<Queue>(getQueueToken(QUEUES.people));
    await queue.add('NoSuchEvent', { organizationId: s.organizationId, eventId: null }, { jobId: 'bogus-1', attempts: 1 });
    const [row] = await eventually(
      async () => {
        const rows = await p.db.query(`SELECT * FROM job_failure WHERE job_id = 'bogus-1'`);
        return rows.length ? rows : null;
      },
      10000,
      'a job_failure row',
    );
    expect(row).toMatchObject({ queue: 'people', job_name: 'NoSuchEvent', organization_id: s.organizationId });
    expect(row.error).toMatch(/No handler/);
  });
});
