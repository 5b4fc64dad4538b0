/**
 * The match score of an employee for an opening, and its explanation. Pure: the caller loads the
 * opening's skills and the employee's skills; the fan-out computes the same score in SQL
 * (`SCORE_SQL` in recommendation.service.ts), with the same integer arithmetic.
 *
 * For each required skill with minimum m and weight w, an employee at proficiency p earns
 * credit min(p, m) / m: MET when p >= m, PARTLY when 0 < p < m, MISSING when they lack it.
 * score = round(100 * sum(w * credit) / sum(w)), rounding halves up, computed exactly on
 * integers (every m divides 60). No required skills: score 100. Nice-to-have skills never change
 * the score; they are listed (held or not) in the explanation.
 * The level gap is opening level - employee level; exactly +1 is a "stretch".
 */

export enum SkillMatchStatus {
  MET = 'MET',
  PARTLY = 'PARTLY',
  MISSING = 'MISSING',
}

export interface RequiredSkill {
  skillId: string;
  minProficiency: number;
  weight: number;
}

export interface HeldSkill {
  skillId: string;
  proficiency: number;
}

export interface RequiredSkillResult extends RequiredSkill {
  proficiency: number | null;
  status: SkillMatchStatus;
  /** Points (out of 100) this skill adds to the score, one decimal. */
  weightedScore: number;
  /** Points this skill would add if met. */
  maxWeightedScore: number;
}

export interface NiceToHaveResult {
  skillId: string;
  proficiency: number | null;
  has: boolean;
}

export interface MatchExplanation {
  score: number;
  levelGap: number;
  stretch: boolean;
  required: RequiredSkillResult[];
  niceToHave: NiceToHaveResult[];
  /** Required skills not met (missing first, then partly), most important first. */
  gap: RequiredSkillResult[];
}

/** The common denominator of every credit: 60 is divisible by every minimum 1..5. */
export const CREDIT_SCALE = 60;

/** Integer credit of one required skill, in CREDIT_SCALE units per weight point. */
export function creditUnits(r: RequiredSkill, proficiency: number | null): number {
  const p = Math.max(0, proficiency ?? 0);
  return r.weight * Math.min(p, r.minProficiency) * (CREDIT_SCALE / r.minProficiency);
}

/** The 0-100 score: round(100 * N / D) with halves rounded up, on integers. */
export function matchScore(required: readonly RequiredSkill[], skills: ReadonlyMap<string, number>): number {
  const d = CREDIT_SCALE * required.reduce((sum, r) => sum + r.weight, 0);
  if (d === 0) return 100;
  const n = required.reduce((sum, r) => sum + creditUnits(r, skills.get(r.skillId) ?? null), 0);
  return Math.floor((200 * n + d) / (2 * d));
}

export function skillStatus(minProficiency: number, proficiency: number | null): SkillMatchStatus {
  if (!proficiency || proficiency <= 0) return SkillMatchStatus.MISSING;
  return proficiency >= minProficiency ? SkillMatchStatus.MET : SkillMatchStatus.PARTLY;
}

export function explainMatch(input: {
  required: readonly RequiredSkill[];
  niceToHave: readonly string[];
  skills: readonly HeldSkill[];
  openingLevel: number;
  employeeLevel: number;
}): MatchExplanation {
  const held = new Map(input.skills.map((s) => [s.skillId, s.proficiency]));
  const totalWeight = input.required.reduce((sum, r) => sum + r.weight, 0);
  const ordered = [...input.required].sort((a, b) => b.weight - a.weight || b.minProficiency - a.minProficiency || a.skillId.localeCompare(b.skillId));
  const required = ordered.map((r): RequiredSkillResult => {
    const proficiency = held.get(r.skillId) ?? null;
    const units = creditUnits(r, proficiency);
    const points = (100 * units) / (CREDIT_SCALE * totalWeight);
    return {
      ...r,
      proficiency,
      status: skillStatus(r.minProficiency, proficiency),
      weightedScore: Math.round(points * 10) / 10,
      maxWeightedScore: Math.round(((100 * r.weight) / totalWeight) * 10) / 10,
    };
  });
  const rank = { [SkillMatchStatus.MISSING]: 0, [SkillMatchStatus.PARTLY]: 1, [SkillMatchStatus.MET]: 2 };
  const gap = required
    .filter((r) => r.status !== SkillMatchStatus.MET)
    .sort((a, b) => rank[a.status] - rank[b.status] || b.weight - a.weight || a.skillId.localeCompare(b.skillId));
  const levelGap = input.openingLevel - input.employeeLevel;
  return {
    score: matchScore(input.required, held),
    levelGap,
    stretch: levelGap === 1,
    required,
    niceToHave: input.niceToHave.map((skillId) => {
      const proficiency = held.get(skillId) ?? null;
      return { skillId, proficiency, has: proficiency !== null && proficiency > 0 };
    }),
    gap,
  };
}

/**
 * Whether the recommendation fan-out notifies an employee: a score at or above the threshold, at
 * most one level above theirs (a stretch, not a leap). Mirrored by the fan-out SQL.
 */
export function isRecommended(score: number, levelGap: number, threshold: number): boolean {
  return score >= threshold && levelGap <= 1;
}

/** A one-line explanation: "Meets 2 of 3 required skills (partly Kubernetes); stretch role". */
export function summarize(m: MatchExplanation, nameOf: (skillId: string) => string): string {
  const parts: string[] = [];
  if (m.required.length) {
    const met = m.required.filter((r) => r.status === SkillMatchStatus.MET).length;
    const missing = m.gap.filter((r) => r.status === SkillMatchStatus.MISSING).map((r) => nameOf(r.skillId));
    const partly = m.gap.filter((r) => r.status === SkillMatchStatus.PARTLY).map((r) => nameOf(r.skillId));
    let s = `Meets ${met} of ${m.required.length} required skills`;
    const details = [missing.length ? `missing ${missing.join(', ')}` : '', partly.length ? `partly ${partly.join(', ')}` : ''].filter(Boolean);
    if (details.length) s += ` (${details.join('; ')})`;
    parts.push(s);
  } else {
    parts.push('No required skills');
  }
  if (m.stretch) parts.push('stretch role, one level above yours');
  else if (m.levelGap > 1) parts.push(`${m.levelGap} levels above yours`);
  return parts.join('; ');
}
