/** Seeded synthetic organizations for the matching benchmarks. */
import type { AssignmentGraph, MenteeProfile, MentorProfile, ScoringContext } from '@waypoint/matching';
import { prng } from '../../libs/matching/test/prng';

/** Draws 0..n-1 with probability proportional to 1 / (rank + 1)^exponent. */
function zipf(random: () => number, n: number, exponent: number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cumulative[r] = sum += 1 / (r + 1) ** exponent;
  return () => {
    const x = random() * sum;
    let [lo, hi] = [0, n - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SKILLS = 2000;
const DEPARTMENTS = 60;
const TITLES = 120;
const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'ja', 'zh', 'hi', 'ar'];
const OFFSETS = [-480, -300, -180, 0, 60, 120, 330, 480, 540, 600];

export interface Organization {
  mentees: MenteeProfile[];
  mentors: MentorProfile[];
  context: ScoringContext;
}

/**
 * `menteeCount` mentees and menteeCount / 4 mentors with capacity 1-3. Skills, departments, titles,
 * languages and time zones follow skewed (Zipf) popularity, as in real organizations.
 */
export function generateOrganization(menteeCount: number, seed = 42): Organization {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const skill = zipf(random, SKILLS, 1.1);
  const department = zipf(random, DEPARTMENTS, 0.8);
  const title = zipf(random, TITLES, 0.9);
  const language = zipf(random, LANGUAGES.length, 1.5);
  const offset = zipf(random, OFFSETS.length, 0.7);
  const distinct = (count: number, draw: () => number) => {
    const set = new Set<number>();
    for (let tries = 0; set.size < count && tries < 4 * count; tries++) set.add(draw());
    return [...set];
  };
  const languagesOf = () => [...new Set([random() < 0.85 ? 'en' : LANGUAGES[language()], ...distinct(int(0, 2), language).map((l) => LANGUAGES[l])])];
  const frequency = new Map<string, number>();
  const hold = (skillId: string) => frequency.set(skillId, (frequency.get(skillId) ?? 0) + 1);

  const mentorCount = Math.max(1, Math.floor(menteeCount / 4));
  const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, i) => {
    const skills = distinct(int(4, 12), skill).map((s) => ({
      skillId: `s${s}`,
      proficiency: int(2, 5),
      wantsToTeach: random() < 0.6,
    }));
    skills.forEach((s) => hold(s.skillId));
    return {
      id: `m${String(i).padStart(7, '0')}`,
      departmentId: `d${department()}`,
      level: int(3, 8),
      title: `Title ${title()}`,
      skills,
      languages: languagesOf(),
      utcOffsetMinutes: OFFSETS[offset()],
      freeCapacity: int(1, 3),
    };
  });
  const mentees: MenteeProfile[] = Array.from({ length: menteeCount }, (_, i) => {
    const held = distinct(int(3, 8), skill);
    held.forEach((s) => hold(`s${s}`));
    return {
      id: `e${String(i).padStart(7, '0')}`,
      departmentId: `d${department()}`,
      level: int(1, 5),
      managerChainIds: Array.from({ length: int(1, 4) }, () => mentors[int(0, mentorCount - 1)].id),
      learnSkillIds: distinct(int(2, 6), skill).map((s) => `s${s}`),
      targetRoleTitles: distinct(int(0, 2), title).map((t) => `Title ${t}`),
      targetDepartmentIds: distinct(int(0, 2), department).map((d) => `d${d}`),
      languages: languagesOf(),
      utcOffsetMinutes: OFFSETS[offset()],
    };
  });
  const previousPairs = mentees
    .filter(() => random() < 0.05)
    .map((e) => ({ menteeId: e.id, mentorId: mentors[int(0, mentorCount - 1)].id }));
  return {
    mentees,
    mentors,
    context: {
      skillFrequency: frequency,
      skillNames: new Map(Array.from({ length: SKILLS }, (_, s) => [`s${s}`, `Skill ${s}`])),
      previousPairs,
    },
  };
}

/** A complete graph: `menteeCount` mentees, menteeCount / 4 mentors with capacity 1-3, random scores. */
export function generateDense(menteeCount: number, seed = 7): AssignmentGraph {
  const random = prng(seed);
  const mentorCount = Math.max(1, Math.floor(menteeCount / 4));
  const capacity = Int32Array.from({ length: mentorCount }, () => 1 + Math.floor(random() * 3));
  const offsets = Int32Array.from({ length: menteeCount + 1 }, (_, i) => i * mentorCount);
  const mentor = Int32Array.from({ length: menteeCount * mentorCount }, (_, e) => e % mentorCount);
  const score = Float64Array.from(mentor, () => random());
  return { capacity, offsets, mentor, score };
}
