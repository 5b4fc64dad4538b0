import { Processor } from '@nestjs/bullmq';
import { Clock, EventHandlers, EventJobData, EventProcessor, OrgScope, QUEUES, ScheduledJobs, UnitOfWork, EVENT_WORKER_OPTIONS } from '@waypoint/core';
import { NotificationService } from '@waypoint/notifications';
import { Job } from 'bullmq';
import { COMMITTEE_NOTIFY } from '../committee.service';
import { runNotifying } from '@waypoint/notifications';


export const TERM_REMINDER_JOB = 'committee-term-reminders';
/** Members and HR are reminded, and the seat reopened, this long before a term ends. */
export const TERM_REMINDER_LEAD_MS = 30 * 24 * 3600 * 1000;
/** A reopened seat takes applications for at least this long. */
const MIN_APPLICATION_WINDOW_MS = 7 * 24 * 3600 * 1000;
const CHUNK = 5000;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Committees in the worker: announces seat openings to employees whose passions match, and
 * runs the term rotation (reminders 30 days before a term ends, the seat reopened, ended terms
 * closed). On the reminders queue: one consumer per queue (see README).
 */
@Processor(QUEUES.reminders, EVENT_WORKER_OPTIONS)
export class CommitteesProcessor extends EventProcessor {
  protected readonly handlers: EventHandlers = {
    CommitteeSeatsOpened: (data, job) => this.announce(data, job),
  };
  protected readonly scheduled: ScheduledJobs = {
    [TERM_REMINDER_JOB]: { everyMs: 3600 * 1000, run: () => this.rotateTerms() },
  };

  constructor(
    private readonly notifications: NotificationService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {
    super();
  }

  /**
   * Tells employees whose passions match the committee's tags (case-insensitive) that seats
   * are open, in keyset chunks; current members and the chair are left out. Idempotent: the
   * notification key (recipient, type, opening) makes a re-run add nothing.
   */
  private async announce(data: EventJobData<'CommitteeSeatsOpened'>, job: Job): Promise<{ matched: number; inserted: number } | { skipped: string }> {
    const scope: OrgScope = { organizationId: data.organizationId };
    const [o] = await this.db.query(
      `SELECT o.id, o.status, o.deadline, o.seats, c.id AS committee_id, c.name, c.mission, c.passion_tags, c.chair_id
         FROM committee_seat_opening o JOIN committee c ON c.id = o.committee_id AND c.organization_id = o.organization_id
        WHERE o.id = $1 AND o.organization_id = $2`,
      [data.payload.openingId, data.organizationId],
    );
    if (!o) return { skipped: 'opening not found' };
    if (o.status !== 'OPEN' || new Date(o.deadline) <= this.clock.now()) return { skipped: 'opening closed' };
    const title = `Seats open on ${o.name}`;
    const body = `${o.seats} seat(s); apply by ${new Date(o.deadline).toISOString().slice(0, 10)}. ${o.mission}`.slice(0, 500);
    const payload = JSON.stringify({ committeeId: o.committee_id, openingId: o.id });
    let cursor = FIRST_UUID;
    let matched = 0;
    let inserted = 0;
    for (;;) {
      const [row]: { matched: number; last: string | null; ids: string[] | null }[] = await this.db.query(
        `WITH batch AS MATERIALIZED (
           SELECT e.id FROM employee e
            WHERE e.organization_id = $1 AND e.active AND e.id > $2
              AND e.id IS DISTINCT FROM $4::uuid
              AND EXISTS (SELECT 1 FROM unnest(e.passions) p WHERE lower(btrim(p)) = ANY($5::text[]))
              AND NOT EXISTS (SELECT 1 FROM committee_membership m
                               WHERE m.organization_id = $1 AND m.committee_id = $6 AND m.employee_id = e.id
                                 AND m.status = 'ACTIVE' AND m.term_end > $10)
            ORDER BY e.id LIMIT $7
         ), ins AS (
           INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
           SELECT $1, b.id, '${COMMITTEE_NOTIFY.seatsOpened}', $3, $8, $9, $11::jsonb FROM batch b
           ON CONFLICT (recipient_id, type, source_id) DO NOTHING
           RETURNING id
         ), counted AS (
           UPDATE committee_seat_opening SET announced_count = announced_count + (SELECT count(*) FROM ins)
            WHERE id = $3 AND organization_id = $1 AND EXISTS (SELECT 1 FROM ins)
         )
         SELECT (SELECT count(*)::int FROM batch) AS matched,
                (SELECT b.id FROM batch b ORDER BY b.id DESC LIMIT 1) AS last,
                (SELECT array_agg(id) FROM ins) AS ids`,
        [data.organizationId, cursor, o.id, o.chair_id, o.passion_tags, o.committee_id, CHUNK, title, body, this.clock.now(), payload],
      );
      matched += row.matched;
      const ids = row.ids ?? [];
      inserted += ids.length;
      await job.updateProgress({ matched, announced: inserted });
      await this.notifications.publishNew(scope, { ids }).catch((e) => this.logger.warn(`Live delivery deferred: ${e}`));
      if (row.matched < CHUNK || !row.last) break;
      cursor = row.last;
    }
    await this.db.query('UPDATE committee_seat_opening SET announced_at = $3 WHERE id = $1 AND organization_id = $2', [o.id, data.organizationId, this.clock.now()]);
    return { matched, inserted };
  }

  /**
   * The rotation: for each active membership whose term ends within 30 days and that was not
   * reminded yet, in one transaction per membership, remind the member, HR and the chair,
   * reopen the seat (an opening for the successor's term, announced like any other), and mark
   * the reminder sent. Then ends the terms that are over. Safe to run twice: the reminder mark,
   * the one-opening-per-membership key and the notification key make a re-run add nothing.
   */
  private async rotateTerms(): Promise<{ reminded: number; ended: number }> {
    const now = this.clock.now();
    // The one query across organizations: which memberships are due, and of which organization.
    const due: { id: string; organization_id: string }[] = await this.db.query(
      `SELECT id, organization_id FROM committee_membership
        WHERE status = 'ACTIVE' AND reminder_sent_at IS NULL AND term_end <= $1 ORDER BY term_end LIMIT 1000`,
      [new Date(now.getTime() + TERM_REMINDER_LEAD_MS)],
    );
    let reminded = 0;
    for (const d of due) {
      const scope: OrgScope = { organizationId: d.organization_id };
      const done = await runNotifying(this.uow, this.notifications, scope, async (tx, notify) => {
        const [m] = await tx.manager.query(
          `SELECT m.id, m.employee_id, m.term_end, m.committee_id, c.name, c.chair_id, c.active
             FROM committee_membership m JOIN committee c ON c.id = m.committee_id AND c.organization_id = m.organization_id
            WHERE m.id = $1 AND m.organization_id = $2 AND m.status = 'ACTIVE' AND m.reminder_sent_at IS NULL
            FOR UPDATE OF m`,
          [d.id, d.organization_id],
        );
        if (!m) return false;
        const end = new Date(m.term_end);
        const endDay = end.toISOString().slice(0, 10);
        if (m.active) {
          const deadline = new Date(Math.max(end.getTime(), now.getTime() + MIN_APPLICATION_WINDOW_MS));
          const [opening] = await tx.manager.query(
            `INSERT INTO committee_seat_opening (organization_id, committee_id, seats, deadline, term_starts_at, reason, source_membership_id, created_at)
             VALUES ($1, $2, 1, $3, $4, 'TERM_ENDING', $5, $6)
             ON CONFLICT (source_membership_id) DO NOTHING RETURNING id`,
            [d.organization_id, m.committee_id, deadline, end, m.id, now],
          );
          if (opening) await tx.emit(scope, 'CommitteeSeatsOpened', { openingId: opening.id });
        }
        const hr: { id: string }[] = await tx.manager.query(
          `SELECT id FROM employee WHERE organization_id = $1 AND active AND roles && ARRAY['HR_ADMIN']::text[]`,
          [d.organization_id],
        );
        const staff = new Set([...hr.map((h) => h.id), ...(m.chair_id ? [m.chair_id] : [])]);
        staff.delete(m.employee_id);
        await notify([
          {
            recipientId: m.employee_id,
            type: COMMITTEE_NOTIFY.termEnding,
            sourceId: m.id,
            title: `Your term on ${m.name} ends on ${endDay}`,
            body: 'Your seat is open for applications; you may apply again',
            data: { committeeId: m.committee_id, membershipId: m.id },
          },
          ...[...staff].map((id) => ({
            recipientId: id,
            type: COMMITTEE_NOTIFY.termEndingHr,
            sourceId: m.id,
            title: `A term on ${m.name} ends on ${endDay}`,
            body: 'The seat has been reopened for applications',
            data: { committeeId: m.committee_id, membershipId: m.id, employeeId: m.employee_id },
          })),
        ]);
        await tx.manager.query('UPDATE committee_membership SET reminder_sent_at = $3 WHERE id = $1 AND organization_id = $2', [m.id, d.organization_id, now]);
        return true;
      });
      if (done) reminded++;
    }
    const orgs: { organization_id: string }[] = await this.db.query(
      `SELECT DISTINCT organization_id FROM committee_membership WHERE status = 'ACTIVE' AND term_end <= $1`,
      [now],
    );
    let ended = 0;
    for (const { organization_id } of orgs) {
      const [, n] = await this.db.query(
        `UPDATE committee_membership SET status = 'ENDED', ended_at = $2 WHERE organization_id = $1 AND status = 'ACTIVE' AND term_end <= $2`,
        [organization_id, now],
      );
      ended += n;
    }
    return { reminded, ended };
  }
}
