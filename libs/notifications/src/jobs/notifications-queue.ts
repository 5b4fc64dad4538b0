import { Injectable } from '@nestjs/common';
import { EventHandlers, ScheduledJobs } from '@waypoint/core';

/**
 * The handlers of the `notifications` queue. BullMQ gives each job to whichever worker of the
 * queue takes it first, so a queue has exactly one processor class (NotificationsProcessor);
 * modules whose jobs run on this queue (notifications itself, research meetings) contribute
 * their handlers here, from their constructor, before the processor starts.
 */
@Injectable()
export class NotificationsQueue {
  readonly handlers: EventHandlers = {};
  readonly scheduled: ScheduledJobs = {};

  contribute(owner: string, part: { handlers?: EventHandlers; scheduled?: ScheduledJobs }): void {
    for (const key of [...Object.keys(part.handlers ?? {}), ...Object.keys(part.scheduled ?? {})]) {
      if (key in this.handlers || key in this.scheduled) throw new Error(`${owner}: ${key} already has a handler on the notifications queue`);
    }
    Object.assign(this.handlers, part.handlers ?? {});
    Object.assign(this.scheduled, part.scheduled ?? {});
  }
}
