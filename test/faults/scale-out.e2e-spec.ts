import { Queue } from 'bullmq';
import { ALL_QUEUES, redisOptions } from '@waypoint/core';
import { createOrganization, createUser, eventually, ServerProcess, startServer, stopAllServers, TestPlatform, TestUser, ensureServerBuilt } from '@waypoint/testing';
import { subscribe, Subscriber, waitForListeners } from '../notifications/live-client';
import { bulkEmployees, createStack, Employee, figure, gqlAt, pool, Stack } from './fixtures';

const REQUEST = `mutation($input: RequestResearchMeetingInput!) {
  requestResearchMeeting(input: $input) { __typename ... on ResearchMeeting { id } } }`;
const HOSTS = 10;
const REQUESTS = 200;

/**
 * Fault 4 (scale-out): two API and two worker processes on the same PostgreSQL, Redis and queue
 * prefix. Jobs are shared between the workers and processed once in effect; a live subscription
 * on either API receives what an action on the other caused.
 */
describe('faults: two APIs and two workers side by side', () => {
  let stack: Stack;
  let apis: ServerProcess[];
  let hosts: TestUser[];
  let requesters: Employee[];
  const subscribers: Subscriber[] = [];
  const queues: Queue[] = [];

  // The processes run from dist/: built first when a server source changed (its own, longer, timeout).
  beforeAll(() => ensureServerBuilt(), 300000);

  beforeAll(async () => {
    stack = await createStack();
    const org = await createOrganization(stack.db);
    hosts = [];
    for (let i = 0; i < HOSTS; i++) hosts.push(await createUser(stack.db, org, { firstName: `Host${i}`, level: 8 }));
    requesters = await bulkEmployees(stack.db, org, REQUESTS);
    const env = stack.env(process.env.TEST_REDIS_URL!, { WORKER_CONCURRENCY: '2' });
    // Two at a time: four Node processes booting at once on a small CI machine take long.
    apis = await Promise.all([startServer('api', env, { name: 'api#1' }), startServer('api', env, { name: 'api#2' })]);
    await Promise.all([startServer('worker', env, { name: 'worker#1' }), startServer('worker', env, { name: 'worker#2' })]);
  }, 180000);

  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.close()));
    await Promise.all(queues.map((q) => q.close()));
    await stopAllServers();
    await stack?.close();
  }, 60000);

  it('shares the jobs between the workers, each processed once in effect, and delivers live notifications across instances', async () => {
    // Hosts 0-4 listen on API #1, hosts 5-9 on API #2; every request goes through the other API.
    const listensOn = (h: number) => (h < HOSTS / 2 ? 0 : 1);
    for (let h = 0; h < HOSTS; h++) subscribers.push(subscribe(apis[listensOn(h)].url, hosts[h]));
    const redisView = { redisUrl: process.env.TEST_REDIS_URL!, queuePrefix: stack.queuePrefix } as TestPlatform;
    for (const h of hosts) await waitForListeners(redisView, h);

    const t0 = Date.now();
    const meetings: { id: string; host: number; via: number }[] = [];
    await pool(REQUESTS, 8, async (i) => {
      const host = i % HOSTS;
      const via = 1 - listensOn(host);
      const r = await gqlAt(apis[via].url, REQUEST, { input: { inviteeId: hosts[host].id, purpose: `Scale-out ${i}` } }, requesters[i].token);
      expect(r.errors).toBeUndefined();
      meetings.push({ id: r.data.requestResearchMeeting.id, host, via });
    });

    // Every host receives, live, one notification per request made to them, and nothing else.
    const perHost = REQUESTS / HOSTS;
    await Promise.all(subscribers.map((s) => s.waitFor(perHost, 60000)));
    const deliveredMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 1000)); // a duplicate push would arrive now
    for (let h = 0; h < HOSTS; h++) {
      const got = subscribers[h].received;
      expect(subscribers[h].errors).toEqual([]);
      expect(new Set(got.map((n) => n.id)).size).toBe(got.length);
      expect(got.map((n) => n.sourceId).sort()).toEqual(meetings.filter((m) => m.host === h).map((m) => m.id).sort());
    }

    // In the database: one notification per event, every event published, no failure.
    const [row] = await stack.db.query(
      `SELECT (SELECT count(*)::int FROM notification n JOIN research_meeting m ON m.id = n.source_id) AS notifications,
              (SELECT count(DISTINCT n.source_id)::int FROM notification n JOIN research_meeting m ON m.id = n.source_id) AS meetings_told,
              (SELECT count(*)::int FROM outbox_event WHERE published_at IS NULL) AS pending,
              (SELECT count(*)::int FROM job_failure) AS failures`,
    );
    expect(row).toEqual({ notifications: REQUESTS, meetings_told: REQUESTS, pending: 0, failures: 0 });

    // Both workers consume every queue, and each event's job ran once (BullMQ counts starts per job).
    const counts: Record<string, number> = {};
    for (const name of ALL_QUEUES) {
      const q = new Queue(name, { connection: { ...redisOptions(process.env.TEST_REDIS_URL!), maxRetriesPerRequest: 1 }, prefix: stack.queuePrefix });
      queues.push(q);
      counts[name] = (await q.getWorkers()).length;
    }
    expect(Object.values(counts).every((n) => n >= 2)).toBe(true);
    const notificationsQueue = queues[ALL_QUEUES.indexOf('notifications')];
    const events: { id: string }[] = await stack.db.query(`SELECT id FROM outbox_event WHERE type = 'ResearchMeetingRequested'`);
    // (A job writes its notification, then BullMQ marks it completed: wait for the marks.)
    let states: Record<string, number> = {};
    const jobs = await eventually(async () => {
      const all = await Promise.all(events.map((e) => notificationsQueue.getJob(e.id)));
      states = {};
      for (const j of all) {
        const st = j ? await j.getState() : 'missing';
        states[st] = (states[st] ?? 0) + 1;
      }
      return all.every((j) => j?.finishedOn) ? all : null;
    }, 30000, 'every job to be marked completed').catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(states)}`);
    });
    const started = jobs.map((j) => j!.attemptsStarted);
    expect(Math.max(...started)).toBe(1);

    figure('scale-out: requests, ms until every live notification arrived', { requests: REQUESTS, deliveredMs });
    figure('scale-out: worker connections per queue', counts);
    figure('scale-out: live notifications per host (each on the other API)', subscribers.map((s) => s.received.length));
  }, 180000);
});
