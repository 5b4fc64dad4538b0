/**
 * Skill gaps toward a target role, from the directory: what the people who hold that role
 * today typically have, against the employee's own skills. A stand-in until the matching API
 * publishes role requirements; the result shape (skill, typical level, yours, gap, why) stays.
 */
export interface HolderSkill {
  skillId: string;
  proficiency: number;
  wantsToTeach: boolean;
  skill: { id: string; name: string };
}

export interface Holder {
  id: string;
  fullName: string;
  title: string;
  department?: { id: string; name: string } | null;
  skills: HolderSkill[];
}

export interface MySkill {
  skillId: string;
  proficiency: number;
  wantsToLearn: boolean;
}

export interface SkillGap {
  skillId: string;
  name: string;
  /** Median proficiency among the holders who have the skill. */
  typical: number;
  mine: number;
  gap: number;
  /** How many of the holders have it. */
  holders: number;
  wantsToLearn: boolean;
}

export interface PersonToMeet {
  person: Holder;
  explanation: string;
  teaches: string[];
}

export interface RoleInsight {
  role: string;
  holders: Holder[];
  gaps: SkillGap[];
  people: PersonToMeet[];
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter(Boolean);

/** Does `title` name the role (all of the role's words appear in it)? "Senior Engineering Manager" holds "Engineering Manager". */
export function holdsRole(title: string, role: string): boolean {
  const t = new Set(words(title));
  const r = words(role);
  return r.length > 0 && r.every((w) => t.has(w));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

export function roleInsight(role: string, candidates: Holder[], me: { id: string; skills: MySkill[] }, options = { minShare: 0.3, maxSkills: 6, maxPeople: 3 }): RoleInsight {
  const holders = candidates.filter((c) => c.id !== me.id && holdsRole(c.title, role));
  const mine = new Map(me.skills.map((s) => [s.skillId, s]));
  const bySkill = new Map<string, { name: string; levels: number[] }>();
  for (const h of holders) {
    for (const s of h.skills) {
      const entry = bySkill.get(s.skillId) ?? { name: s.skill.name, levels: [] };
      entry.levels.push(s.proficiency);
      bySkill.set(s.skillId, entry);
    }
  }
  const gaps: SkillGap[] = [...bySkill.entries()]
    .filter(([, e]) => holders.length > 0 && e.levels.length / holders.length >= options.minShare)
    .sort((a, b) => b[1].levels.length - a[1].levels.length || a[1].name.localeCompare(b[1].name))
    .slice(0, options.maxSkills)
    .map(([skillId, e]) => {
      const typical = median(e.levels);
      const own = mine.get(skillId);
      const level = own?.proficiency ?? 0;
      return { skillId, name: e.name, typical, mine: level, gap: Math.max(0, typical - level), holders: e.levels.length, wantsToLearn: !!own?.wantsToLearn };
    })
    .sort((a, b) => b.gap - a.gap || b.holders - a.holders);

  const open = new Set(gaps.filter((g) => g.gap > 0).map((g) => g.skillId));
  const people = holders
    .map((person) => {
      const teaches = person.skills.filter((s) => s.wantsToTeach && (open.has(s.skillId) || mine.get(s.skillId)?.wantsToLearn)).map((s) => s.skill.name);
      const strong = person.skills.filter((s) => open.has(s.skillId)).length;
      return { person, teaches, score: teaches.length * 2 + strong };
    })
    .sort((a, b) => b.score - a.score || a.person.fullName.localeCompare(b.person.fullName))
    .slice(0, options.maxPeople)
    .map(({ person, teaches }) => ({
      person,
      teaches,
      explanation: `${person.title}${person.department ? ` in ${person.department.name}` : ''}: the role you are aiming for.`,
    }));
  return { role, holders, gaps, people };
}
