import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { TenantContext } from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { createSession, createUser, eventually, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertRaw, secondApi, sleep, subscribe, Subscriber, waitForListeners } from './live-client';

const REQUEST = `mutation($input: RequestResearchMeetingInput!) { requestResearchMeeting(input: $input) { __typename ... on ResearchMeeting { id } } }`;

/**
 * Live notifications over graphql-ws, through Redis pub/sub: a subscriber connected to one API
 * instance receives what was created through another instance or by the worker, whichever way
 * the row was inserted; never anything of another employee or organization.
 */
describe('live notifications', () => {
  let p: TestPlatform;
  let s: Session;
  let b: { app: INestApplication; url: string };
  const open: Subscriber[] = [];
  const sub = (url: string, user: TestUser, token?: string | null) => {
    const x = subscribe(url, user, token === undefined ? user.token : token);
    open.push(x);
    return x;
  };

  beforeAll(async () => {
    p = await startTestPlatform({
      env: { MAIL_DIR: mkdtempSync(join(tmpdir(), 'waypoint-mail-')), NOTIFICATION_SWEEP_INTERVAL_MS: '200' },
    });
    s = await createSession(p.db);
    b = await secondApi(p);
  });
  afterAll(async () => {
    await Promise.all(open.map((x) => x.close()));
    await b?.app.close();
    await p?.close();
  });

  it('delivers to a subscriber on instance B what a mutation on instance A caused (via the worker)', async () => {
    const onB = sub(b.url, s.employee);
    await waitForListeners(p, s.employee);
    const r = await p.gql(REQUEST, { input: { inviteeId: s.employee.id, purpose: 'How did you learn Rust?' } }, s.peer.token);
    const meetingId = r.data.requestResearchMeeting.id;
    const [n] = await onB.waitFor(1);
    expect(n).toMatchObject({ type: 'MEETING_REQUESTED', sourceId: meetingId, body: 'How did you learn Rust?', readAt: null });
    expect(n.title).toContain('asks you for a research meeting');
    expect(new Date(n.createdAt).toISOString()).toBe(n.createdAt);
    // The same row is in the notification centre, with the same id.
    const list = await p.gql('{ myNotifications { edges { node { id } } } }', {}, s.employee.token);
    expect(list.data.myNotifications.edges.map((e: any) => e.node.id)).toContain(n.id);
    expect(onB.errors).toEqual([]);
  });

  it('delivers to every open subscription of the employee, on any instance', async () => {
    const onA = sub(p.url, s.manager);
    const onB = sub(b.url, s.manager);
    await waitForListeners(p, s.manager, 2);
    const sourceId = randomUUID();
    await TenantContext.run(s.organizationId, () => p.api.get(NotificationService).notifyMany({ organizationId: s.organizationId }, [
      { recipientId: s.manager.id, type: 'PROJECT_ANNOUNCED', sourceId, title: 'New project: Atlas' },
    ]));
    const [x] = await onA.waitFor(1);
    const [y] = await onB.waitFor(1);
    expect(x.id).toBe(y.id);
    expect(x.title).toBe('New project: Atlas');
  });

  it('makes rows other modules insert with SQL live through publishNew, once', async () => {
    await p.stopWorker(); // no sweep: only publishNew can deliver
    try {
      const onB = sub(b.url, s.director);
      await waitForListeners(p, s.director);
      const sourceId = randomUUID();
      await insertRaw(p, s.organizationId, [s.director.id], 'OPENING_RECOMMENDED', sourceId, 'An opening for you');
      await sleep(600);
      expect(onB.received).toEqual([]);
      const service = p.api.get(NotificationService);
      expect(await TenantContext.run(s.organizationId, () => service.publishNew({ organizationId: s.organizationId }, { type: 'OPENING_RECOMMENDED', sourceId }))).toEqual({ claimed: 1, pushed: 1 });
      const [n] = await onB.waitFor(1);
      expect(n).toMatchObject({ type: 'OPENING_RECOMMENDED', sourceId, title: 'An opening for you', data: { via: 'raw sql' } });
      expect(await TenantContext.run(s.organizationId, () => service.publishNew({ organizationId: s.organizationId }, { type: 'OPENING_RECOMMENDED', sourceId }))).toEqual({ claimed: 0, pushed: 0 });
      // ... and publishing them under another organization finds nothing.
      await insertRaw(p, s.organizationId, [s.director.id], 'OPENING_RECOMMENDED', randomUUID(), 'Another opening');
      const [row] = await p.db.query(`SELECT id FROM notification WHERE recipient_id = $1 AND title = 'Another opening'`, [s.director.id]);
      expect(await TenantContext.run(s.outsiderOrganizationId, () => service.publishNew({ organizationId: s.outsiderOrganizationId }, { ids: [row.id] }))).toEqual({ claimed: 0, pushed: 0 });
      await sleep(300);
      expect(onB.received).toHaveLength(1);
    } finally {
      await p.startWorker();
    }
  });

  it('delivers rows nobody published through the worker sweep', async () => {
    const onA = sub(p.url, s.hr);
    await waitForListeners(p, s.hr);
    const sourceId = randomUUID();
    await insertRaw(p, s.organizationId, [s.hr.id], 'COMMITTEE_SEAT_OPEN', sourceId, 'A seat opened');
    const [n] = await onA.waitFor(1, 5000);
    expect(n).toMatchObject({ type: 'COMMITTEE_SEAT_OPEN', sourceId });
    await sleep(500);
    expect(onA.received).toHaveLength(1); // the sweep pushes a row once
  });

  it('never delivers outside the recipient and their organization', async () => {
    const outsiderA = sub(p.url, s.outsider);
    const outsiderB = sub(b.url, s.outsider);
    const peer = sub(b.url, s.peer);
    await waitForListeners(p, s.outsider, 2);
    await waitForListeners(p, s.peer);
    const service = p.api.get(NotificationService);
    // Organization A notifies everyone it can: only its own employees get rows, the outsider is skipped.
    await TenantContext.run(s.organizationId, () => service.notifyMany({ organizationId: s.organizationId }, [
      { recipientId: s.outsider.id, type: 'PROJECT_ANNOUNCED', sourceId: randomUUID(), title: 'Not for you' },
      { recipientId: s.employee.id, type: 'PROJECT_ANNOUNCED', sourceId: randomUUID(), title: 'For Eli' },
    ]));
    // A buggy module inserts a row of organization A for the outsider, and one of the outsider's
    // organization for the peer: the sweep does not push either.
    await insertRaw(p, s.organizationId, [s.outsider.id], 'BROKEN_ROW', randomUUID(), 'Cross-tenant row 1');
    await insertRaw(p, s.outsiderOrganizationId, [s.peer.id], 'BROKEN_ROW', randomUUID(), 'Cross-tenant row 2');
    // A subscription filters on its own caller too: a message forged straight into Redis for the
    // outsider's channel but naming another recipient is dropped.
    const { LivePublisher } = await import('../../libs/notifications/src/live/live-publisher');
    await p.api.get(LivePublisher).client.publish(
      `${p.queuePrefix}:live:${s.outsiderOrganizationId}:${s.outsider.id}`,
      JSON.stringify({ id: randomUUID(), organizationId: s.organizationId, recipientId: s.peer.id, type: 'FORGED', sourceId: randomUUID(), title: 'Forged', body: '', data: {}, readAt: null, createdAt: new Date() }),
    );
    await sleep(800); // two sweeps
    // Then something legitimate for each, which must be the only thing they ever received.
    await TenantContext.run(s.outsiderOrganizationId, () => service.notifyMany({ organizationId: s.outsiderOrganizationId }, [
      { recipientId: s.outsider.id, type: 'PROJECT_ANNOUNCED', sourceId: randomUUID(), title: 'Yours' },
    ]));
    await TenantContext.run(s.organizationId, () => service.notifyMany({ organizationId: s.organizationId }, [
      { recipientId: s.peer.id, type: 'PROJECT_ANNOUNCED', sourceId: randomUUID(), title: 'Yours too' },
    ]));
    for (const x of [outsiderA, outsiderB]) expect((await x.waitFor(1)).map((n) => n.title)).toEqual(['Yours']);
    expect((await peer.waitFor(1)).map((n) => n.title)).toEqual(['Yours too']);
    await sleep(300);
    expect(outsiderA.received).toHaveLength(1);
    expect(outsiderB.received).toHaveLength(1);
    expect(peer.received).toHaveLength(1);
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND organization_id = $2`, [
      s.outsider.id,
      s.outsiderOrganizationId,
    ]);
    expect(n).toBe(1);
  });

  it('loses nothing when Redis fails while publishing: the rows wait and the worker sweep delivers them', async () => {
    const carol = await createUser(p.db, s.organizationId, { firstName: 'Carol' });
    const onB = sub(b.url, carol);
    await waitForListeners(p, carol);
    const { LivePublisher } = await import('../../libs/notifications/src/live/live-publisher');
    const apiPublisher = p.api.get(LivePublisher).client;
    await p.stopWorker(); // no sweep while Redis is "down" for instance A
    apiPublisher.disconnect(); // instance A cannot reach Redis; instance B still can
    try {
      await expect(apiPublisher.publish('probe', 'x')).rejects.toThrow();
      const service = p.api.get(NotificationService);
      const sourceId = randomUUID();
      const scope = { organizationId: s.organizationId };
      // notifyMany still stores the row (unclaimed) and does not fail its caller.
      expect(await TenantContext.run(scope.organizationId, () => service.notifyMany(scope, [{ recipientId: carol.id, type: 'PROJECT_ANNOUNCED', sourceId, title: 'Through the sweep' }]))).toBe(1);
      // publishNew reports the failure to its caller and leaves the row for the sweep.
      await insertRaw(p, s.organizationId, [carol.id], 'OPENING_RECOMMENDED', sourceId, 'Also through the sweep');
      await expect(TenantContext.run(scope.organizationId, () => service.publishNew(scope, { type: 'OPENING_RECOMMENDED', sourceId }))).rejects.toThrow();
      const pending = await p.db.query(`SELECT type FROM notification WHERE source_id = $1 AND dispatched_at IS NULL ORDER BY type`, [sourceId]);
      expect(pending.map((r: { type: string }) => r.type)).toEqual(['OPENING_RECOMMENDED', 'PROJECT_ANNOUNCED']);
      expect(onB.received).toEqual([]);
    } finally {
      await apiPublisher.connect();
      await p.startWorker();
    }
    const got = await onB.waitFor(2, 5000);
    expect(got.map((n) => n.title).sort()).toEqual(['Also through the sweep', 'Through the sweep']);
  });

  it('refuses a connection without a valid token of an active employee', async () => {
    const gone = await createUser(p.db, s.organizationId, { firstName: 'Gone' });
    await p.db.query('UPDATE employee SET active = false WHERE id = $1', [gone.id]);
    const attempts = [sub(p.url, s.employee, null), sub(b.url, s.employee, 'not-a-jwt'), sub(p.url, gone)];
    for (const x of attempts) {
      await eventually(async () => x.closed.length > 0, 5000, 'the socket to close');
      expect(x.closed[0].code).toBe(4403);
      expect(x.received).toEqual([]);
    }
  });
});
