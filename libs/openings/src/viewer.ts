import { Caller, isHr } from '@waypoint/core';

/**
 * Whether opening `o` targets an employee, given SQL expressions for their department path
 * (uuid[]), level and location. Everyone, or every chosen dimension matches (any value within one).
 */
export function targetedSql(o: string, e: { departmentPath: string; level: string; location: string }): string {
  return `(${o}.visible_to_all OR (
      (cardinality(${o}.visible_department_ids) = 0 OR ${o}.visible_department_ids && ${e.departmentPath})
      AND (cardinality(${o}.visible_levels) = 0 OR ${e.level} = ANY(${o}.visible_levels))
      AND (cardinality(${o}.visible_locations) = 0
           OR EXISTS (SELECT 1 FROM unnest(${o}.visible_locations) vl WHERE lower(vl) = lower(${e.location})))))`;
}

/**
 * `targetedSql` for the caller (named parameters of `viewerParams`). Their level, location and
 * department path (their department and every one above it) are uncorrelated subqueries:
 * PostgreSQL computes each once per statement, and no separate round trip is needed.
 */
export const TARGETED_FOR_VIEWER = targetedSql('o', {
  departmentPath: `(WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT d.id, d.parent_id, 0 FROM department d
        JOIN employee ve ON ve.department_id = d.id AND ve.id = :vMe AND ve.organization_id = :vOrg
      UNION ALL
      SELECT d.id, d.parent_id, up.depth + 1 FROM department d JOIN up ON d.id = up.parent_id WHERE up.depth < 50
    ) SELECT coalesce(array_agg(id), '{}'::uuid[]) FROM up)`,
  level: `(SELECT ve.level FROM employee ve WHERE ve.id = :vMe AND ve.organization_id = :vOrg)`,
  location: `(SELECT ve.location FROM employee ve WHERE ve.id = :vMe AND ve.organization_id = :vOrg)`,
});

export function viewerParams(caller: Caller): Record<string, unknown> {
  return { vMe: caller.employeeId, vOrg: caller.organizationId, vHr: isHr(caller) };
}

/**
 * Whether the caller may open opening `o` (named parameters of `viewerParams`):
 * HR see every opening; others never see drafts, and see an opening when it is published and
 * targets them, when they saved it while it targeted them, when they applied to it, or when they
 * are its hiring manager.
 */
export const OPENING_READABLE = `(CAST(:vHr AS boolean) OR (o.status <> 'DRAFT' AND (
    o.hiring_manager_id = :vMe
    OR EXISTS (SELECT 1 FROM application va WHERE va.opening_id = o.id AND va.applicant_id = :vMe)
    OR (${TARGETED_FOR_VIEWER} AND (o.status = 'PUBLISHED'
        OR EXISTS (SELECT 1 FROM saved_opening vs WHERE vs.opening_id = o.id AND vs.employee_id = :vMe))))))`;
