import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, Caller, Clock, decodeCursor, Page, PageArgs, toPage } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { PersonToMeet } from './meeting.model';

interface Row {
  employee_id: string;
  full_name: string;
  score: number;
  reasons: string[];
  monthly_capacity: number | null;
  used: number;
  total: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How much each kind of reason weighs (a person may have several). */
export const SUGGESTION_WEIGHTS = { leadsTargetDepartment: 40, leadsBusinessUnit: 30, holdsTargetRole: 20, worksInTargetDepartment: 10 };

/**
 * "People to meet": towards the employee's target roles and departments (private, read for the
 * employee themselves only), the people who hold those roles, the leaders of those departments
 * and of the business units above them, and the people who work there. Leaves out the employee,
 * inactive people, hosts who opted out, hosts with no place left this month, and people the
 * employee already has an open request with or already met. One SQL statement per page.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async peopleToMeet(caller: Caller, page: PageArgs): Promise<Page<PersonToMeet>> {
    const params: unknown[] = [
      caller.organizationId,
      caller.employeeId,
      this.clock.now(),
      page.first + 1,
      SUGGESTION_WEIGHTS.leadsTargetDepartment,
      SUGGESTION_WEIGHTS.leadsBusinessUnit,
      SUGGESTION_WEIGHTS.holdsTargetRole,
      SUGGESTION_WEIGHTS.worksInTargetDepartment,
    ];
    let after = '';
    if (page.after) {
      const [score, name, id] = decodeCursor(page.after, 3);
      if (typeof score !== 'number' || typeof name !== 'string' || typeof id !== 'string' || !UUID.test(id)) {
        throw badInput('Malformed cursor: pass an endCursor returned by this list', 'after');
      }
      params.push(score, name, id);
      after = 'WHERE (o.score < $9 OR (o.score = $9 AND (o.full_name, o.employee_id) > ($10::text, $11::uuid)))';
    }
    const rows: Row[] = await this.db.query(
      `WITH RECURSIVE me AS (
         SELECT e.id, e.target_roles, e.target_department_ids FROM employee e WHERE e.organization_id = $1 AND e.id = $2
       ), up(target_id, id, parent_id, depth) AS (
         SELECT d.id, d.id, d.parent_id, 0 FROM department d, me WHERE d.organization_id = $1 AND d.id = ANY(me.target_department_ids)
         UNION ALL
         SELECT up.target_id, p.id, p.parent_id, up.depth + 1
           FROM up JOIN department p ON p.id = up.parent_id AND p.organization_id = $1
          WHERE up.depth < 20
       ), reasons(employee_id, weight, reason) AS (
         SELECT d.leader_id,
                CASE WHEN up.depth = 0 THEN $5::int ELSE $6::int END,
                CASE WHEN up.depth = 0 THEN format('Leads %s, a department you would like to work in', d.name)
                     ELSE format('Leads the business unit %s, which %s is part of', d.name, t.name) END
           FROM up
           JOIN department d ON d.id = up.id AND d.organization_id = $1
           JOIN department t ON t.id = up.target_id AND t.organization_id = $1
          WHERE d.active AND d.leader_id IS NOT NULL AND (up.depth = 0 OR d.kind = 'BUSINESS_UNIT')
         UNION ALL
         SELECT e.id, $7::int, format('Works as %s (you aim for %s)', e.title, btrim(r.role))
           FROM me CROSS JOIN LATERAL unnest(me.target_roles) AS r(role)
           JOIN employee e ON e.organization_id = $1 AND e.active AND strpos(lower(e.title), lower(btrim(r.role))) > 0
          WHERE length(btrim(r.role)) > 0
         UNION ALL
         SELECT e.id, $8::int, format('Works in %s, a department you would like to work in', d.name)
           FROM me
           JOIN employee e ON e.organization_id = $1 AND e.active AND e.department_id = ANY(me.target_department_ids)
           JOIN department d ON d.id = e.department_id AND d.organization_id = $1
       ), candidates AS (
         SELECT r.employee_id, sum(r.weight)::int AS score, array_agg(r.reason ORDER BY r.weight DESC, r.reason) AS reasons
           FROM (SELECT DISTINCT employee_id, weight, reason FROM reasons) r
          GROUP BY r.employee_id
       ), open AS (
         SELECT c.employee_id, e.full_name, c.score, c.reasons, h.monthly_capacity,
                (SELECT count(*)::int FROM research_meeting m
                  WHERE m.organization_id = $1 AND m.invitee_id = e.id
                    AND m.status IN ('REQUESTED', 'PROPOSED', 'SCHEDULED', 'COMPLETED')
                    AND m.capacity_month = date_trunc('month', $3::timestamptz AT TIME ZONE e.time_zone)::date) AS used
           FROM candidates c
           JOIN employee e ON e.id = c.employee_id AND e.organization_id = $1 AND e.active
           LEFT JOIN meeting_host h ON h.employee_id = e.id AND h.organization_id = $1
          WHERE e.id <> $2
            AND coalesce(h.accepting_requests, true)
            AND NOT EXISTS (
              SELECT 1 FROM research_meeting m
               WHERE m.organization_id = $1 AND m.requester_id = $2 AND m.invitee_id = e.id
                 AND m.status IN ('QUEUED', 'REQUESTED', 'PROPOSED', 'SCHEDULED', 'COMPLETED'))
       ), available AS (
         SELECT * FROM open WHERE monthly_capacity IS NULL OR used < monthly_capacity
       )
       SELECT o.*, (SELECT count(*)::int FROM available) AS total
         FROM available o
         ${after}
        ORDER BY o.score DESC, o.full_name, o.employee_id
        LIMIT $4`,
      params,
    );
    const nodes: (PersonToMeet & { fullName: string })[] = rows.map((r) => ({
      employeeId: r.employee_id,
      fullName: r.full_name,
      score: r.score,
      reasons: r.reasons,
      explanation: `${r.reasons.join('; ')}.`,
      freeThisMonth: r.monthly_capacity === null ? null : Math.max(0, r.monthly_capacity - r.used),
    }));
    const total = rows[0]?.total ?? (page.after ? await this.countOnly(caller, page) : 0);
    return toPage(nodes, page.first, total, (n) => [n.score, n.fullName, n.employeeId]);
  }

  /** The total when a page past the end came back empty (the count rides on the rows otherwise). */
  private async countOnly(caller: Caller, page: PageArgs): Promise<number> {
    const first = await this.peopleToMeet(caller, { ...page, after: undefined, first: 1 });
    return first.totalCount;
  }
}
