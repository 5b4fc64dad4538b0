import { EntityManager } from 'typeorm';
import { NOTIFY } from '../project.service';

/** Rows per chunk of the announcement fan-out: one INSERT ... SELECT each. */
export const ANNOUNCE_CHUNK = 5000;

/**
 * Who a project is announced to, as SQL over `employee e` ($1 organization, $2 excluded ids,
 * $3 project): active employees open to projects who have a needed skill at the required
 * proficiency or want to learn it. Shared by the job and the benchmark's baseline.
 */
export const PROJECT_AUDIENCE_SQL = `
      e.organization_id = $1 AND e.active AND e.open_to_projects
  AND e.id <> ALL($2::uuid[])
  AND EXISTS (
        SELECT 1 FROM project_skill ps
          JOIN employee_skill es ON es.skill_id = ps.skill_id AND es.employee_id = e.id
         WHERE ps.project_id = $3 AND ps.organization_id = $1
           AND (es.proficiency >= ps.min_proficiency OR es.wants_to_learn))`;

/**
 * The owner's own team, left out of the announcement: the owner, their manager, their peers
 * (same manager) and their direct reports.
 */
export async function ownersTeam(manager: EntityManager, organizationId: string, ownerId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT o.id FROM employee o WHERE o.organization_id = $1 AND o.id = $2
     UNION SELECT o.manager_id FROM employee o WHERE o.organization_id = $1 AND o.id = $2 AND o.manager_id IS NOT NULL
     UNION SELECT p.id FROM employee o JOIN employee p ON p.manager_id = o.manager_id AND p.organization_id = $1
            WHERE o.organization_id = $1 AND o.id = $2
     UNION SELECT r.id FROM employee r WHERE r.organization_id = $1 AND r.manager_id = $2`,
    [organizationId, ownerId],
  );
  return rows.map((r) => r.id);
}

export interface AnnounceProgress {
  /** Matching employees handled so far (of the whole audience). */
  matched: number;
  /** Notifications written so far by this run (a re-run writes none for those already told). */
  inserted: number;
  /** Ids of the notifications this chunk wrote (for live delivery). */
  insertedIds: string[];
}

export interface AnnouncedProject {
  id: string;
  organizationId: string;
  ownerId: string;
  title: string;
  goal: string;
  hoursPerWeek: number;
  durationWeeks: number;
  startDate: string;
}

/**
 * Announces a project. The audience is selected once, in one set-based query (the same plan as
 * a single INSERT ... SELECT would use); the notifications are then written in chunks, each one
 * statement that inserts with ON CONFLICT DO NOTHING (a re-run, or a redelivered job, adds
 * nothing) and adds what it inserted to `project.announced_count` atomically. Calls `onChunk`
 * after each chunk (progress, live delivery).
 */
export async function announceProject(
  manager: EntityManager,
  project: AnnouncedProject,
  onChunk: (progress: AnnounceProgress) => Promise<void>,
  chunk = ANNOUNCE_CHUNK,
): Promise<{ matched: number; inserted: number }> {
  const excluded = await ownersTeam(manager, project.organizationId, project.ownerId);
  const title = `New project: ${project.title}`;
  const body = `${project.hoursPerWeek} h/week for ${project.durationWeeks} weeks from ${project.startDate}. ${project.goal}`.slice(0, 500);
  const data = JSON.stringify({ projectId: project.id, hoursPerWeek: project.hoursPerWeek, startDate: project.startDate });
  const audience: { id: string }[] = await manager.query(
    `SELECT e.id FROM employee e WHERE ${PROJECT_AUDIENCE_SQL} ORDER BY e.id`,
    [project.organizationId, excluded, project.id],
  );
  let inserted = 0;
  for (let from = 0; from < audience.length || from === 0; from += chunk) {
    const ids = audience.slice(from, from + chunk).map((r) => r.id);
    const [row]: { ids: string[] | null }[] = ids.length
      ? await manager.query(
          `WITH ins AS (
             INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
             SELECT $1, b.id, $4, $3, $5, $6, $7::jsonb FROM unnest($2::uuid[]) AS b(id)
             ON CONFLICT (recipient_id, type, source_id) DO NOTHING
             RETURNING id
           ), counted AS (
             UPDATE project SET announced_count = announced_count + (SELECT count(*) FROM ins)
              WHERE id = $3 AND organization_id = $1 AND EXISTS (SELECT 1 FROM ins)
           )
           SELECT (SELECT array_agg(id) FROM ins) AS ids`,
          [project.organizationId, ids, project.id, NOTIFY.announced, title, body, data],
        )
      : [{ ids: [] }];
    const insertedIds = row.ids ?? [];
    inserted += insertedIds.length;
    await onChunk({ matched: Math.min(audience.length, from + chunk), inserted, insertedIds });
  }
  await manager.query('UPDATE project SET announced_at = now() WHERE id = $1 AND organization_id = $2', [project.id, project.organizationId]);
  return { matched: audience.length, inserted };
}
