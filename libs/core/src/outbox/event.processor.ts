import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InjectSystemDataSource } from '../database/database.module';
import { TenantContext } from '../tenancy/tenant-context';
import { EventJobData, EventType } from './events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type EventHandlers = { [K in EventType]?: (data: EventJobData<K>, job: Job<EventJobData<K>>) => Promise<unknown> };
/** A periodic run is removed once it succeeded; failed runs are kept as long as failed events (by age, never by count). */
export const PERIODIC_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/**
 * Periodic jobs (expiry, reminders, escalations): job name -> handler, and how often it runs.
 * A run is one call per organization, each inside that organization's TenantContext (so its SQL,
 * even when written across organizations, only sees that organization's rows); the job's result
 * adds up the numbers the calls return.
 */
export type ScheduledJobs = Record<string, { everyMs: number; run: (job: Job) => Promise<unknown> }>;

/** Adds up what per-organization runs of a periodic job return: numbers are summed, objects field by field. */
export function combineResults(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = combineResults(out[k], v);
    return out;
  }
  return b;
}

/**
 * Base of every worker processor: dispatches a job to the handler of its event type and, when
 * a job fails its last attempt, leaves a visible `job_failure` row. Handlers must be idempotent:
 * delivery is at least once.
 *
 * Tenancy: an event job runs in the TenantContext of its `organizationId`; a periodic job runs
 * once per organization, each in its context. The system connection is used for two things only:
 * listing the organizations for a periodic run, and writing `job_failure` rows.
 */
export abstract class EventProcessor extends WorkerHost implements OnModuleInit {
  protected readonly logger = new Logger(this.constructor.name);
  protected abstract readonly handlers: EventHandlers;
  protected readonly scheduled: ScheduledJobs = {};
  @InjectDataSource() protected readonly db: DataSource;
  @InjectSystemDataSource() private readonly system: DataSource;
  @Inject(APP_CONFIG) protected readonly config: AppConfig;

  async onModuleInit(): Promise<void> {
    this.worker.concurrency = this.config.workerConcurrency;
    if (!Object.keys(this.scheduled).length) return;
    const queue = new Queue(this.worker.name, { connection: this.worker.opts.connection, prefix: this.worker.opts.prefix });
    try {
      for (const [name, { everyMs }] of Object.entries(this.scheduled)) {
        // Each periodic run removes only itself when done: a count (`removeOnComplete: 100`) trims the
        // queue's whole completed set, so every run threw away all but the last 100 event jobs and with
        // them the jobId de-duplication window of the outbox (EVENT_JOB_OPTIONS keeps 50,000 for 24 h).
        await queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {}, opts: PERIODIC_JOB_OPTIONS });
      }
    } finally {
      await queue.close();
    }
  }

  async process(job: Job<EventJobData>): Promise<unknown> {
    // Ids only: job data is never logged (it may carry what a user wrote).
    this.logger.debug({ msg: 'job', queue: job.queueName, name: job.name, id: job.id, attempt: job.attemptsMade + 1 });
    const periodic = this.scheduled[job.name];
    if (periodic) return this.forEachOrganization(job, periodic.run);
    const handler = this.handlers[job.name as EventType] as ((d: EventJobData, j: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`No handler for ${job.name} on ${job.queueName}`);
    const organizationId = job.data?.organizationId;
    if (typeof organizationId !== 'string' || !UUID.test(organizationId)) {
      throw new UnrecoverableError(`Job ${job.queueName}/${job.name}/${job.id} names no organization`);
    }
    return TenantContext.run(organizationId, () => handler.call(this, job.data, job));
  }

  /** A periodic job: the organizations are listed on the system connection, the work runs for each in its own context. */
  private async forEachOrganization(job: Job, run: (job: Job) => Promise<unknown>): Promise<unknown> {
    const orgs: { id: string }[] = await this.system.query('SELECT id FROM organization ORDER BY id');
    let result: unknown;
    const failures: string[] = [];
    let firstError: unknown;
    for (const { id } of orgs) {
      try {
        result = combineResults(result, await TenantContext.run(id, () => run.call(this, job)));
      } catch (e) {
        // One organization's failure does not hold up the others; the job still fails (and is retried).
        firstError ??= e;
        failures.push(id);
      }
    }
    if (firstError) {
      const message = firstError instanceof Error ? firstError.message : String(firstError);
      throw new Error(`${job.name} failed for ${failures.length} organization(s) (${failures.join(', ')}): ${message}`);
    }
    return result;
  }

  @OnWorkerEvent('failed')
  async recordFinalFailure(job: Job<EventJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`Job ${job.queueName}/${job.name}/${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (!final) return;
    // An event listener's rejected promise is nobody's: unhandled, it would stop the worker
    // (Node exits on an unhandled rejection), e.g. when the job failed because PostgreSQL is down.
    // System work: a failure may name no organization (or a malformed one), so it is written on the system connection.
    try {
      await this.system.query(
        `INSERT INTO job_failure (organization_id, queue, job_name, job_id, event_id, payload, error, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (queue, job_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
        [
          typeof job.data?.organizationId === 'string' && UUID.test(job.data.organizationId) ? job.data.organizationId : null,
          job.queueName,
          job.name,
          String(job.id),
          job.data?.eventId ?? null,
          JSON.stringify(job.data ?? {}),
          error.message.slice(0, 2000),
          job.attemptsMade,
        ],
      );
    } catch (e) {
      this.logger.error(`Could not record the final failure of job ${job.queueName}/${job.name}/${job.id}: ${e instanceof Error ? e.message : e}`);
    }
  }
}
