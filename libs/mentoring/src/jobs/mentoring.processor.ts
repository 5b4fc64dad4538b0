import { Processor } from '@nestjs/bullmq';
import { EventHandlers, EventProcessor, QUEUES, ScheduledJobs, EVENT_WORKER_OPTIONS } from '@waypoint/core';
import { MatchingRunner } from './matching-run';
import { MentoringJobs } from './mentoring-jobs';

export const MENTOR_INACTIVITY_JOB = 'mentoring-inactive-mentors';
export const SESSION_REMINDER_JOB = 'mentoring-session-reminders';
export const ROUND_DEADLINE_JOB = 'mentoring-round-deadlines';
const HOUR_MS = 3600 * 1000;

/**
 * Mentoring in the worker, on the matching queue: the matching run of a round, the publication
 * fan-out, re-matching, and the periodic jobs. The periodic jobs run here rather than on the
 * reminders queue because BullMQ hands a job to any consumer of its queue, and the reminders
 * queue already has its one consumer (committees); see README.
 */
@Processor(QUEUES.matching, EVENT_WORKER_OPTIONS)
export class MentoringProcessor extends EventProcessor {
  protected readonly handlers: EventHandlers = {
    MatchingRunRequested: (data, job) => this.runner.run(data, job),
    MentoringRoundPublished: (data, job) => this.jobs.announce(data, job),
    MentoringRematchRequested: (data) => this.jobs.rematch(data),
  };
  protected readonly scheduled: ScheduledJobs = {
    [MENTOR_INACTIVITY_JOB]: { everyMs: HOUR_MS, run: () => this.jobs.pauseInactiveMentors() },
    [SESSION_REMINDER_JOB]: { everyMs: HOUR_MS, run: () => this.jobs.remindDueSessions() },
    [ROUND_DEADLINE_JOB]: { everyMs: HOUR_MS, run: () => this.jobs.closeRoundsPastDeadline() },
  };

  constructor(
    private readonly runner: MatchingRunner,
    private readonly jobs: MentoringJobs,
  ) {
    super();
  }
}
