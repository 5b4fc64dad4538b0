/** Test helpers: random small organizations (profiles and scoring context). */
import fc from 'fast-check';
import type { MenteeProfile, MentorProfile, ScoringContext } from '../src';

const SKILLS = ['s0', 's1', 's2', 's3', 's4', 's5'];
const DEPARTMENTS = ['d0', 'd1', 'd2', 'd3'];
const TITLES = ['Engineer', 'Staff Engineer', 'Product Manager', 'Designer'];
const LANGUAGES = ['en', 'fr', 'de'];

const pick = <T>(values: T[]) => fc.constantFrom(...values);
const some = <T>(values: T[], maxLength = values.length) => fc.uniqueArray(pick(values), { maxLength });
const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });

export const mentorProfile = (id: string): fc.Arbitrary<MentorProfile> =>
  fc.record({
    id: fc.constant(id),
    departmentId: pick(DEPARTMENTS),
    level: fc.integer({ min: 1, max: 9 }),
    title: pick(TITLES),
    skills: fc.array(
      fc.record({ skillId: pick(SKILLS), proficiency: fc.integer({ min: 1, max: 5 }), wantsToTeach: fc.boolean() }),
      { maxLength: 5 },
    ),
    languages: some(LANGUAGES),
    utcOffsetMinutes: offset,
    freeCapacity: fc.integer({ min: 0, max: 3 }),
  });

export const menteeProfile = (id: string, mentorIds: string[]): fc.Arbitrary<MenteeProfile> =>
  fc.record({
    id: fc.constant(id),
    departmentId: pick(DEPARTMENTS),
    level: fc.integer({ min: 1, max: 9 }),
    managerChainIds: mentorIds.length ? some(mentorIds, 2) : fc.constant([]),
    learnSkillIds: some(SKILLS, 3),
    targetRoleTitles: some(TITLES.map((t) => t.toLowerCase()), 2),
    targetDepartmentIds: some(DEPARTMENTS, 2),
    languages: some(LANGUAGES),
    utcOffsetMinutes: offset,
  });

export interface Organization {
  mentees: MenteeProfile[];
  mentors: MentorProfile[];
  context: ScoringContext;
}

export const organization = (maxMentees = 8, maxMentors = 6): fc.Arbitrary<Organization> =>
  fc
    .record({ mentees: fc.integer({ min: 0, max: maxMentees }), mentors: fc.integer({ min: 1, max: maxMentors }) })
    .chain(({ mentees, mentors }) => {
      const mentorIds = Array.from({ length: mentors }, (_, j) => `m${j}`);
      // A person may be both: mentee e0 is also mentor m0's id when `selfMentor` holds.
      return fc.record({
        mentors: fc.tuple(...mentorIds.map(mentorProfile)),
        mentees: fc.tuple(...Array.from({ length: mentees }, (_, i) => menteeProfile(`e${i}`, mentorIds))),
        selfMentor: fc.boolean(),
        frequency: fc.tuple(...SKILLS.map(() => fc.integer({ min: 0, max: 1000 }))),
        previous: fc.array(fc.tuple(fc.nat(maxMentees), fc.nat(mentors - 1)), { maxLength: 4 }),
      });
    })
    .map(({ mentors, mentees, selfMentor, frequency, previous }) => ({
      mentors: selfMentor && mentees.length ? [...mentors, { ...mentors[0], id: mentees[0].id }] : mentors,
      mentees,
      context: {
        skillFrequency: new Map(SKILLS.map((s, i) => [s, frequency[i]])),
        skillNames: new Map(SKILLS.map((s) => [s, `Skill ${s}`])),
        previousPairs: previous.map(([e, m]) => ({ menteeId: `e${e}`, mentorId: `m${m}` })),
      },
    }));
