import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { EventJobData, EventType } from './events';

export type EventHandlers = { [K in EventType]?: (data: EventJobData<K>, job: Job<EventJobData<K>>) => Promise<unknown> };
/** Periodic jobs (expiry, reminders, escalations): job name -> handler, and how often it runs. */
export type ScheduledJobs = Record<string, { everyMs: number; run: (job: Job) => Promise<unknown> }>;

/**
 * Base of every worker processor: dispatches a job to the handler of its event type and, when
 * a job fails its last attempt, leaves a visible `job_failure` row. Handlers must be idempotent:
 * delivery is at least once.
 */
export abstract class EventProcessor extends WorkerHost implements OnModuleInit {
  protected readonly logger = new Logger(this.constructor.name);
  protected abstract readonly handlers: EventHandlers;
  protected readonly scheduled: ScheduledJobs = {};
  @InjectDataSource() protected readonly db: DataSource;
  @Inject(APP_CONFIG) protected readonly config: AppConfig;

  async onModuleInit(): Promise<void> {
    this.worker.concurrency = this.config.workerConcurrency;
    if (!Object.keys(this.scheduled).length) return;
    const queue = new Queue(this.worker.name, { connection: this.worker.opts.connection, prefix: this.worker.opts.prefix });
    try {
      for (const [name, { everyMs }] of Object.entries(this.scheduled)) {
        await queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });
      }
    } finally {
      await queue.close();
    }
  }

  async process(job: Job<EventJobData>): Promise<unknown> {
    // Ids only: job data is never logged (it may carry what a user wrote).
    this.logger.debug({ msg: 'job', queue: job.queueName, name: job.name, id: job.id, attempt: job.attemptsMade + 1 });
    const periodic = this.scheduled[job.name];
    if (periodic) return periodic.run.call(this, job);
    const handler = this.handlers[job.name as EventType] as ((d: EventJobData, j: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`No handler for ${job.name} on ${job.queueName}`);
    return handler.call(this, job.data, job);
  }

  @OnWorkerEvent('failed')
  async recordFinalFailure(job: Job<EventJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`Job ${job.queueName}/${job.name}/${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (!final) return;
    await this.db.query(
      `INSERT INTO job_failure (organization_id, queue, job_name, job_id, event_id, payload, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (queue, job_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [
        job.data?.organizationId ?? null,
        job.queueName,
        job.name,
        String(job.id),
        job.data?.eventId ?? null,
        JSON.stringify(job.data ?? {}),
        error.message.slice(0, 2000),
        job.attemptsMade,
      ],
    );
  }
}
