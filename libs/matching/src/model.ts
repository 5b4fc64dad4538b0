import { MatchingInputError } from './errors';
import { COMPONENT_NAMES, normalizeWeights } from './weights';
import {
  HardConstraint,
  MenteeProfile,
  MentorProfile,
  PreviousPair,
  ScoreComponents,
  ScoringContext,
} from './types';

/**
 * Profiles compiled once per round. Ids are interned to small integers and each mentor is one
 * contiguous record of integers (layout below), so that scoring a pair reads one or two cache lines.
 * Mentees and mentors are kept in id order, the canonical order that makes every result independent
 * of the order of the inputs.
 */
export interface ScoringModel {
  context: ScoringContext;
  /** Normalised weights in COMPONENT_NAMES order. */
  weights: Float64Array;
  mentees: CompiledMentee[];
  mentors: MentorProfile[];
  mentorIndex: Map<string, number>;
  /** Mentor m's record is mentorData[mentorStart[m] ..]. */
  mentorStart: Int32Array;
  mentorData: Int32Array;
  /** Interned index -> id. */
  skillIds: string[];
  departmentIds: string[];
  languageIds: string[];
  titleCount: number;
  /** menteeId -> mentor ids matched with them in earlier rounds. */
  previousMentors: Map<string, Set<string>>;
}

/**
 * Layout of a mentor record: department, title, level, UTC offset as a day minute, skill count S,
 * language count L, then S (skill, teach code) pairs, then L languages.
 * Teach code = 2 * proficiency + (wants to teach ? 1 : 0).
 */
const DEPARTMENT = 0;
const TITLE = 1;
const LEVEL = 2;
const DAY_MINUTE = 3;
const SKILL_COUNT = 4;
const LANGUAGE_COUNT = 5;
const HEADER = 6;

export interface CompiledMentee {
  profile: MenteeProfile;
  department: number;
  dayMinute: number;
  /** Wanted skills (interned, distinct) and their rarity weights. */
  wants: number[];
  wantWeights: number[];
  wantTotal: number;
  targetTitles: number[];
  targetDepartments: number[];
  languages: number[];
}

const COMPONENT_COUNT = COMPONENT_NAMES.length;
/** Positions of the components in COMPONENT_NAMES-ordered vectors. */
export const TEACH = 0;
export const GOAL = 1;
export const REACH = 2;
export const SENIORITY = 3;
export const LANGUAGE = 4;
export const TIMEZONE = 5;

/** Working hours are 8 h a day; time-zone fit is the share of them that overlaps. */
const WORKDAY_MINUTES = 480;

/** Teach value by teach code: proficiency / 5, halved when the mentor does not want to teach. */
const TEACH_VALUE = Float64Array.from({ length: 12 }, (_, code) => ((code >> 1) / 5) * (code & 1 ? 1 : 0.5));

const teachCode = (proficiency: number, wantsToTeach: boolean) =>
  2 * Math.min(5, Math.max(1, Math.round(proficiency))) + (wantsToTeach ? 1 : 0);

class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(value, i);
      this.values.push(value);
    }
    return i;
  }

  distinct(values: readonly string[]): number[] {
    return [...new Set(values.map((v) => this.of(v)))];
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const normalizeTitle = (title: string) => title.trim().toLowerCase();

/** Weight of a wanted skill: 1 for a skill nobody holds, decreasing with how common it is. */
function skillRarity(holders: number): number {
  return 1 / Math.log2(2 + Math.max(0, holders));
}

/** 1 for a mentor 1-3 levels above, lower when further above, low when equal, 0 when below. */
function seniorityFit(levelGap: number): number {
  if (levelGap >= 1 && levelGap <= 3) return 1;
  if (levelGap > 3) return Math.max(0.4, 1 - 0.2 * (levelGap - 3));
  return levelGap === 0 ? 0.2 : 0;
}

/** A UTC offset in minutes as a minute of the day, in [0, 1440). */
const dayMinute = (utcOffsetMinutes: number) => ((Math.round(utcOffsetMinutes) % 1440) + 1440) % 1440;

/** Share of an 8-hour working day (same local hours) that two time zones, as day minutes, share. */
function timezoneFit(dayMinuteA: number, dayMinuteB: number): number {
  const diff = Math.abs(dayMinuteA - dayMinuteB);
  return Math.max(0, WORKDAY_MINUTES - Math.min(diff, 1440 - diff)) / WORKDAY_MINUTES;
}

function sortedUnique<T extends { id: string }>(items: readonly T[], what: string): T[] {
  const sorted = [...items].sort(byId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) throw new MatchingInputError(`duplicate ${what} id ${sorted[i].id}`);
  }
  return sorted;
}

export function compileModel(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  context: ScoringContext,
): ScoringModel {
  const weights = normalizeWeights(context.weights);
  const skills = new Interner();
  const departments = new Interner();
  const titles = new Interner();
  const languages = new Interner();
  const sortedMentors = sortedUnique(mentors, 'mentor');

  const records = sortedMentors.map((mentor) => {
    // One entry per skill: the one worth most to teach.
    const codes = new Map<number, number>();
    for (const s of mentor.skills) {
      const skill = skills.of(s.skillId);
      const code = teachCode(s.proficiency, s.wantsToTeach);
      if (TEACH_VALUE[code] > TEACH_VALUE[codes.get(skill) ?? 0]) codes.set(skill, code);
    }
    const spoken = languages.distinct(mentor.languages);
    return [
      departments.of(mentor.departmentId),
      titles.of(normalizeTitle(mentor.title)),
      mentor.level,
      dayMinute(mentor.utcOffsetMinutes),
      codes.size,
      spoken.length,
      ...[...codes].flat(),
      ...spoken,
    ];
  });
  const mentorStart = new Int32Array(records.length + 1);
  records.forEach((record, m) => (mentorStart[m + 1] = mentorStart[m] + record.length));
  const mentorData = new Int32Array(mentorStart[records.length]);
  records.forEach((record, m) => mentorData.set(record, mentorStart[m]));

  const compiledMentees = sortedUnique(mentees, 'mentee').map((profile): CompiledMentee => {
    const wants = skills.distinct(profile.learnSkillIds);
    const wantWeights = wants.map((s) => skillRarity(context.skillFrequency.get(skills.values[s]) ?? 0));
    return {
      profile,
      department: departments.of(profile.departmentId),
      dayMinute: dayMinute(profile.utcOffsetMinutes),
      wants,
      wantWeights,
      wantTotal: wantWeights.reduce((a, b) => a + b, 0),
      targetTitles: titles.distinct(profile.targetRoleTitles.map(normalizeTitle)),
      targetDepartments: departments.distinct(profile.targetDepartmentIds),
      languages: languages.distinct(profile.languages),
    };
  });

  const previousMentors = new Map<string, Set<string>>();
  for (const pair of context.previousPairs ?? ([] as PreviousPair[])) {
    let set = previousMentors.get(pair.menteeId);
    if (!set) previousMentors.set(pair.menteeId, (set = new Set()));
    set.add(pair.mentorId);
  }

  return {
    context,
    weights: Float64Array.from(COMPONENT_NAMES, (name) => weights[name]),
    mentees: compiledMentees,
    mentors: sortedMentors,
    mentorIndex: new Map(sortedMentors.map((mentor, m) => [mentor.id, m])),
    mentorStart,
    mentorData,
    skillIds: skills.values,
    departmentIds: departments.values,
    languageIds: languages.values,
    titleCount: titles.values.length,
    previousMentors,
  };
}

export const mentorDepartment = (model: ScoringModel, mentor: number) =>
  model.mentorData[model.mentorStart[mentor] + DEPARTMENT];
export const mentorTitle = (model: ScoringModel, mentor: number) => model.mentorData[model.mentorStart[mentor] + TITLE];

/** A mentor's skills: interned skill, proficiency, wants to teach, teach value in [0, 1]. */
export function mentorSkills(model: ScoringModel, mentor: number) {
  const start = model.mentorStart[mentor] + HEADER;
  return Array.from({ length: model.mentorData[model.mentorStart[mentor] + SKILL_COUNT] }, (_, s) => {
    const code = model.mentorData[start + 2 * s + 1];
    return { skill: model.mentorData[start + 2 * s], proficiency: code >> 1, teaches: (code & 1) === 1, value: TEACH_VALUE[code] };
  });
}

export function hasCapacity(mentor: MentorProfile): boolean {
  return mentor.freeCapacity > 0;
}

/** Mentor ids a mentee may never be paired with, each with the rule that forbids it. */
export function forbiddenMentors(model: ScoringModel, mentee: MenteeProfile): [string, HardConstraint][] {
  const forbidden: [string, HardConstraint][] = [[mentee.id, 'self']];
  for (const id of mentee.managerChainIds) forbidden.push([id, 'management-chain']);
  for (const id of model.previousMentors.get(mentee.id) ?? []) forbidden.push([id, 'previous-pair']);
  return forbidden;
}

/**
 * Scores mentors for one mentee at a time: `focus` spreads the mentee's wants, targets and languages
 * over lookup tables, so that `score` only reads the mentor's record.
 */
export class PairScorer {
  /** The components of the last scored pair, in COMPONENT_NAMES order. */
  readonly components = new Float64Array(COMPONENT_COUNT);
  private readonly wantWeight: Float64Array;
  private readonly targetTitle: Uint8Array;
  private readonly targetDepartment: Uint8Array;
  private readonly speaks: Uint8Array;
  private mentee: CompiledMentee | undefined;
  private teachScale = 0;

  constructor(private readonly model: ScoringModel) {
    this.wantWeight = new Float64Array(model.skillIds.length);
    this.targetTitle = new Uint8Array(model.titleCount);
    this.targetDepartment = new Uint8Array(model.departmentIds.length);
    this.speaks = new Uint8Array(model.languageIds.length);
  }

  focus(mentee: CompiledMentee): void {
    if (this.mentee) this.mark(this.mentee, false);
    this.mark(mentee, true);
    this.mentee = mentee;
    this.teachScale = mentee.wantTotal > 0 ? 1 / mentee.wantTotal : 0;
  }

  private mark(e: CompiledMentee, on: boolean): void {
    e.wants.forEach((s, i) => (this.wantWeight[s] = on ? e.wantWeights[i] : 0));
    for (const t of e.targetTitles) this.targetTitle[t] = on ? 1 : 0;
    for (const d of e.targetDepartments) this.targetDepartment[d] = on ? 1 : 0;
    for (const l of e.languages) this.speaks[l] = on ? 1 : 0;
  }

  /** The weighted score of (focused mentee, mentor); fills `components`. */
  score(mentor: number): number {
    const data = this.model.mentorData;
    const e = this.mentee!;
    let p = this.model.mentorStart[mentor];
    const department = data[p + DEPARTMENT];
    const skillEnd = p + HEADER + 2 * data[p + SKILL_COUNT];
    const languageEnd = skillEnd + data[p + LANGUAGE_COUNT];
    const out = this.components;
    out[GOAL] = (this.targetTitle[data[p + TITLE]] + this.targetDepartment[department]) / 2;
    out[REACH] = department === e.department ? 0 : 1;
    out[SENIORITY] = seniorityFit(data[p + LEVEL] - e.profile.level);
    out[TIMEZONE] = timezoneFit(e.dayMinute, data[p + DAY_MINUTE]);
    let taught = 0;
    for (p += HEADER; p < skillEnd; p += 2) taught += this.wantWeight[data[p]] * TEACH_VALUE[data[p + 1]];
    out[TEACH] = taught * this.teachScale;
    let shared = 0;
    for (; p < languageEnd; p++) shared |= this.speaks[data[p]];
    out[LANGUAGE] = shared;
    const w = this.model.weights;
    return (
      w[TEACH] * out[TEACH] +
      w[GOAL] * out[GOAL] +
      w[REACH] * out[REACH] +
      w[SENIORITY] * out[SENIORITY] +
      w[LANGUAGE] * out[LANGUAGE] +
      w[TIMEZONE] * out[TIMEZONE]
    );
  }
}

export function componentsRecord(values: Float64Array): ScoreComponents {
  const record = {} as ScoreComponents;
  COMPONENT_NAMES.forEach((name, c) => (record[name] = values[c]));
  return record;
}
