/**
 * The producer side of bench/notifications/run.ts, in a process of its own (as the worker is in
 * production): boots the compiled worker's Nest context and, on request over IPC, sends rounds
 * of one notification per recipient through one of three paths. Not meant to be run by hand.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';

type WorkerBootstrap = typeof import('../../apps/worker/src/bootstrap');
type NotificationsModule = typeof import('../../libs/notifications/src');
type LivePublisherModule = typeof import('../../libs/notifications/src/live/live-publisher');

export type ProducerPath = 'raw' | 'publish' | 'notify';
export interface ProducerRequest {
  path: ProducerPath;
  rounds: number;
  organizationId: string;
  recipientIds: string[];
  rawChannels: string[];
}
export type ProducerMessage =
  | { kind: 'ready' }
  | { kind: 'sent'; sourceId: string; at: number }
  | { kind: 'done'; sendSeconds: number }
  | { kind: 'failed'; error: string };

const ROOT = resolve(__dirname, '../..');
const wallClock = () => performance.timeOrigin + performance.now();
const send = (m: ProducerMessage) => process.send!(m);

async function main(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createWorker } = require(join(ROOT, 'dist/apps/worker/src/bootstrap.js')) as WorkerBootstrap;
  const { NotificationService } = require(join(ROOT, 'dist/libs/notifications/src/index.js')) as NotificationsModule;
  const { LivePublisher } = require(join(ROOT, 'dist/libs/notifications/src/live/live-publisher.js')) as LivePublisherModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const worker = await createWorker();
  const service = worker.get(NotificationService, { strict: false });
  const publisher = worker.get(LivePublisher, { strict: false });
  const raw = new Redis(process.env.REDIS_URL!);

  const content = (sourceId: string) => ({
    type: 'BENCH_NOTICE',
    sourceId,
    title: 'A project that matches your skills was announced',
    body: 'Atlas needs 4 hours a week of TypeScript and PostgreSQL for 12 weeks.',
    data: { projectId: sourceId, score: 0.87 },
  });
  const live = (organizationId: string, recipientId: string, sourceId: string) => ({
    id: randomUUID(),
    organizationId,
    recipientId,
    ...content(sourceId),
    readAt: null,
    createdAt: new Date(),
  });

  process.on('message', async (req: ProducerRequest | 'stop') => {
    if (req === 'stop') {
      raw.disconnect();
      await worker.close();
      process.exit(0);
    }
    try {
      let sending = 0;
      for (let r = 0; r < req.rounds; r++) {
        const sourceId = randomUUID();
        const t0 = wallClock();
        send({ kind: 'sent', sourceId, at: t0 });
        if (req.path === 'raw') {
          const pipeline = raw.pipeline();
          req.recipientIds.forEach((id, i) => pipeline.publish(req.rawChannels[i], JSON.stringify(live(req.organizationId, id, sourceId))));
          await pipeline.exec();
        } else if (req.path === 'publish') {
          await publisher.publish(req.recipientIds.map((id) => live(req.organizationId, id, sourceId)));
        } else {
          await service.notifyMany(
            { organizationId: req.organizationId },
            req.recipientIds.map((recipientId) => ({ recipientId, ...content(sourceId) })),
          );
        }
        sending += wallClock() - t0;
      }
      send({ kind: 'done', sendSeconds: sending / 1000 });
    } catch (e) {
      send({ kind: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  });
  send({ kind: 'ready' });
}

main().catch((e) => {
  process.stderr.write(`producer failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
