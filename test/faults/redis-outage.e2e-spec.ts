import { RedisServer, startRedis } from '../../libs/devstack/src/services';
import { createOrganization, createUser, eventually, ServerProcess, startServer, stopAllServers, TestUser, ensureServerBuilt } from '@waypoint/testing';
import { bulkEmployees, createStack, Employee, figure, gqlAt, latency, pool, Stack, tempDir, Timed } from './fixtures';

const REQUEST = `mutation($input: RequestResearchMeetingInput!) {
  requestResearchMeeting(input: $input) { __typename ... on ResearchMeeting { id status } } }`;
const MUTATIONS = 1000;
const HOSTS = 20;

/**
 * Fault 1: Redis stops while 1,000 mutations that emit events run (real API and worker processes).
 * Each mutation (a research meeting request) writes an outbox event; its job writes one
 * notification keyed by the meeting. Redis stops after the first 100 mutations and returns
 * after the 800th.
 */
describe('faults: Redis stopped during 1,000 mutations', () => {
  const dir = tempDir('waypoint-faults-redis-');
  let redis: RedisServer;
  let stack: Stack;
  let api: ServerProcess;
  let hosts: TestUser[];
  let requesters: Employee[];

  // The processes run from dist/: built first when a server source changed (its own, longer, timeout).
  beforeAll(() => ensureServerBuilt(), 300000);

  beforeAll(async () => {
    // Production Redis keeps an append-only file (README): jobs queued before the stop survive it.
    redis = await startRedis({ dir: dir.path });
    stack = await createStack();
    const org = await createOrganization(stack.db);
    hosts = [];
    for (let i = 0; i < HOSTS; i++) hosts.push(await createUser(stack.db, org, { firstName: `Host${i}`, level: 8 }));
    requesters = await bulkEmployees(stack.db, org, MUTATIONS);
    const env = stack.env(redis.url);
    [api] = await Promise.all([startServer('api', env), startServer('worker', env)]);
  }, 180000);

  afterAll(async () => {
    await stopAllServers();
    await redis?.stop();
    await stack?.close();
    dir.remove();
  }, 60000);

  it('keeps answering while Redis is down, then delivers every event exactly once in effect', async () => {
    const results: (Timed & { phase: string })[] = [];
    let phase = 'before';
    let health503 = false;
    let stoppedAt = 0;
    let restartedAt = 0;
    const t0 = Date.now();
    await pool(MUTATIONS, 8, async (i) => {
      if (i === 100 && phase === 'before') {
        phase = 'stopping';
        await redis.stop();
        stoppedAt = Date.now();
        phase = 'down';
        health503 = (await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(5000) })).status === 503;
      }
      if (i === 800 && phase === 'down') {
        phase = 'restarting';
        await redis.restart();
        restartedAt = Date.now();
        phase = 'after';
      }
      const r = await gqlAt(api.url, REQUEST, { input: { inviteeId: hosts[i % HOSTS].id, purpose: `Fault test ${i}` } }, requesters[i].token);
      results.push({ ...r, phase });
    });
    const mutationsMs = Date.now() - t0;

    const failed = results.filter((r) => r.status !== 200 || r.errors || r.data?.requestResearchMeeting?.__typename !== 'ResearchMeeting');
    expect(failed.slice(0, 3)).toEqual([]);
    expect(health503).toBe(true);
    const down = results.filter((r) => r.phase === 'down');
    expect(down.length).toBeGreaterThanOrEqual(600);

    // Every event reaches the worker once Redis is back: one notification per meeting, none twice.
    const delivered = async () => {
      const [row] = await stack.db.query(
        `SELECT (SELECT count(*)::int FROM research_meeting) AS meetings,
                (SELECT count(*)::int FROM notification n JOIN research_meeting m ON m.id = n.source_id) AS notifications,
                (SELECT count(*)::int FROM outbox_event WHERE published_at IS NULL) AS pending`,
      );
      return row.meetings === MUTATIONS && row.notifications === MUTATIONS && row.pending === 0 ? row : null;
    };
    await eventually(delivered, 90000, 'every event to be delivered after Redis returned');
    const recoveredMs = Date.now() - restartedAt;

    const perMeeting: { n: number; meetings: number }[] = await stack.db.query(
      `SELECT c.n, count(*)::int AS meetings FROM (
         SELECT m.id, count(n.id)::int AS n FROM research_meeting m LEFT JOIN notification n ON n.source_id = m.id GROUP BY m.id) c
       GROUP BY c.n`,
    );
    expect(perMeeting).toEqual([{ n: 1, meetings: MUTATIONS }]);
    const [outbox] = await stack.db.query(
      `SELECT count(*)::int AS events, count(*) FILTER (WHERE attempts > 0)::int AS retried, max(attempts)::int AS max_attempts
         FROM outbox_event WHERE type = 'ResearchMeetingRequested'`,
    );
    expect(outbox.events).toBe(MUTATIONS);
    expect(outbox.retried).toBeGreaterThan(0);
    const [{ failures }] = await stack.db.query(`SELECT count(*)::int AS failures FROM job_failure`);
    expect(failures).toBe(0);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);

    figure('redis outage: mutations', { total: MUTATIONS, ms: mutationsMs, failed: failed.length, duringOutage: down.length });
    figure('redis outage: latency before / during / after (ms)', {
      before: latency(results.filter((r) => r.phase === 'before').map((r) => r.ms)),
      during: latency(down.map((r) => r.ms)),
      after: latency(results.filter((r) => r.phase === 'after').map((r) => r.ms)),
    });
    figure('redis outage: Redis down for (ms)', restartedAt - stoppedAt);
    figure('redis outage: outbox', outbox);
    figure('redis outage: all events delivered after Redis returned (ms)', recoveredMs);
  }, 240000);
});
