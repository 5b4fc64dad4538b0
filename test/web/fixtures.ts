/** Demo data for the web journeys, written with SQL through the test platform's connection. */
import { BASE_TAXONOMY, normalizeSkillName, REFRESH_SEARCH_DOCUMENTS_SQL } from '@waypoint/people';
import { DataSource } from 'typeorm';

export async function organizationSlug(db: DataSource, organizationId: string): Promise<string> {
  const [row] = await db.query('SELECT slug FROM organization WHERE id = $1', [organizationId]);
  return row.slug;
}

/** The base skill taxonomy with its aliases (as a new organization gets it); returns ids by name. */
export async function seedTaxonomy(db: DataSource, organizationId: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const entry of BASE_TAXONOMY) {
    const normalized = normalizeSkillName(entry.name);
    const [row] = await db.query(
      `INSERT INTO skill (organization_id, name, normalized_name, category) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, normalized_name) DO UPDATE SET name = skill.name RETURNING id`,
      [organizationId, entry.name, normalized, entry.category],
    );
    ids.set(entry.name, row.id);
    const aliases = [normalized, ...(entry.aliases ?? []).map(normalizeSkillName)].filter(Boolean);
    await db.query(
      `INSERT INTO skill_alias (organization_id, normalized_alias, skill_id) SELECT $1, a, $2 FROM unnest($3::text[]) a ON CONFLICT DO NOTHING`,
      [organizationId, row.id, aliases],
    );
  }
  return ids;
}

export async function giveSkills(
  db: DataSource,
  organizationId: string,
  employeeId: string,
  skills: { skillId: string; proficiency: number; wantsToLearn?: boolean; wantsToTeach?: boolean }[],
): Promise<void> {
  for (const s of skills) {
    await db.query(
      `INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency, wants_to_learn, wants_to_teach) VALUES ($1, $2, $3, $4, $5, $6)`,
      [employeeId, s.skillId, organizationId, s.proficiency, s.wantsToLearn ?? false, s.wantsToTeach ?? false],
    );
  }
}

/** The directory searches a derived document the worker refreshes after events; rows inserted with SQL need it too. */
export async function refreshSearchDocuments(db: DataSource, organizationId: string): Promise<void> {
  const rows: { id: string }[] = await db.query('SELECT id FROM employee WHERE organization_id = $1', [organizationId]);
  await db.query(REFRESH_SEARCH_DOCUMENTS_SQL, [organizationId, rows.map((r) => r.id), null]);
}

export async function addNotification(
  db: DataSource,
  organizationId: string,
  recipientId: string,
  n: { type: string; title: string; body?: string; minutesAgo?: number; read?: boolean },
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, created_at, read_at)
     VALUES ($1, $2, $3, gen_random_uuid(), $4, $5, now() - make_interval(mins => $6), CASE WHEN $7 THEN now() END) RETURNING id`,
    [organizationId, recipientId, n.type, n.title, n.body ?? '', n.minutesAgo ?? 0, n.read ?? false],
  );
  return row.id;
}
