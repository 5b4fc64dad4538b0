import { Processor } from '@nestjs/bullmq';
import { Clock, EventHandlers, EventProcessor, QUEUES, ScheduledJobs, systemScope, EVENT_WORKER_OPTIONS } from '@waypoint/core';
import { OpeningsPolicyService } from '../policy.service';
import { RecommendationService } from '../recommendation.service';
import { OpeningsJobsService } from './openings-jobs.service';

const MINUTE = 60_000;

/** Names of the periodic jobs on the openings queue (add one by name to run it now). */
export const OPENINGS_JOBS = {
  expiry: 'openings-expiry',
  releaseEscalation: 'openings-release-escalation',
  interviewNudge: 'openings-interview-nudge',
} as const;

/**
 * The only consumer of the `openings` queue: recommendation fan-out on OpeningPublished,
 * notifications for application events, and the periodic jobs. Everything reloads state from
 * PostgreSQL and is idempotent (delivery is at least once).
 */
@Processor(QUEUES.openings, EVENT_WORKER_OPTIONS)
export class OpeningsProcessor extends EventProcessor {
  constructor(
    private readonly recommendations: RecommendationService,
    private readonly policies: OpeningsPolicyService,
    private readonly jobs: OpeningsJobsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  protected readonly handlers: EventHandlers = {
    OpeningPublished: async (data, job) => {
      const policy = await this.policies.get(systemScope(data.organizationId));
      return this.recommendations.fanOut(data.organizationId, data.payload.openingId, policy.recommendationThreshold, (p) =>
        job.updateProgress(p),
      );
    },
    ApplicationStatusChanged: (data) =>
      this.jobs.applicationStatusChanged(data.organizationId, data.payload.applicationId, data.payload.transitionId),
    ApplicationDisclosed: (data) => this.jobs.applicationDisclosed(data.organizationId, data.payload.applicationId),
    ReleaseDateAgreed: (data) => this.jobs.releaseAgreed(data.organizationId, data.payload.releaseId),
  };

  protected readonly scheduled: ScheduledJobs = {
    [OPENINGS_JOBS.expiry]: { everyMs: 5 * MINUTE, run: () => this.jobs.expireOpenings(this.clock.now()) },
    [OPENINGS_JOBS.releaseEscalation]: { everyMs: 60 * MINUTE, run: () => this.jobs.escalateReleases(this.clock.now()) },
    [OPENINGS_JOBS.interviewNudge]: { everyMs: 24 * 60 * MINUTE, run: () => this.jobs.nudgeInterviewPractice(this.clock.now()) },
  };
}
