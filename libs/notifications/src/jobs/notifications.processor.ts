import { Processor } from '@nestjs/bullmq';
import { EventHandlers, EventProcessor, QUEUES, ScheduledJobs, EVENT_WORKER_OPTIONS } from '@waypoint/core';
import { DigestService } from '../digest/digest.service';
import { NotificationsQueue } from './notifications-queue';

/** Job names of the notifications module (a test or an operator may add one to the queue to run it now). */
export const NOTIFICATION_JOBS = { digest: 'notifications.digest' } as const;

/**
 * The one consumer of the `notifications` queue: the hourly digest run, and whatever other
 * modules contributed to NotificationsQueue (research meetings).
 */
@Processor(QUEUES.notifications, EVENT_WORKER_OPTIONS)
export class NotificationsProcessor extends EventProcessor {
  protected readonly handlers: EventHandlers;
  protected readonly scheduled: ScheduledJobs;

  constructor(queue: NotificationsQueue, digests: DigestService) {
    super();
    queue.contribute('notifications', {
      scheduled: { [NOTIFICATION_JOBS.digest]: { everyMs: 3600_000, run: () => digests.run() } },
    });
    this.handlers = queue.handlers;
    this.scheduled = queue.scheduled;
  }
}
