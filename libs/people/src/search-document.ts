import { EntityManager } from 'typeorm';

/**
 * The per-employee search document (tsvector over name, title, department and skill names)
 * and skill vector (skill id -> proficiency), derived from the profile by the worker.
 * One statement; refreshing twice gives the same row (idempotent).
 */
export const REFRESH_SEARCH_DOCUMENTS_SQL = `
  INSERT INTO employee_search_document (employee_id, organization_id, document, skill_vector, source_event_id, refreshed_at)
  SELECT e.id, e.organization_id,
         setweight(to_tsvector('simple', e.full_name), 'A')
      || setweight(to_tsvector('simple', e.title), 'B')
      || setweight(to_tsvector('simple', coalesce(d.name, '')), 'C')
      || setweight(to_tsvector('simple', coalesce(sk.names, '')), 'B'),
         coalesce(sk.vector, '{}'::jsonb), $3, now()
    FROM employee e
    LEFT JOIN department d ON d.id = e.department_id
    LEFT JOIN LATERAL (
      SELECT string_agg(s.name, ' ') AS names, jsonb_object_agg(s.id, es.proficiency) AS vector
        FROM employee_skill es JOIN skill s ON s.id = es.skill_id
       WHERE es.employee_id = e.id
    ) sk ON true
   WHERE e.organization_id = $1 AND e.id = ANY($2)
  ON CONFLICT (employee_id) DO UPDATE
     SET document = EXCLUDED.document, skill_vector = EXCLUDED.skill_vector,
         source_event_id = EXCLUDED.source_event_id, refreshed_at = EXCLUDED.refreshed_at`;

export async function refreshSearchDocuments(
  manager: EntityManager,
  organizationId: string,
  employeeIds: string[],
  sourceEventId: string | null,
): Promise<void> {
  await manager.query(REFRESH_SEARCH_DOCUMENTS_SQL, [organizationId, employeeIds, sourceEventId]);
}

/** Free text to a prefix tsquery: "kube post" -> "kube:* & post:*". Null when nothing searchable is left. */
export function prefixQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `'${w.replace(/'/g, "''")}':*`).join(' & ') : null;
}
