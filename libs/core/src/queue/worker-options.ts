import type { WorkerOptions } from 'bullmq';
import { loadJobLockConfig } from '../config/config';

/**
 * Worker options of every processor: `@Processor(QUEUES.x, EVENT_WORKER_OPTIONS)`.
 *
 * Decorator arguments are evaluated when the class is defined, before the configuration is read;
 * @nestjs/bullmq spreads these options into `new Worker(...)` when the worker is created at boot,
 * so the getters read WORKER_LOCK_DURATION_MS, WORKER_STALLED_INTERVAL_MS and
 * WORKER_MAX_STALLED_COUNT then (validated at boot by `loadConfig`, see config.ts).
 * The lock is renewed every half of its duration; a job whose worker died is put back in the
 * queue by another worker between one lock duration and one lock duration + 2 stalled intervals later.
 */
export const EVENT_WORKER_OPTIONS: Partial<WorkerOptions> = Object.freeze({
  get lockDuration() {
    return loadJobLockConfig().lockDurationMs;
  },
  get stalledInterval() {
    return loadJobLockConfig().stalledIntervalMs;
  },
  get maxStalledCount() {
    return loadJobLockConfig().maxStalledCount;
  },
});
