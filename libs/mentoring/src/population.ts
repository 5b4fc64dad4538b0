import { Logger } from '@nestjs/common';
import { OrgScope } from '@waypoint/core';
import { MatchingWeights, MenteeProfile, MentorProfile, MentorSkill, normalizeWeights, PreviousPair, ScoringContext } from '@waypoint/matching';
import { EntityManager } from 'typeorm';
import { DEFAULT_MENTOR_CAPACITY } from './profile.entity';
import { utcOffsetMinutes } from './time-zone';

/** The engine needs a department for everyone; employees without one share this placeholder. */
export const NO_DEPARTMENT = 'no-department';

const logger = new Logger('MentoringPopulation');

/**
 * Effective mentor opt-in: an ACTIVE mentor_profile row, or no row and the profile flag
 * `open_to_mentoring`. Alias `e` is the employee, `mp` the mentor profile (LEFT JOIN).
 */
export const MENTOR_OPTED_IN = `(mp.status = 'ACTIVE' OR (mp.employee_id IS NULL AND e.open_to_mentoring))`;
/** Effective mentee opt-in (alias `e`, `mp` the mentee profile). */
export const MENTEE_OPTED_IN = `(mp.status = 'ACTIVE' OR (mp.employee_id IS NULL AND e.seeking_mentor))`;

/**
 * Seats a mentor has promised, by mentor (for `$1` = organization): active mentorships, open
 * proposals (published and unanswered or accepted by one side), and proposals awaiting HR review
 * in other rounds than `$roundParam`. The matching engine and the suggestions only offer mentors
 * with a seat left after these.
 */
export const usedSeatsCte = (roundParam: string) => `
  used AS (
    SELECT mentor_id, sum(n)::int AS n FROM (
      SELECT mentor_id, count(*)::int AS n FROM mentorship
       WHERE organization_id = $1 AND status = 'ACTIVE' GROUP BY mentor_id
      UNION ALL
      SELECT mentor_id, count(*)::int FROM mentoring_proposal
       WHERE organization_id = $1 AND (status = 'PUBLISHED' OR (status = 'PROPOSED' AND round_id IS DISTINCT FROM ${roundParam}))
       GROUP BY mentor_id
    ) s GROUP BY mentor_id
  )`;

export interface Eligibility {
  departmentIds: string[];
  minLevel: number | null;
  maxLevel: number | null;
}

export interface MenteeQuery extends Eligibility {
  /** The round being matched (its own unpublished proposals do not count as busy / previous). */
  roundId: string | null;
  includeAlreadyMentored: boolean;
  /** Only these employees. */
  ids?: string[];
  /** false: the employees need not have opted in (a "find me a mentor" search). */
  requireOptIn?: boolean;
  /** false: keep employees who have an open proposal or request elsewhere. */
  excludeBusy?: boolean;
}

export interface MentorQuery extends Eligibility {
  roundId: string | null;
  /** Only mentors the engine can reach from these wants / target departments (one mentee at a time). */
  reach?: { skillIds: string[]; departmentIds: string[] };
}

export interface MenteeRow {
  id: string;
  department_id: string | null;
  level: number;
  languages: string[];
  time_zone: string;
  target_roles: string[];
  target_department_ids: string[];
  learn_skill_ids: string[];
}

export interface MentorRow {
  id: string;
  department_id: string | null;
  level: number;
  title: string;
  languages: string[];
  time_zone: string;
  free: number;
  capacity: number;
  topic_skill_ids: string[];
  availability: string;
}

export interface MatchingInput {
  mentees: MenteeProfile[];
  mentors: MentorProfile[];
  context: ScoringContext;
  /** Free seats of the mentors offered. */
  seats: number;
}

const eligibility = (alias: string, first: number) => `
  (cardinality($${first}::uuid[]) = 0 OR ${alias}.department_id = ANY($${first}::uuid[]))
  AND ${alias}.level >= coalesce($${first + 1}::int, 1) AND ${alias}.level <= coalesce($${first + 2}::int, 12)`;

/**
 * Reads what the matching engine needs from the database, always filtered on the organization:
 * employees (level, title, department, languages, time zone, target roles and departments),
 * their skills (proficiency, wants to learn / teach), mentoring profiles, seats in use, and
 * pairs that were matched before. A constant number of statements whatever the population.
 */
export class MentoringPopulation {
  constructor(private readonly now: () => Date) {}

  async mentees(m: EntityManager, scope: OrgScope, q: MenteeQuery): Promise<MenteeRow[]> {
    return m.query(
      `SELECT e.id, e.department_id, e.level, e.languages, e.time_zone, e.target_roles, e.target_department_ids,
              CASE WHEN mp.status = 'ACTIVE' THEN mp.learn_skill_ids ELSE '{}'::uuid[] END AS learn_skill_ids
         FROM employee e
         LEFT JOIN mentee_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
        WHERE e.organization_id = $1 AND e.active
          AND (NOT $6::boolean OR ${MENTEE_OPTED_IN})
          AND ($7::uuid[] IS NULL OR e.id = ANY($7::uuid[]))
          AND ${eligibility('e', 2)}
          -- NOT IN (hashed sub-plans): one pass whatever the planner thinks of freshly written proposals.
          AND (NOT $9::boolean OR e.id NOT IN (
                SELECT p.mentee_id FROM mentoring_proposal p
                 WHERE p.organization_id = $1 AND (p.status = 'PUBLISHED' OR (p.status = 'PROPOSED' AND p.round_id IS DISTINCT FROM $5::uuid))))
          AND ($8::boolean OR e.id NOT IN (SELECT ms.mentee_id FROM mentorship ms WHERE ms.organization_id = $1 AND ms.status = 'ACTIVE'))
        ORDER BY e.id`,
      [
        scope.organizationId,
        q.departmentIds,
        q.minLevel,
        q.maxLevel,
        q.roundId,
        q.requireOptIn ?? true,
        q.ids ?? null,
        q.includeAlreadyMentored,
        q.excludeBusy ?? true,
      ],
    );
  }

  /** What the engine can reach mentors through for one mentee: the skills they want to learn, their target departments. */
  async reachOf(m: EntityManager, scope: OrgScope, mentee: MenteeRow): Promise<{ skillIds: string[]; departmentIds: string[] }> {
    const rows: { skill_id: string }[] = await m.query(
      `SELECT skill_id FROM employee_skill WHERE organization_id = $1 AND employee_id = $2 AND wants_to_learn`,
      [scope.organizationId, mentee.id],
    );
    return {
      skillIds: [...new Set([...(mentee.learn_skill_ids ?? []), ...rows.map((r) => r.skill_id)])],
      departmentIds: mentee.target_department_ids ?? [],
    };
  }

  async mentors(m: EntityManager, scope: OrgScope, q: MentorQuery): Promise<MentorRow[]> {
    return m.query(
      `WITH ${usedSeatsCte('$5::uuid')}
       SELECT e.id, e.department_id, e.level, e.title, e.languages, e.time_zone,
              coalesce(mp.capacity, ${DEFAULT_MENTOR_CAPACITY}) AS capacity,
              coalesce(mp.capacity, ${DEFAULT_MENTOR_CAPACITY}) - coalesce(u.n, 0) AS free,
              coalesce(mp.topic_skill_ids, '{}'::uuid[]) AS topic_skill_ids, coalesce(mp.availability, '') AS availability
         FROM employee e
         LEFT JOIN mentor_profile mp ON mp.employee_id = e.id AND mp.organization_id = $1
         LEFT JOIN used u ON u.mentor_id = e.id
        WHERE e.organization_id = $1 AND e.active AND ${MENTOR_OPTED_IN}
          AND coalesce(mp.capacity, ${DEFAULT_MENTOR_CAPACITY}) - coalesce(u.n, 0) > 0
          AND ${eligibility('e', 2)}
          AND ($6::uuid[] IS NULL
               OR e.department_id = ANY($7::uuid[])
               OR coalesce(mp.topic_skill_ids, '{}'::uuid[]) && $6::uuid[]
               OR EXISTS (SELECT 1 FROM employee_skill es
                           WHERE es.organization_id = $1 AND es.employee_id = e.id AND es.skill_id = ANY($6::uuid[])))
        ORDER BY e.id`,
      [
        scope.organizationId,
        q.departmentIds,
        q.minLevel,
        q.maxLevel,
        q.roundId,
        q.reach ? q.reach.skillIds : null,
        q.reach ? q.reach.departmentIds : [],
      ],
    );
  }

  /**
   * The engine's input for these mentees and mentors: skills, manager chains (the hard
   * constraint), earlier pairs, skill rarity, names for the explanations, the organization's
   * matching weights (organization.settings.matchingWeights).
   *
   * `mentorSkillIds`: read only these skills of the mentors. For one mentee, pass the skills it
   * wants to learn (`reachOf(...).skillIds`): the engine only reads a mentor's skills through the
   * mentee's wants (the teach score, the skill postings it walks, the explanations), so the answer
   * is the same, while a common skill no longer loads every skill of thousands of mentors.
   */
  async input(
    m: EntityManager,
    scope: OrgScope,
    menteeRows: MenteeRow[],
    mentorRows: MentorRow[],
    roundId: string | null,
    singleMentee = false,
    mentorSkillIds?: string[],
  ): Promise<MatchingInput> {
    const org = scope.organizationId;
    const menteeIds = menteeRows.map((r) => r.id);
    const mentorIds = mentorRows.map((r) => r.id);
    const [wanted, mentorSkills, reports, previous, settings] = await Promise.all([
      m.query(`SELECT employee_id, skill_id FROM employee_skill WHERE organization_id = $1 AND wants_to_learn AND employee_id = ANY($2::uuid[])`, [
        org,
        menteeIds,
      ]) as Promise<{ employee_id: string; skill_id: string }[]>,
      m.query(
        `SELECT employee_id, skill_id, proficiency, wants_to_teach FROM employee_skill
          WHERE organization_id = $1 AND employee_id = ANY($2::uuid[]) AND ($3::uuid[] IS NULL OR skill_id = ANY($3::uuid[]))`,
        [org, mentorIds, mentorSkillIds ?? null],
      ) as Promise<{ employee_id: string; skill_id: string; proficiency: number; wants_to_teach: boolean }[]>,
      singleMentee
        ? chainRows(m, org, menteeIds[0])
        : (m.query(`SELECT id, manager_id FROM employee WHERE organization_id = $1 AND manager_id IS NOT NULL`, [org]) as Promise<
            { id: string; manager_id: string }[]
          >),
      previousPairs(m, org, menteeIds, roundId),
      m.query(`SELECT settings -> 'matchingWeights' AS weights FROM organization WHERE id = $1`, [org]) as Promise<{ weights: unknown }[]>,
    ]);

    const learn = new Map<string, Set<string>>();
    for (const r of menteeRows) learn.set(r.id, new Set(r.learn_skill_ids));
    for (const w of wanted) learn.get(w.employee_id)?.add(w.skill_id);
    const wantedSkillIds = [...new Set([...learn.values()].flatMap((s) => [...s]))];

    const managerOf = new Map(reports.map((r) => [r.id, r.manager_id]));
    const chainOf = (id: string): string[] => {
      const chain: string[] = [];
      const seen = new Set([id]);
      for (let at = managerOf.get(id); at && !seen.has(at) && chain.length < 50; at = managerOf.get(at)) {
        chain.push(at);
        seen.add(at);
      }
      return chain;
    };

    // Rarity and names: only the wanted skills count (rarity weighs wants; reasons name them).
    const targetDepartments = [...new Set(menteeRows.flatMap((r) => r.target_department_ids ?? []))];
    const [frequency, skillNames, departmentNames] = await Promise.all([
      m.query(`SELECT skill_id, count(*)::int AS n FROM employee_skill WHERE organization_id = $1 AND skill_id = ANY($2::uuid[]) GROUP BY skill_id`, [
        org,
        wantedSkillIds,
      ]) as Promise<{ skill_id: string; n: number }[]>,
      m.query(`SELECT id, name FROM skill WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [org, wantedSkillIds]) as Promise<
        { id: string; name: string }[]
      >,
      m.query(`SELECT id, name FROM department WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [org, targetDepartments]) as Promise<
        { id: string; name: string }[]
      >,
    ]);

    const now = this.now();
    const mentees: MenteeProfile[] = menteeRows.map((r) => ({
      id: r.id,
      departmentId: r.department_id ?? NO_DEPARTMENT,
      level: r.level,
      managerChainIds: chainOf(r.id),
      learnSkillIds: [...(learn.get(r.id) ?? [])],
      targetRoleTitles: r.target_roles ?? [],
      targetDepartmentIds: r.target_department_ids ?? [],
      languages: r.languages ?? [],
      utcOffsetMinutes: utcOffsetMinutes(r.time_zone, now),
    }));

    const skillsOf = new Map<string, MentorSkill[]>();
    for (const s of mentorSkills) {
      let list = skillsOf.get(s.employee_id);
      if (!list) skillsOf.set(s.employee_id, (list = []));
      list.push({ skillId: s.skill_id, proficiency: s.proficiency, wantsToTeach: s.wants_to_teach });
    }
    let seats = 0;
    const mentors: MentorProfile[] = mentorRows.map((r) => {
      const skills = skillsOf.get(r.id) ?? [];
      // Topics are skills the mentor offers to teach: taught at their proficiency, or 3 when not on their profile.
      for (const topic of r.topic_skill_ids ?? []) {
        const held = skills.find((s) => s.skillId === topic);
        if (held) held.wantsToTeach = true;
        else skills.push({ skillId: topic, proficiency: 3, wantsToTeach: true });
      }
      seats += Math.max(0, r.free);
      return {
        id: r.id,
        departmentId: r.department_id ?? NO_DEPARTMENT,
        level: r.level,
        title: r.title,
        skills,
        languages: r.languages ?? [],
        utcOffsetMinutes: utcOffsetMinutes(r.time_zone, now),
        freeCapacity: r.free,
      };
    });

    const context: ScoringContext = {
      skillFrequency: new Map(frequency.map((f) => [f.skill_id, f.n])),
      skillNames: new Map(skillNames.map((s) => [s.id, s.name])),
      departmentNames: new Map(departmentNames.map((d) => [d.id, d.name])),
      previousPairs: previous,
      weights: organizationWeights(settings[0]?.weights),
    };
    return { mentees, mentors, context, seats };
  }
}

/** The manager chain of one employee (id -> manager rows along it), by one recursive query. */
async function chainRows(m: EntityManager, org: string, employeeId: string | undefined): Promise<{ id: string; manager_id: string }[]> {
  if (!employeeId) return [];
  return m.query(
    `WITH RECURSIVE up(id, manager_id, depth) AS (
       SELECT id, manager_id, 1 FROM employee WHERE organization_id = $1 AND id = $2 AND manager_id IS NOT NULL
       UNION ALL
       SELECT e.id, e.manager_id, up.depth + 1 FROM up JOIN employee e ON e.id = up.manager_id AND e.organization_id = $1
        WHERE e.manager_id IS NOT NULL AND up.depth < 50
     )
     SELECT id, manager_id FROM up`,
    [org, employeeId],
  );
}

/**
 * Pairs that may never be proposed again: every proposal of these mentees (whatever became of it,
 * HR withdrawals included) except the unpublished ones of the round being matched, and every mentorship.
 */
async function previousPairs(m: EntityManager, org: string, menteeIds: string[], roundId: string | null): Promise<PreviousPair[]> {
  const rows: { mentee_id: string; mentor_id: string }[] = await m.query(
    `SELECT mentee_id, mentor_id FROM mentoring_proposal
      WHERE organization_id = $1 AND mentee_id = ANY($2::uuid[])
        AND NOT (status = 'PROPOSED' AND round_id IS NOT DISTINCT FROM $3::uuid)
     UNION
     SELECT mentee_id, mentor_id FROM mentorship WHERE organization_id = $1 AND mentee_id = ANY($2::uuid[])`,
    [org, menteeIds, roundId],
  );
  return rows.map((r) => ({ menteeId: r.mentee_id, mentorId: r.mentor_id }));
}

/** organization.settings.matchingWeights when it is a valid set of weights; otherwise the engine's defaults. */
export function organizationWeights(raw: unknown): Partial<MatchingWeights> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const weights = Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([, v]) => typeof v === 'number')) as Partial<MatchingWeights>;
  try {
    normalizeWeights(weights);
    return weights;
  } catch (e) {
    logger.warn(`Ignoring invalid organization matching weights: ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
}
