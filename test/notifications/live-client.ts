import { INestApplication } from '@nestjs/common';
import { liveChannel } from '@waypoint/notifications';
import { eventually, TestPlatform, TestUser } from '@waypoint/testing';
import { Client, createClient } from 'graphql-ws';
import Redis from 'ioredis';
import WebSocket from 'ws';
import { createApi } from '../../apps/api/src/bootstrap';

export const NOTIFICATION_RECEIVED = `subscription { notificationReceived { id type sourceId title body data readAt createdAt } }`;

export interface LiveNotice {
  id: string;
  type: string;
  sourceId: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface Subscriber {
  user: TestUser;
  received: LiveNotice[];
  errors: unknown[];
  closed: { code?: number; reason?: string }[];
  /** Resolves when `count` notifications have arrived (or fails after the timeout). */
  waitFor(count: number, timeoutMs?: number): Promise<LiveNotice[]>;
  close(): Promise<void>;
}

/** A graphql-ws (v5) client over the `ws` package, subscribed to notificationReceived as `user`. */
export function subscribe(baseUrl: string, user: TestUser, token: string | null = user.token): Subscriber {
  const closed: { code?: number; reason?: string }[] = [];
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (e) => void closed.push({ code: (e as { code?: number }).code, reason: (e as { reason?: string }).reason }) },
    onNonLazyError: () => undefined,
  });
  const sub: Subscriber = {
    user,
    received: [],
    errors: [],
    closed,
    waitFor: (count, timeoutMs = 10000) =>
      eventually(async () => (sub.received.length >= count ? sub.received : null), timeoutMs, `${count} live notification(s) for ${user.email}`),
    close: async () => {
      await client.dispose();
    },
  };
  client.subscribe<{ notificationReceived: LiveNotice }>(
    { query: NOTIFICATION_RECEIVED },
    {
      next: (r) => {
        if (r.errors) sub.errors.push(...r.errors);
        if (r.data) sub.received.push(r.data.notificationReceived);
      },
      error: (e) => void sub.errors.push(e),
      complete: () => undefined,
    },
  );
  return sub;
}

/** Waits until `n` Redis subscriptions listen to the user's live channel (the subscription is really open). */
export async function waitForListeners(p: TestPlatform, user: TestUser, n = 1): Promise<void> {
  const redis = new Redis(p.redisUrl);
  try {
    const channel = liveChannel(p.queuePrefix, user.organizationId, user.id);
    await eventually(async () => {
      const [, count] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      return Number(count) >= n;
    }, 10000, `${n} listener(s) on ${channel}`);
  } finally {
    redis.disconnect();
  }
}

/**
 * A second API instance on the same database, Redis and queue prefix as the platform (the
 * environment `startTestPlatform` set is still in place). It runs in this process but shares
 * nothing in memory with the first: its own Nest application, HTTP server, Redis connections
 * and RedisPubSub, so a message can only reach it through Redis.
 */
export async function secondApi(p: TestPlatform): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, { DATABASE_URL: p.appDatabaseUrl, DATABASE_ADMIN_URL: p.databaseUrl, REDIS_URL: p.redisUrl, QUEUE_PREFIX: p.queuePrefix });
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Inserts a notification the way other modules do: set-based SQL, no call into this module. */
export async function insertRaw(
  p: TestPlatform,
  organizationId: string,
  recipientIds: string[],
  type: string,
  sourceId: string,
  title: string,
): Promise<void> {
  await p.db.query(
    `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
     SELECT $1, e.id, $3, $4, $5, '', jsonb_build_object('via', 'raw sql')
       FROM employee e WHERE e.id = ANY($2::uuid[])
     ON CONFLICT (recipient_id, type, source_id) DO NOTHING`,
    [organizationId, recipientIds, type, sourceId, title],
  );
}
