import { Processor } from '@nestjs/bullmq';
import { EventHandlers, EventJobData, EventProcessor, QUEUES, EVENT_WORKER_OPTIONS } from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { Job } from 'bullmq';
import { announceProject } from './announce-project';

/** Announces published projects to the employees they fit (see README: who is told). */
@Processor(QUEUES.announcements, EVENT_WORKER_OPTIONS)
export class ProjectsProcessor extends EventProcessor {
  protected readonly handlers: EventHandlers = {
    ProjectAnnounced: (data, job) => this.announce(data, job),
  };

  constructor(private readonly notifications: NotificationService) {
    super();
  }

  private async announce(data: EventJobData<'ProjectAnnounced'>, job: Job): Promise<{ matched: number; inserted: number } | { skipped: string }> {
    const scope = { organizationId: data.organizationId };
    const [project] = await this.db.query(
      `SELECT id, organization_id AS "organizationId", owner_id AS "ownerId", title, goal, hours_per_week AS "hoursPerWeek",
              duration_weeks AS "durationWeeks", to_char(start_date, 'YYYY-MM-DD') AS "startDate", status
         FROM project WHERE id = $1 AND organization_id = $2`,
      [data.payload.projectId, data.organizationId],
    );
    if (!project) return { skipped: 'project not found' };
    if (project.status !== 'OPEN') return { skipped: `project is ${project.status}` };
    // Live delivery runs behind the inserts, chunk after chunk, on its own connection; if Redis
    // hiccups, the notifications sweep delivers the rows later.
    let live: Promise<unknown> = Promise.resolve();
    const result = await announceProject(this.db.manager, project, async (progress) => {
      await job.updateProgress({ matched: progress.matched, announced: progress.inserted });
      const ids = progress.insertedIds;
      if (ids.length) {
        live = live.then(() => this.notifications.publishNew(scope, { ids }).catch((e) => this.logger.warn(`Live delivery deferred: ${e}`)));
      }
    });
    await live;
    return result;
  }
}
