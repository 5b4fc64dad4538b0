import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CREDIT_SCALE } from './match';
import { targetedSql } from './viewer';

/** Candidates (active, open to opportunities) examined per statement: one statement per chunk, one transaction each. */
export const RECOMMENDATION_CHUNK = 10_000;

export interface FanOutProgress {
  /** Employees open to opportunities examined so far (of `total`). */
  scanned: number;
  total: number;
  recommended: number;
  percent: number;
}

/**
 * One chunk of the recommendation fan-out, set-based: the next `$4` employees of organization
 * `$1` after id `$3` who are active and open to opportunities (a partial index walks exactly
 * them), those the published opening `$2` targets who are not its hiring manager, not already
 * applicants, and at most one level below it, scored in SQL exactly as `matchScore` does, and
 * notified when the score reaches `$5`.
 * `ON CONFLICT DO NOTHING` on (recipient, type, source) makes a re-run add nothing.
 */
export const FAN_OUT_CHUNK_SQL = `
  WITH RECURSIVE o AS (
    SELECT op.id, op.title, op.level, op.hiring_manager_id, op.visible_to_all, op.visible_department_ids,
           op.visible_levels, op.visible_locations
      FROM opening op WHERE op.organization_id = $1 AND op.id = $2 AND op.status = 'PUBLISHED'
  ), batch AS (
    SELECT e.id, e.level, e.location, e.department_id
      FROM employee e
     WHERE e.organization_id = $1 AND e.active AND e.open_to_opportunities AND ($3::uuid IS NULL OR e.id > $3::uuid)
     ORDER BY e.id LIMIT $4
  ), up(dept, id, depth) AS (
    SELECT d.id, d.id, 0 FROM department d WHERE d.organization_id = $1
    UNION ALL
    SELECT up.dept, p.parent_id, up.depth + 1 FROM up JOIN department p ON p.id = up.id
     WHERE p.parent_id IS NOT NULL AND up.depth < 50
  ), paths AS (
    SELECT dept AS id, array_agg(id) AS path FROM up GROUP BY dept
  ), req AS MATERIALIZED (
    SELECT skill_id, min_proficiency, weight FROM opening_skill
     WHERE organization_id = $1 AND opening_id = $2 AND kind = 'REQUIRED'
  ), den AS (
    SELECT ${CREDIT_SCALE} * coalesce(sum(weight), 0)::bigint AS d FROM req
  ), cand AS MATERIALIZED (
    SELECT b.id, b.level FROM batch b CROSS JOIN o LEFT JOIN paths pa ON pa.id = b.department_id
     WHERE b.id <> o.hiring_manager_id AND o.level - b.level <= 1
       AND ${targetedSql('o', { departmentPath: 'pa.path', level: 'b.level', location: 'b.location' })}
       AND NOT EXISTS (SELECT 1 FROM application a WHERE a.opening_id = o.id AND a.applicant_id = b.id)
  ), scored AS MATERIALIZED (
    -- Once per candidate: a primary-key probe of employee_skill per required skill.
    SELECT c.id, c.level, sc.n
      FROM cand c CROSS JOIN LATERAL (
        SELECT coalesce(sum(r.weight * least(es.proficiency, r.min_proficiency) * (${CREDIT_SCALE} / r.min_proficiency)), 0)::bigint AS n
          FROM req r JOIN employee_skill es ON es.employee_id = c.id AND es.skill_id = r.skill_id
      ) sc
  ), pass AS MATERIALIZED (
    SELECT s.id, s.level, CASE WHEN den.d = 0 THEN 100 ELSE (200 * s.n + den.d) / (2 * den.d) END AS score
      FROM scored s CROSS JOIN den
  ), ins AS (
    INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
    SELECT $1, p.id, 'OPENING_RECOMMENDED', o.id, 'Recommended opening: ' || o.title,
           format('%s%% match%s', p.score, CASE WHEN o.level = p.level + 1 THEN ', a stretch role' ELSE '' END),
           jsonb_build_object('openingId', o.id, 'score', p.score, 'stretch', o.level = p.level + 1)
      FROM pass p CROSS JOIN o
     WHERE p.score >= $5
    ON CONFLICT (recipient_id, type, source_id) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last_id,
         (SELECT count(*)::int FROM batch) AS scanned,
         (SELECT count(*)::int FROM ins) AS inserted,
         (SELECT count(*)::int FROM o) AS live`;

/** The OpeningPublished fan-out: one OPENING_RECOMMENDED notification per matching employee. */
@Injectable()
export class RecommendationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async fanOut(
    organizationId: string,
    openingId: string,
    threshold: number,
    onProgress: (p: FanOutProgress) => Promise<unknown> = async () => undefined,
    chunk = RECOMMENDATION_CHUNK,
    manager: EntityManager = this.db.manager,
  ): Promise<FanOutProgress & { published: boolean }> {
    const [{ total }] = await manager.query(
      'SELECT count(*)::int AS total FROM employee WHERE organization_id = $1 AND active AND open_to_opportunities',
      [organizationId],
    );
    const progress: FanOutProgress = { scanned: 0, total, recommended: 0, percent: 0 };
    let after: string | null = null;
    for (;;) {
      const [row]: { last_id: string | null; scanned: number; inserted: number; live: number }[] = await manager.query(FAN_OUT_CHUNK_SQL, [
        organizationId,
        openingId,
        after,
        chunk,
        threshold,
      ]);
      // Paused, closed or gone since it was published: nothing to announce.
      if (!row.live) return { ...progress, published: false };
      progress.scanned += row.scanned;
      progress.recommended += row.inserted;
      progress.percent = total ? Math.min(100, Math.round((100 * progress.scanned) / total)) : 100;
      await onProgress({ ...progress });
      if (row.scanned < chunk || !row.last_id) break;
      after = row.last_id;
    }
    progress.percent = 100;
    return { ...progress, published: true };
  }
}
