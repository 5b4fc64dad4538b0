import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { systemScope } from '@waypoint/core';
import { NewNotification, NotificationService } from '@waypoint/notifications';
import { DataSource } from 'typeorm';
import { ApplicationStatus } from '../pipeline';
import { policyIntSql } from '../policy';

export const NOTIFICATION_TYPES = {
  OPENING_RECOMMENDED: 'OPENING_RECOMMENDED',
  OPENING_EXPIRED: 'OPENING_EXPIRED',
  APPLICATION_RECEIVED: 'APPLICATION_RECEIVED',
  APPLICATION_WITHDRAWN: 'APPLICATION_WITHDRAWN',
  APPLICATION_STATUS_CHANGED: 'APPLICATION_STATUS_CHANGED',
  APPLICATION_DISCLOSED: 'APPLICATION_DISCLOSED',
  RELEASE_REQUESTED: 'RELEASE_REQUESTED',
  RELEASE_REMINDER: 'RELEASE_REMINDER',
  RELEASE_ESCALATED: 'RELEASE_ESCALATED',
  RELEASE_AGREED: 'RELEASE_AGREED',
  INTERVIEW_NUDGE: 'INTERVIEW_NUDGE',
} as const;

const LABEL: Record<ApplicationStatus, string> = {
  SUBMITTED: 'submitted',
  SCREENING: 'in screening',
  INTERVIEWING: 'interviewing',
  OFFER: 'offer',
  HIRED: 'hired',
  REJECTED: 'not selected',
  WITHDRAWN: 'withdrawn',
};

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

/**
 * What the openings worker writes: notifications for application events (respecting
 * disclosure: the manager only hears of an application once it is disclosed), and the periodic
 * jobs (expiry, release reminders and escalations, the yearly interview nudge). Every write is
 * idempotent: notifications are unique per (recipient, type, source), periodic updates are guarded.
 */
@Injectable()
export class OpeningsJobsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async applicationStatusChanged(organizationId: string, applicationId: string, transitionId: string): Promise<number> {
    const [r] = await this.db.query(
      `SELECT t.id AS transition_id, t.to_status, t.actor_id, t.disclosed,
              a.id AS application_id, a.applicant_id, a.rejection_feedback,
              o.id AS opening_id, o.title, o.hiring_manager_id,
              e.full_name, e.manager_id,
              r.id AS release_id, r.manager_id AS release_manager_id, r.deadline_at
         FROM application_transition t
         JOIN application a ON a.id = t.application_id AND a.organization_id = t.organization_id
         JOIN opening o ON o.id = a.opening_id AND o.organization_id = a.organization_id
         JOIN employee e ON e.id = a.applicant_id AND e.organization_id = a.organization_id
         LEFT JOIN release_agreement r ON r.application_id = a.id
        WHERE t.organization_id = $1 AND t.id = $2 AND a.id = $3`,
      [organizationId, transitionId, applicationId],
    );
    if (!r) return 0;
    const to = r.to_status as ApplicationStatus;
    const data = { applicationId: r.application_id, openingId: r.opening_id, status: to };
    const items: NewNotification[] = [];
    if (r.actor_id !== r.applicant_id) {
      items.push({
        recipientId: r.applicant_id,
        type: NOTIFICATION_TYPES.APPLICATION_STATUS_CHANGED,
        sourceId: r.transition_id,
        title: `Your application for ${r.title}: ${LABEL[to]}`,
        body: to === ApplicationStatus.REJECTED ? (r.rejection_feedback ?? '') : `Your application moved to ${LABEL[to]}.`,
        data,
      });
    }
    if (to === ApplicationStatus.SUBMITTED && r.hiring_manager_id !== r.applicant_id) {
      items.push({
        recipientId: r.hiring_manager_id,
        type: NOTIFICATION_TYPES.APPLICATION_RECEIVED,
        sourceId: r.application_id,
        title: `New application for ${r.title}`,
        body: `${r.full_name} applied.`,
        data: { ...data, applicantId: r.applicant_id },
      });
    }
    if (to === ApplicationStatus.WITHDRAWN) {
      items.push({
        recipientId: r.hiring_manager_id,
        type: NOTIFICATION_TYPES.APPLICATION_WITHDRAWN,
        sourceId: r.transition_id,
        title: `Application withdrawn: ${r.title}`,
        body: `${r.full_name} withdrew their application.`,
        data: { ...data, applicantId: r.applicant_id },
      });
    }
    // The current manager hears of it only once the application is disclosed (stage reached or
    // disclosed by the applicant), as recorded on the transition when it was made.
    if (r.disclosed && r.manager_id && r.manager_id !== r.actor_id && r.manager_id !== r.hiring_manager_id) {
      items.push({
        recipientId: r.manager_id,
        type: NOTIFICATION_TYPES.APPLICATION_STATUS_CHANGED,
        sourceId: r.transition_id,
        title: `${r.full_name}'s internal application: ${LABEL[to]}`,
        body: `${r.full_name}'s application for ${r.title} is ${LABEL[to]}.`,
        data: { ...data, applicantId: r.applicant_id },
      });
    }
    if (to === ApplicationStatus.HIRED && r.release_id) {
      items.push({
        recipientId: r.release_manager_id,
        type: NOTIFICATION_TYPES.RELEASE_REQUESTED,
        sourceId: r.release_id,
        title: `Agree a release date for ${r.full_name}`,
        body: `${r.full_name} was hired as ${r.title}. Agree the date you release them by ${day(r.deadline_at)}.`,
        data: { releaseId: r.release_id, applicationId: r.application_id, employeeId: r.applicant_id },
      });
    }
    return this.notifications.notifyMany(systemScope(organizationId), items);
  }

  async applicationDisclosed(organizationId: string, applicationId: string): Promise<number> {
    const [r] = await this.db.query(
      `SELECT a.id, a.applicant_id, a.status, a.opening_id, o.title, o.hiring_manager_id, e.full_name, e.manager_id
         FROM application a
         JOIN opening o ON o.id = a.opening_id AND o.organization_id = a.organization_id
         JOIN employee e ON e.id = a.applicant_id AND e.organization_id = a.organization_id
        WHERE a.organization_id = $1 AND a.id = $2 AND a.disclosed_at IS NOT NULL`,
      [organizationId, applicationId],
    );
    if (!r?.manager_id) return 0;
    return this.notifications.notifyMany(systemScope(organizationId), [
      {
        recipientId: r.manager_id,
        type: NOTIFICATION_TYPES.APPLICATION_DISCLOSED,
        sourceId: r.id,
        title: `${r.full_name} shared an internal application with you`,
        body: `${r.full_name} applied for ${r.title} (${LABEL[r.status as ApplicationStatus]}).`,
        data: { applicationId: r.id, openingId: r.opening_id, applicantId: r.applicant_id, status: r.status },
      },
    ]);
  }

  async releaseAgreed(organizationId: string, releaseId: string): Promise<number> {
    const [r] = await this.db.query(
      `SELECT r.id, r.employee_id, r.release_date::text AS release_date, r.application_id, o.title, o.hiring_manager_id, e.full_name
         FROM release_agreement r
         JOIN application a ON a.id = r.application_id
         JOIN opening o ON o.id = a.opening_id
         JOIN employee e ON e.id = r.employee_id
        WHERE r.organization_id = $1 AND r.id = $2 AND r.status = 'AGREED'`,
      [organizationId, releaseId],
    );
    if (!r) return 0;
    const data = { releaseId: r.id, applicationId: r.application_id, releaseDate: r.release_date };
    return this.notifications.notifyMany(systemScope(organizationId), [
      { recipientId: r.employee_id, type: NOTIFICATION_TYPES.RELEASE_AGREED, sourceId: r.id, title: 'Your release date is agreed', body: `You start as ${r.title} after ${r.release_date}.`, data },
      { recipientId: r.hiring_manager_id, type: NOTIFICATION_TYPES.RELEASE_AGREED, sourceId: r.id, title: `Release date agreed for ${r.full_name}`, body: `${r.full_name} is released on ${r.release_date}.`, data },
    ]);
  }

  /** Closes (EXPIRED) every published or paused opening past its closing date; tells its hiring manager and creator. */
  async expireOpenings(now: Date): Promise<number> {
    const [row] = await this.db.query(
      `WITH closed AS (
         UPDATE opening SET status = 'CLOSED', close_reason = 'EXPIRED', closed_at = $1, updated_at = $1, version = version + 1
          WHERE status IN ('PUBLISHED', 'PAUSED') AND closes_at IS NOT NULL AND closes_at <= $1
         RETURNING id, organization_id, title, hiring_manager_id, created_by_id
       ), told AS (
         INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
         SELECT DISTINCT c.organization_id, r.id, '${NOTIFICATION_TYPES.OPENING_EXPIRED}', c.id, 'Opening expired: ' || c.title,
                'It reached its closing date and no longer takes applications. Its pipeline goes on.',
                jsonb_build_object('openingId', c.id)
           FROM closed c CROSS JOIN LATERAL (VALUES (c.hiring_manager_id), (c.created_by_id)) AS r(id)
          WHERE r.id IS NOT NULL
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM closed) AS closed, (SELECT count(*)::int FROM told) AS told`,
      [now],
    );
    return row.closed;
  }

  /**
   * Pending release agreements: a reminder to the manager once the deadline is near (policy
   * `releaseReminderDaysBefore`), then, once it has passed, an escalation to every HR admin of
   * the organization (org admins when there is none). Each step happens once per agreement.
   */
  async escalateReleases(now: Date): Promise<{ reminded: number; escalated: number }> {
    const [reminded] = await this.db.query(
      `WITH due AS (
         UPDATE release_agreement r SET reminded_at = $1
           FROM organization org
          WHERE org.id = r.organization_id AND r.status = 'PENDING' AND r.reminded_at IS NULL
            AND r.deadline_at - make_interval(days => ${policyIntSql('org', 'releaseReminderDaysBefore')}) <= $1
         RETURNING r.id, r.organization_id, r.manager_id, r.employee_id, r.application_id, r.deadline_at
       ), told AS (
         INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
         SELECT d.organization_id, d.manager_id, '${NOTIFICATION_TYPES.RELEASE_REMINDER}', d.id,
                'Reminder: agree a release date for ' || e.full_name,
                'Agree the date you release ' || e.full_name || ' by ' || to_char(d.deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '.',
                jsonb_build_object('releaseId', d.id, 'applicationId', d.application_id, 'employeeId', d.employee_id)
           FROM due d JOIN employee e ON e.id = d.employee_id
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM due) AS n`,
      [now],
    );
    const [escalated] = await this.db.query(
      `WITH due AS (
         UPDATE release_agreement r SET escalated_at = $1, reminded_at = coalesce(r.reminded_at, $1)
          WHERE r.status = 'PENDING' AND r.escalated_at IS NULL AND r.deadline_at < $1
         RETURNING r.id, r.organization_id, r.manager_id, r.employee_id, r.application_id, r.deadline_at, r.hired_at
       ), hr AS (
         SELECT h.id, h.organization_id FROM employee h
          WHERE h.active AND h.organization_id IN (SELECT organization_id FROM due)
            AND ('HR_ADMIN' = ANY(h.roles)
                 OR ('ORG_ADMIN' = ANY(h.roles) AND NOT EXISTS (
                       SELECT 1 FROM employee x WHERE x.organization_id = h.organization_id AND x.active AND 'HR_ADMIN' = ANY(x.roles))))
       ), told AS (
         INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
         SELECT d.organization_id, hr.id, '${NOTIFICATION_TYPES.RELEASE_ESCALATED}', d.id,
                'Overdue release: ' || e.full_name,
                m.full_name || ' has not agreed a release date for ' || e.full_name || ', due '
                  || to_char(d.deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '.',
                jsonb_build_object('releaseId', d.id, 'applicationId', d.application_id, 'employeeId', d.employee_id, 'managerId', d.manager_id)
           FROM due d JOIN hr ON hr.organization_id = d.organization_id
           JOIN employee e ON e.id = d.employee_id JOIN employee m ON m.id = d.manager_id
          WHERE hr.id <> d.manager_id
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING
         RETURNING 1
       ), remind AS (
         INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
         SELECT d.organization_id, d.manager_id, '${NOTIFICATION_TYPES.RELEASE_REMINDER}', d.id,
                'Overdue: agree a release date for ' || e.full_name, 'The deadline has passed; HR has been told.',
                jsonb_build_object('releaseId', d.id, 'applicationId', d.application_id, 'employeeId', d.employee_id)
           FROM due d JOIN employee e ON e.id = d.employee_id
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM due) AS n`,
      [now],
    );
    return { reminded: reminded.n, escalated: escalated.n };
  }

  /** Opted-in employees with no interview in the last 12 months, not nudged in the last 12 months. */
  async nudgeInterviewPractice(now: Date): Promise<number> {
    const [row] = await this.db.query(
      `WITH due AS (
         UPDATE interview_practice ip SET last_nudged_at = $1::timestamptz
          WHERE ip.nudge_opt_in
            AND (ip.last_nudged_at IS NULL OR ip.last_nudged_at <= $1::timestamptz - interval '12 months')
            AND EXISTS (SELECT 1 FROM employee e WHERE e.id = ip.employee_id AND e.organization_id = ip.organization_id AND e.active)
            AND NOT EXISTS (SELECT 1 FROM interview_log l WHERE l.employee_id = ip.employee_id AND l.occurred_at > $1::timestamptz - interval '12 months')
         RETURNING ip.employee_id, ip.organization_id
       ), told AS (
         INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
         SELECT d.organization_id, d.employee_id, '${NOTIFICATION_TYPES.INTERVIEW_NUDGE}', gen_random_uuid(),
                'Time for an interview?',
                'You have not interviewed in a year. An interview, inside or outside, is good practice: log it and debrief what went well and what to improve.',
                jsonb_build_object('since', to_char(($1::timestamptz - interval '12 months') AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
           FROM due d
         ON CONFLICT (recipient_id, type, source_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM due) AS n`,
      [now],
    );
    return row.n;
  }
}
