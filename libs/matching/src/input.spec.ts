import fc from 'fast-check';
import { bruteForce, shuffle, smallInstance, toInput } from '../test/instances';
import { MatchingInputError } from './errors';
import { AssignmentInput, assign, parseAssignmentInput } from './input';

const valid = (): AssignmentInput => ({
  mentors: [
    { id: 'm1', capacity: 1 },
    { id: 'm2', capacity: 1 },
  ],
  mentees: [{ id: 'e2' }, { id: 'e1' }],
  edges: [
    { mentee: 'e1', mentor: 'm1', score: 0.9 },
    { mentee: 'e1', mentor: 'm2', score: 0.8 },
    { mentee: 'e2', mentor: 'm1', score: 0.85 },
  ],
});

describe('assign (id-based problems)', () => {
  it('returns the optimal assignments in the input order of mentees', () => {
    expect(assign(valid())).toEqual({
      assignments: [
        { mentee: 'e2', mentor: 'm1', score: 0.85 },
        { mentee: 'e1', mentor: 'm2', score: 0.8 },
      ],
      totalScore: 0.85 + 0.8,
      matched: 2,
    });
  });

  it('matches exhaustive search and only uses given pairs within capacity', () => {
    fc.assert(
      fc.property(smallInstance(), fc.constantFrom('score' as const, 'coverage' as const), (instance, objective) => {
        const input = toInput(instance, objective);
        const output = assign(input);
        const allowed = new Map(input.edges.map((e) => [`${e.mentee}/${e.mentor}`, e.score]));
        const load = new Map<string, number>();
        for (const a of output.assignments) {
          expect(allowed.get(`${a.mentee}/${a.mentor}`)).toBe(a.score);
          load.set(a.mentor, (load.get(a.mentor) ?? 0) + 1);
        }
        for (const m of input.mentors) expect(load.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
        expect(new Set(output.assignments.map((a) => a.mentee)).size).toBe(output.assignments.length);
        const best = bruteForce(instance, objective);
        expect(output.totalScore).toBeCloseTo(best.total, 9);
        if (objective === 'coverage') expect(output.matched).toBe(best.matched);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same pairs and total whatever the order of mentors, mentees and edges', () => {
    fc.assert(
      fc.property(smallInstance(8, 5), fc.nat(), (instance, seed) => {
        const input = toInput(instance);
        const shuffled: AssignmentInput = {
          mentors: shuffle(input.mentors, seed),
          mentees: shuffle(input.mentees, seed + 1),
          edges: shuffle(input.edges, seed + 2),
        };
        const a = assign(input);
        const b = assign(shuffled);
        expect(b.totalScore).toBe(a.totalScore);
        const byMentee = (x: typeof a) => new Map(x.assignments.map((p) => [p.mentee, p.mentor]));
        expect(byMentee(b)).toEqual(byMentee(a));
        // Output follows the input order of mentees.
        const order = shuffled.mentees.map((e) => e.id).filter((id) => byMentee(b).has(id));
        expect(b.assignments.map((p) => p.mentee)).toEqual(order);
      }),
      { numRuns: 200 },
    );
  });

  it('defaults the objective to score', () => {
    const input: AssignmentInput = {
      mentors: [
        { id: 'm1', capacity: 1 },
        { id: 'm2', capacity: 1 },
      ],
      mentees: [{ id: 'e1' }, { id: 'e2' }],
      edges: [
        { mentee: 'e1', mentor: 'm1', score: 0.9 },
        { mentee: 'e1', mentor: 'm2', score: 0.2 },
        { mentee: 'e2', mentor: 'm1', score: 0.1 },
      ],
    };
    expect(assign(input)).toEqual(assign({ ...input, objective: 'score' }));
    expect(assign(input).matched).toBe(1);
    expect(assign({ ...input, objective: 'coverage' }).matched).toBe(2);
  });

  it.each<[string, (input: AssignmentInput) => void]>([
    ['duplicate mentee', (i) => (i.mentees = [...i.mentees, { id: 'e1' }])],
    ['duplicate mentor', (i) => (i.mentors = [...i.mentors, { id: 'm1', capacity: 2 }])],
    ['duplicate pair', (i) => (i.edges = [...i.edges, { mentee: 'e1', mentor: 'm1', score: 0.1 }])],
    ['unknown mentee', (i) => (i.edges = [...i.edges, { mentee: 'x', mentor: 'm1', score: 0.1 }])],
    ['unknown mentor', (i) => (i.edges = [...i.edges, { mentee: 'e1', mentor: 'x', score: 0.1 }])],
    ['negative capacity', (i) => (i.mentors = [{ id: 'm1', capacity: -1 }, i.mentors[1]])],
    ['fractional capacity', (i) => (i.mentors = [{ id: 'm1', capacity: 1.5 }, i.mentors[1]])],
    ['infinite score', (i) => (i.edges = [{ ...i.edges[0], score: Infinity }, ...i.edges.slice(1)])],
    ['NaN score', (i) => (i.edges = [{ ...i.edges[0], score: NaN }, ...i.edges.slice(1)])],
  ])('rejects a %s', (_, spoil) => {
    const input = valid();
    spoil(input);
    expect(() => assign(input)).toThrow(MatchingInputError);
  });
});

describe('parseAssignmentInput', () => {
  it('accepts the contract shape and defaults the objective', () => {
    expect(parseAssignmentInput(JSON.parse(JSON.stringify(valid())))).toEqual({ ...valid(), objective: 'score' });
  });

  it.each([
    ['not an object', []],
    ['mentors missing', { mentees: [], edges: [] }],
    ['a mentor id that is not a string', { mentors: [{ id: 1, capacity: 1 }], mentees: [], edges: [] }],
    ['a capacity that is not a number', { mentors: [{ id: 'm', capacity: '1' }], mentees: [], edges: [] }],
    ['a score that is not a number', { mentors: [], mentees: [], edges: [{ mentee: 'e', mentor: 'm', score: null }] }],
    ['an unknown objective', { mentors: [], mentees: [], edges: [], objective: 'fairness' }],
  ])('rejects %s', (_, value) => {
    expect(() => parseAssignmentInput(value)).toThrow(MatchingInputError);
  });
});
