/** Plain profile objects the engine scores. Ids are opaque strings (uuids in Waypoint). */
export interface MenteeProfile {
  id: string;
  departmentId: string;
  /** Career level, an integer (higher is more senior). */
  level: number;
  /** Everyone above the mentee in the reporting line: never allowed as mentors. */
  managerChainIds: readonly string[];
  /** Skills the mentee wants to learn. */
  learnSkillIds: readonly string[];
  /** Role titles the mentee aims for ("two jobs from now"); compared case-insensitively. */
  targetRoleTitles: readonly string[];
  targetDepartmentIds: readonly string[];
  /** Language codes, e.g. "en". */
  languages: readonly string[];
  utcOffsetMinutes: number;
}

export interface MentorSkill {
  skillId: string;
  /** 1..5 */
  proficiency: number;
  wantsToTeach: boolean;
}

export interface MentorProfile {
  id: string;
  departmentId: string;
  level: number;
  title: string;
  skills: readonly MentorSkill[];
  languages: readonly string[];
  utcOffsetMinutes: number;
  /** How many more mentees this mentor accepts in the round; 0 or less excludes the mentor. */
  freeCapacity: number;
}

/** Relative weights of the score components; normalised to sum 1 before use. */
export interface MatchingWeights {
  teachLearn: number;
  goal: number;
  reach: number;
  seniority: number;
  language: number;
  timezone: number;
}

export type ComponentName = keyof MatchingWeights;

/** Per-component scores of a pair, each in [0, 1]. */
export type ScoreComponents = Record<ComponentName, number>;

export interface PreviousPair {
  menteeId: string;
  mentorId: string;
}

export interface ScoringContext {
  /** skillId -> number of people in the organization holding the skill; rarer skills weigh more. */
  skillFrequency: ReadonlyMap<string, number>;
  /** skillId -> display name, for explanations. */
  skillNames: ReadonlyMap<string, string>;
  /** departmentId -> display name, for explanations (the id is shown when absent). */
  departmentNames?: ReadonlyMap<string, string>;
  /** Pairs matched in earlier rounds: never proposed again. */
  previousPairs?: readonly PreviousPair[];
  /** Organization weights; missing keys take DEFAULT_WEIGHTS. */
  weights?: Partial<MatchingWeights>;
}

export type HardConstraint = 'self' | 'management-chain' | 'previous-pair' | 'no-capacity';

export type PairScore =
  | { allowed: true; score: number; components: ScoreComponents; reasons: string[] }
  | { allowed: false; violation: HardConstraint };

/** `score`: maximize the total score. `coverage`: maximize matched mentees, then the total score. */
export type Objective = 'score' | 'coverage';
