import fc from 'fast-check';
import { menteeProfile, mentorProfile } from '../test/profiles';
import { MatchingInputError } from './errors';
import { scorePair } from './scoring';
import { MenteeProfile, MentorProfile, ScoringContext } from './types';
import { COMPONENT_NAMES, DEFAULT_WEIGHTS, normalizeWeights } from './weights';

const context: ScoringContext = {
  skillFrequency: new Map([
    ['k8s', 3],
    ['excel', 900],
  ]),
  skillNames: new Map([
    ['k8s', 'Kubernetes'],
    ['excel', 'Excel'],
  ]),
  departmentNames: new Map([['product', 'Product']]),
};

const mentee: MenteeProfile = {
  id: 'e1',
  departmentId: 'eng',
  level: 3,
  managerChainIds: ['boss', 'big-boss'],
  learnSkillIds: ['k8s', 'excel'],
  targetRoleTitles: ['Product Manager'],
  targetDepartmentIds: ['product'],
  languages: ['en'],
  utcOffsetMinutes: 60,
};

const mentor: MentorProfile = {
  id: 'm1',
  departmentId: 'product',
  level: 5,
  title: 'Senior Engineer',
  skills: [{ skillId: 'k8s', proficiency: 4, wantsToTeach: true }],
  languages: ['fr', 'en'],
  utcOffsetMinutes: 60,
  freeCapacity: 2,
};

function allowed(score: ReturnType<typeof scorePair>) {
  if (!score.allowed) throw new Error(`pair refused: ${score.violation}`);
  return score;
}

describe('scorePair', () => {
  it('explains a pair with its strongest reasons first', () => {
    const result = allowed(scorePair(mentee, mentor, context));
    expect(result.reasons).toEqual([
      'Teaches Kubernetes (4/5), which you want to learn',
      'Is 2 levels above you',
      'Works in Product, your target department',
    ]);
    expect(result.components).toEqual({
      teachLearn: expect.any(Number),
      goal: 0.5,
      reach: 1,
      seniority: 1,
      language: 1,
      timezone: 1,
    });
  });

  it('keeps every component in [0, 1] and the score their weighted mean', () => {
    fc.assert(
      fc.property(menteeProfile('e', []), mentorProfile('m'), (e, m) => {
        const { score, components, reasons } = allowed(scorePair(e, { ...m, freeCapacity: 1 }, context));
        const weights = normalizeWeights();
        let mean = 0;
        for (const name of COMPONENT_NAMES) {
          expect(components[name]).toBeGreaterThanOrEqual(0);
          expect(components[name]).toBeLessThanOrEqual(1);
          mean += weights[name] * components[name];
        }
        expect(score).toBeCloseTo(mean, 12);
        expect(reasons.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the mentee, their management chain, earlier pairs and full mentors', () => {
    expect(scorePair(mentee, { ...mentor, id: 'e1' }, context)).toEqual({ allowed: false, violation: 'self' });
    expect(scorePair(mentee, { ...mentor, id: 'big-boss' }, context)).toEqual({
      allowed: false,
      violation: 'management-chain',
    });
    const previousPairs = [{ menteeId: 'e1', mentorId: 'm1' }];
    expect(scorePair(mentee, mentor, { ...context, previousPairs })).toEqual({
      allowed: false,
      violation: 'previous-pair',
    });
    expect(scorePair(mentee, { ...mentor, freeCapacity: 0 }, context)).toEqual({
      allowed: false,
      violation: 'no-capacity',
    });
    // An earlier pair of someone else does not count.
    expect(scorePair(mentee, mentor, { ...context, previousPairs: [{ menteeId: 'e2', mentorId: 'm1' }] }).allowed).toBe(
      true,
    );
  });

  it('weighs rare skills more, and skills the mentor wants to teach more', () => {
    const teaching = (skillId: string, wantsToTeach = true) =>
      allowed(scorePair(mentee, { ...mentor, skills: [{ skillId, proficiency: 4, wantsToTeach }] }, context)).components
        .teachLearn;
    expect(teaching('k8s')).toBeGreaterThan(teaching('excel'));
    expect(teaching('k8s', true)).toBeGreaterThan(teaching('k8s', false));
    expect(teaching('unrelated')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), (p) => {
        const at = (proficiency: number) =>
          allowed(scorePair(mentee, { ...mentor, skills: [{ skillId: 'k8s', proficiency, wantsToTeach: true }] }, context))
            .components.teachLearn;
        expect(at(p + 1)).toBeGreaterThan(at(p));
      }),
    );
  });

  it('prefers mentors one to three levels above', () => {
    const at = (level: number) => allowed(scorePair(mentee, { ...mentor, level }, context)).components.seniority;
    expect([at(4), at(5), at(6)]).toEqual([1, 1, 1]);
    expect(at(3)).toBeLessThan(0.5);
    expect(at(2)).toBe(0);
    expect(at(9)).toBeLessThan(1);
    expect(at(9)).toBeGreaterThan(at(3));
  });

  it('fits a target role title case-insensitively and rewards reach outside the department', () => {
    const pm = allowed(scorePair(mentee, { ...mentor, title: ' product manager ' }, context));
    expect(pm.components.goal).toBe(1);
    expect(pm.reasons).toContain('Works as product manager, a role you are aiming for');
    expect(allowed(scorePair(mentee, { ...mentor, departmentId: 'eng' }, context)).components.reach).toBe(0);
  });

  it('measures time-zone overlap of working hours, across the date line too', () => {
    const at = (utcOffsetMinutes: number) =>
      allowed(scorePair({ ...mentee, utcOffsetMinutes: 13 * 60 }, { ...mentor, utcOffsetMinutes }, context)).components
        .timezone;
    expect(at(13 * 60)).toBe(1);
    expect(at(9 * 60)).toBe(0.5);
    expect(at(-11 * 60)).toBe(1);
    expect(at(0)).toBe(0);
  });

  it('applies organization weights, normalised', () => {
    const onlyLanguage = { teachLearn: 0, goal: 0, reach: 0, seniority: 0, timezone: 0, language: 5 };
    expect(allowed(scorePair(mentee, mentor, { ...context, weights: onlyLanguage })).score).toBe(1);
    const doubled = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, DEFAULT_WEIGHTS[n] * 2]));
    expect(allowed(scorePair(mentee, mentor, { ...context, weights: doubled })).score).toBeCloseTo(
      allowed(scorePair(mentee, mentor, context)).score,
      12,
    );
    expect(() => scorePair(mentee, mentor, { ...context, weights: { goal: -1 } })).toThrow(MatchingInputError);
    const zero = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, 0]));
    expect(() => scorePair(mentee, mentor, { ...context, weights: zero })).toThrow(MatchingInputError);
  });
});
