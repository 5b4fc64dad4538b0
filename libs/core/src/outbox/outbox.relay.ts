import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InjectSystemDataSource } from '../database/database.module';
import { QueueName } from '../queue/queues';
import { EVENT_QUEUE, EventJobData, EventType } from './events';

/** Job defaults for every event: retried with backoff, kept long enough for jobId de-duplication. */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

interface PendingRow {
  id: string;
  organization_id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Publishes outbox rows to BullMQ with jobId = outbox id (a duplicate publish collapses).
 * Right after a commit for the rows that commit wrote, and periodically for anything left
 * behind (a crash, Redis down): `FOR UPDATE SKIP LOCKED` lets several API and worker
 * processes sweep side by side without publishing the same row twice at once.
 * A failed publish is retried with exponential backoff (capped by OUTBOX_MAX_BACKOFF_MS).
 * A named system task: it works across organizations, on the system connection (DATABASE_ADMIN_URL),
 * and only ever touches `outbox_event` (libs/core/README.md, Tenancy).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private sweeping = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    @InjectSystemDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.outbox.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Publishes these just-committed events now, without making the caller wait. */
  publishSoon(ids: string[]): void {
    if (this.stopped) return;
    this.track(this.publish('id = ANY($1)', [ids]).catch((e) => this.logger.warn(`Publish deferred to sweep: ${e}`)));
  }

  /** Publishes every due event; returns how many were published. Safe to run from many processes. */
  async sweep(): Promise<number> {
    if (this.sweeping || this.stopped) return 0;
    this.sweeping = true;
    const run = this.publish('available_at <= now()', [], 500);
    this.track(run);
    try {
      return await run;
    } catch (e) {
      this.logger.warn(`Outbox sweep failed: ${e}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
  }

  private publish(condition: string, params: unknown[], limit = 1000): Promise<number> {
    return this.db.transaction(async (em) => {
      const rows: PendingRow[] = await em.query(
        `SELECT id, organization_id, type, payload, created_at FROM outbox_event
          WHERE published_at IS NULL AND ${condition}
          ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        params,
      );
      if (!rows.length) return 0;
      const byQueue = new Map<QueueName | undefined, PendingRow[]>();
      for (const row of rows) {
        const q = EVENT_QUEUE[row.type as EventType];
        byQueue.set(q, [...(byQueue.get(q) ?? []), row]);
      }
      let published = 0;
      for (const [queueName, group] of byQueue) {
        try {
          if (!queueName) throw new Error(`No queue handles event type ${group[0].type}`);
          await this.addJobs(queueName, group);
          await em.query('UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)', [group.map((r) => r.id)]);
          published += group.length;
        } catch (e) {
          await this.deferred(em, group, e);
        }
      }
      return published;
    });
  }

  private async addJobs(queueName: QueueName, rows: PendingRow[]): Promise<void> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
    const jobs = rows.map((r) => ({
      name: r.type,
      data: {
        eventId: r.id,
        organizationId: r.organization_id,
        type: r.type,
        payload: r.payload,
        occurredAt: new Date(r.created_at).toISOString(),
      } as EventJobData,
      opts: { ...EVENT_JOB_OPTIONS, jobId: r.id },
    }));
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error('Redis did not answer in time')), this.config.outbox.publishTimeoutMs);
    });
    try {
      await Promise.race([queue.addBulk(jobs), timedOut]);
    } finally {
      clearTimeout(timeout);
    }
  }

  private async deferred(em: EntityManager, rows: PendingRow[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Could not publish ${rows.length} event(s), will retry: ${message}`);
    await em.query(
      `UPDATE outbox_event
          SET attempts = attempts + 1, last_error = $2,
              available_at = now() + least($3::int, 200 * power(2, least(attempts, 20))::int) * interval '1 millisecond'
        WHERE id = ANY($1)`,
      [rows.map((r) => r.id), message.slice(0, 1000), this.config.outbox.maxBackoffMs],
    );
  }
}
