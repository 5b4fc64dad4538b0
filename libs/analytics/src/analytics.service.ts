import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, Clock, forbidden, isHr } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { CommitteeAnalytics, HrAnalytics, MentoringAnalytics, MobilityAnalytics, OpeningsAnalytics, ReleaseAnalytics } from './analytics.model';

const DAY_MS = 24 * 3600 * 1000;
/** Department pairs with fewer internal moves than this are counted but not listed (see README). */
export const MINIMUM_GROUP_SIZE = 3;
/** Longest window accepted: about five years. */
const MAX_WINDOW_DAYS = 5 * 366;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);
const days = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/**
 * Read-only HR analytics. Every statement takes the caller's organization as `$1` and filters every
 * table it reads on it (joins included): the figures of one organization never include another's rows.
 * Set-based: one statement per section, whatever the size of the organization.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async hrAnalytics(caller: Caller, args: { from?: Date | null; to?: Date | null }): Promise<HrAnalytics> {
    if (!isHr(caller)) throw forbidden('HR analytics are for HR and org admins');
    const now = this.clock.now();
    const to = args.to ?? now;
    const from = args.from ?? new Date(to.getTime() - 365 * DAY_MS);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw badInput('Invalid date', 'from');
    if (from >= to) throw badInput('`from` must be before `to`', 'from');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw badInput('The window is at most five years', 'from');
    const org = caller.organizationId;
    const [openings, mobility, mentoring, committees, releases] = await Promise.all([
      this.openings(org, from, to),
      this.mobility(org, from, to),
      this.mentoring(org, from, to),
      this.committees(org, from, to, now),
      this.releases(org, from, to, now),
    ]);
    return { from, to, generatedAt: now, minimumGroupSize: MINIMUM_GROUP_SIZE, openings, mobility, mentoring, committees, releases };
  }

  private async openings(org: string, from: Date, to: Date): Promise<OpeningsAnalytics> {
    const [closed] = await this.db.query(
      `SELECT count(*) AS closed,
              count(*) FILTER (WHERE o.positions_filled > 0) AS filled,
              coalesce(sum(o.positions), 0) AS positions,
              coalesce(sum(least(o.positions_filled, o.positions)), 0) AS positions_filled
         FROM opening o
        WHERE o.organization_id = $1 AND o.status = 'CLOSED' AND o.closed_at >= $2 AND o.closed_at < $3`,
      [org, from, to],
    );
    const [hires] = await this.db.query(
      `SELECT count(*) AS hires,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.at - o.published_at) / 86400) AS median_days,
              avg(extract(epoch FROM t.at - o.published_at) / 86400) AS average_days
         FROM application_transition t
         JOIN application a ON a.id = t.application_id AND a.organization_id = $1
         JOIN opening o ON o.id = a.opening_id AND o.organization_id = $1
        WHERE t.organization_id = $1 AND t.to_status = 'HIRED' AND t.at >= $2 AND t.at < $3`,
      [org, from, to],
    );
    const byMonth: { month: string; count: string }[] = await this.db.query(
      `WITH months AS (
         SELECT generate_series(date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC'),
                                date_trunc('month', ($3::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC'),
                                interval '1 month') AS m)
       SELECT to_char(months.m, 'YYYY-MM') AS month, count(t.id) AS count
         FROM months
         LEFT JOIN application_transition t
                ON t.organization_id = $1 AND t.to_status = 'HIRED' AND t.at >= $2 AND t.at < $3
               AND date_trunc('month', t.at AT TIME ZONE 'UTC') = months.m
        GROUP BY months.m ORDER BY months.m`,
      [org, from, to],
    );
    const offered = num(closed.positions);
    const filled = num(closed.positions_filled);
    return {
      openingsClosed: num(closed.closed),
      openingsFilled: num(closed.filled),
      positionsOffered: offered,
      positionsFilled: filled,
      fillRate: rate(filled, offered),
      hires: num(hires.hires),
      timeToFillMedianDays: days(hires.median_days),
      timeToFillAverageDays: days(hires.average_days),
      hiresByMonth: byMonth.map((r) => ({ month: r.month, count: num(r.count) })),
    };
  }

  /**
   * Internal hires of the window by (department left, department joined). The department left is the
   * department of the manager who had to release the person (recorded on the release agreement at the
   * hire), else the person's own department today: the application does not snapshot it (README).
   */
  private async mobility(org: string, from: Date, to: Date): Promise<MobilityAnalytics> {
    const rows: { from_id: string | null; from_name: string | null; to_id: string; to_name: string; moves: string }[] = await this.db.query(
      `WITH moves AS (
         SELECT coalesce(m.department_id, e.department_id) AS from_id, o.department_id AS to_id
           FROM application_transition t
           JOIN application a ON a.id = t.application_id AND a.organization_id = $1
           JOIN opening o ON o.id = a.opening_id AND o.organization_id = $1
           JOIN employee e ON e.id = a.applicant_id AND e.organization_id = $1
           LEFT JOIN release_agreement r ON r.application_id = a.id AND r.organization_id = $1
           LEFT JOIN employee m ON m.id = r.manager_id AND m.organization_id = $1
          WHERE t.organization_id = $1 AND t.to_status = 'HIRED' AND t.at >= $2 AND t.at < $3)
       SELECT mv.from_id, df.name AS from_name, mv.to_id, dt.name AS to_name, count(*) AS moves
         FROM moves mv
         LEFT JOIN department df ON df.id = mv.from_id AND df.organization_id = $1
         JOIN department dt ON dt.id = mv.to_id AND dt.organization_id = $1
        GROUP BY mv.from_id, df.name, mv.to_id, dt.name
        ORDER BY count(*) DESC, df.name NULLS LAST, dt.name`,
      [org, from, to],
    );
    const out: MobilityAnalytics = { flows: [], withinDepartment: 0, suppressedMoves: 0 };
    for (const r of rows) {
      const moves = num(r.moves);
      if (r.from_id === r.to_id) out.withinDepartment += moves;
      else if (moves < MINIMUM_GROUP_SIZE) out.suppressedMoves += moves;
      else
        out.flows.push({
          fromDepartmentId: r.from_id,
          fromDepartmentName: r.from_name ?? 'No department',
          toDepartmentId: r.to_id,
          toDepartmentName: r.to_name,
          moves,
        });
    }
    return out;
  }

  private async mentoring(org: string, from: Date, to: Date): Promise<MentoringAnalytics> {
    const [row] = await this.db.query(
      `WITH seeking AS (
         SELECT e.id
           FROM employee e
           LEFT JOIN mentee_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
          WHERE e.organization_id = $1 AND e.active
            AND (mp.status = 'ACTIVE' OR (mp.employee_id IS NULL AND e.seeking_mentor))),
       mentored AS (
         SELECT DISTINCT ms.mentee_id AS id FROM mentorship ms WHERE ms.organization_id = $1 AND ms.status = 'ACTIVE')
       SELECT
         (SELECT count(*) FROM seeking) AS seeking,
         (SELECT count(*) FROM seeking s JOIN mentored m ON m.id = s.id) AS mentored,
         (SELECT count(*)
            FROM employee e
            LEFT JOIN mentor_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
           WHERE e.organization_id = $1 AND e.active
             AND (mp.status = 'ACTIVE' OR (mp.employee_id IS NULL AND e.open_to_mentoring))) AS mentors,
         (SELECT count(*) FROM mentorship ms WHERE ms.organization_id = $1 AND ms.status = 'ACTIVE') AS active,
         (SELECT count(*) FROM mentorship ms WHERE ms.organization_id = $1 AND ms.started_at >= $2 AND ms.started_at < $3) AS started`,
      [org, from, to],
    );
    const seeking = num(row.seeking);
    const mentored = num(row.mentored);
    return {
      menteesSeeking: seeking,
      menteesMentored: mentored,
      coverage: rate(mentored, seeking),
      mentorsAvailable: num(row.mentors),
      mentorshipsActive: num(row.active),
      mentorshipsStarted: num(row.started),
    };
  }

  private async committees(org: string, from: Date, to: Date, now: Date): Promise<CommitteeAnalytics> {
    const rows: { id: string; name: string; seats: number; filled: string }[] = await this.db.query(
      `SELECT c.id, c.name, c.seats,
              (SELECT count(*) FROM committee_membership cm
                 JOIN employee e ON e.id = cm.employee_id AND e.organization_id = $1 AND e.active
                WHERE cm.organization_id = $1 AND cm.committee_id = c.id AND cm.status = 'ACTIVE'
                  AND cm.term_start <= $2 AND cm.term_end > $2) AS filled
         FROM committee c
        WHERE c.organization_id = $1 AND c.active
        ORDER BY c.name, c.id`,
      [org, now],
    );
    const [totals] = await this.db.query(
      `SELECT
         (SELECT count(DISTINCT cm.employee_id)
            FROM committee_membership cm
            JOIN committee c ON c.id = cm.committee_id AND c.organization_id = $1 AND c.active
            JOIN employee e ON e.id = cm.employee_id AND e.organization_id = $1 AND e.active
           WHERE cm.organization_id = $1 AND cm.status = 'ACTIVE' AND cm.term_start <= $2 AND cm.term_end > $2) AS members,
         (SELECT count(*) FROM employee e WHERE e.organization_id = $1 AND e.active) AS employees,
         (SELECT count(*) FROM committee_application ca
           WHERE ca.organization_id = $1 AND ca.created_at >= $3 AND ca.created_at < $4) AS applications`,
      [org, now, from, to],
    );
    const members = num(totals.members);
    const employees = num(totals.employees);
    const committees = rows.map((r) => ({ committeeId: r.id, name: r.name, seats: num(r.seats), seatsFilled: num(r.filled) }));
    return {
      activeCommittees: committees.length,
      seats: committees.reduce((s, c) => s + c.seats, 0),
      seatsFilled: committees.reduce((s, c) => s + c.seatsFilled, 0),
      members,
      activeEmployees: employees,
      participationRate: rate(members, employees),
      applicationsReceived: num(totals.applications),
      committees,
    };
  }

  private async releases(org: string, from: Date, to: Date, now: Date): Promise<ReleaseAnalytics> {
    const [row] = await this.db.query(
      `SELECT
         count(*) FILTER (WHERE r.status = 'PENDING' AND r.deadline_at >= $2) AS on_time,
         count(*) FILTER (WHERE r.status = 'PENDING' AND r.deadline_at < $2 AND r.deadline_at >= $2 - interval '7 days') AS overdue_7,
         count(*) FILTER (WHERE r.status = 'PENDING' AND r.deadline_at < $2 - interval '7 days' AND r.deadline_at >= $2 - interval '30 days') AS overdue_30,
         count(*) FILTER (WHERE r.status = 'PENDING' AND r.deadline_at < $2 - interval '30 days') AS overdue_more,
         count(*) FILTER (WHERE r.status = 'AGREED' AND r.agreed_at >= $3 AND r.agreed_at < $4) AS agreed,
         avg(extract(epoch FROM r.agreed_at - r.hired_at) / 86400) FILTER (WHERE r.status = 'AGREED' AND r.agreed_at >= $3 AND r.agreed_at < $4) AS avg_days,
         count(*) FILTER (WHERE r.status = 'AGREED' AND r.agreed_at >= $3 AND r.agreed_at < $4 AND r.agreed_at > r.deadline_at) AS agreed_late
         FROM release_agreement r
        WHERE r.organization_id = $1`,
      [org, now, from, to],
    );
    const o7 = num(row.overdue_7);
    const o30 = num(row.overdue_30);
    const oMore = num(row.overdue_more);
    return {
      pendingOnTime: num(row.on_time),
      overdueUpTo7Days: o7,
      overdue8To30Days: o30,
      overdueOver30Days: oMore,
      overdue: o7 + o30 + oMore,
      agreed: num(row.agreed),
      averageDaysToAgree: days(row.avg_days),
      agreedLate: num(row.agreed_late),
    };
  }
}
