import fc from 'fast-check';
import { Instance, bruteForce, referenceFlow, shuffle, smallInstance, toGraph } from '../test/instances';
import { prng } from '../test/prng';
import { Assignment, solveAssignment } from './assignment';
import { Objective } from './types';

const objectives: Objective[] = ['score', 'coverage'];

function expectFeasible(instance: Instance, result: Assignment): void {
  const graph = toGraph(instance);
  const load = instance.capacity.map(() => 0);
  let matched = 0;
  let total = 0;
  result.edgeOf.forEach((e, i) => {
    if (e < 0) return;
    // The chosen edge is one of this mentee's own edges.
    expect(e).toBeGreaterThanOrEqual(graph.offsets[i]);
    expect(e).toBeLessThan(graph.offsets[i + 1]);
    load[graph.mentor[e]]++;
    matched++;
    total += graph.score[e];
  });
  load.forEach((l, j) => expect(l).toBeLessThanOrEqual(instance.capacity[j]));
  expect(result.matched).toBe(matched);
  expect(result.totalScore).toBeCloseTo(total, 12);
}

describe('solveAssignment', () => {
  it.each(objectives)('is feasible and as good as exhaustive search (%s)', (objective) => {
    fc.assert(
      fc.property(smallInstance(), (instance) => {
        const result = solveAssignment(toGraph(instance), objective);
        expectFeasible(instance, result);
        const best = bruteForce(instance, objective);
        expect(result.totalScore).toBeCloseTo(best.total, 9);
        if (objective === 'coverage') expect(result.matched).toBe(best.matched);
      }),
      { numRuns: 400 },
    );
  });

  it.each(objectives)('is as good as a textbook min-cost flow on medium instances (%s)', (objective) => {
    fc.assert(
      fc.property(smallInstance(40, 12), (instance) => {
        const result = solveAssignment(toGraph(instance), objective);
        expectFeasible(instance, result);
        const best = referenceFlow(instance, objective);
        expect(result.totalScore).toBeCloseTo(best.total, 9);
        if (objective === 'coverage') expect(result.matched).toBe(best.matched);
      }),
      { numRuns: 150 },
    );
  });

  it('beats greedy where taking the best pair first is wrong', () => {
    // Greedy takes e1-m1 (0.9) and leaves e2 without a mentor: 0.9. Optimal: 0.8 + 0.85.
    const instance: Instance = {
      capacity: [1, 1],
      edges: [
        [
          { mentor: 0, score: 0.9 },
          { mentor: 1, score: 0.8 },
        ],
        [{ mentor: 0, score: 0.85 }],
      ],
    };
    for (const objective of objectives) {
      const result = solveAssignment(toGraph(instance), objective);
      expect(Array.from(result.edgeOf)).toEqual([1, 2]);
      expect(result.totalScore).toBeCloseTo(1.65, 12);
    }
  });

  it('coverage gives up score for one more pair; score does not', () => {
    const instance: Instance = {
      capacity: [1, 1],
      edges: [
        [
          { mentor: 0, score: 0.9 },
          { mentor: 1, score: 0.2 },
        ],
        [{ mentor: 0, score: 0.1 }],
      ],
    };
    // score: e1-m1 alone (0.9) beats e1-m2 + e2-m1 (0.3); coverage takes the two pairs.
    const score = solveAssignment(toGraph(instance), 'score');
    expect([score.matched, score.totalScore]).toEqual([1, 0.9]);
    const coverage = solveAssignment(toGraph(instance), 'coverage');
    expect(coverage.matched).toBe(2);
    expect(coverage.totalScore).toBeCloseTo(0.3, 12);
  });

  it('never takes a pair with a negative score under the score objective', () => {
    const instance: Instance = { capacity: [2], edges: [[{ mentor: 0, score: -0.5 }], [{ mentor: 0, score: 0.4 }]] };
    const result = solveAssignment(toGraph(instance), 'score');
    expect(Array.from(result.edgeOf)).toEqual([-1, 1]);
    expect(solveAssignment(toGraph(instance), 'coverage').matched).toBe(2);
  });

  it('is deterministic and its total does not depend on the order of mentees', () => {
    fc.assert(
      fc.property(smallInstance(8, 5), fc.constantFrom(...objectives), fc.nat(), (instance, objective, seed) => {
        const first = solveAssignment(toGraph(instance), objective);
        const again = solveAssignment(toGraph(instance), objective);
        expect(Array.from(again.edgeOf)).toEqual(Array.from(first.edgeOf));
        const shuffled = { ...instance, edges: shuffle(instance.edges, seed) };
        const other = solveAssignment(toGraph(shuffled), objective);
        expect(other.totalScore).toBeCloseTo(first.totalScore, 9);
        // Under `coverage` the number matched is part of the optimum. Under `score` it is not: a
        // zero-score pair adds nothing, so equally optimal assignments may differ in count with
        // the order of mentees (found by this property: scores 1.0 + 0 vs 0.5 + 0.5 vs 1.0 alone).
        if (objective === 'coverage') expect(other.matched).toBe(first.matched);
      }),
      { numRuns: 200 },
    );
  });

  it('handles both sides being the scarce one on larger random graphs', () => {
    // Mentor places fewer than mentees (mentor-place rows) and more (mentee rows): the same
    // problem solved from either side must give the same optimum.
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 60 }),
        fc.integer({ min: 5, max: 30 }),
        fc.nat(),
        fc.constantFrom(...objectives),
        (mentees, mentors, seed, objective) => {
          const random = prng(seed);
          const edges = Array.from({ length: mentees }, () =>
            Array.from({ length: mentors }, (_, mentor) => ({ mentor, score: Math.round(random() * 1000) / 1000 })).filter(
              () => random() < 0.3,
            ),
          );
          const scarce: Instance = { capacity: Array.from({ length: mentors }, () => 1), edges };
          const plenty: Instance = { capacity: Array.from({ length: mentors }, () => mentees), edges };
          for (const instance of [scarce, plenty]) expectFeasible(instance, solveAssignment(toGraph(instance), objective));
          // With unlimited capacity every mentee simply takes its best positive edge.
          const best = edges.reduce((sum, list) => sum + Math.max(0, ...list.map((e) => e.score)), 0);
          if (objective === 'score') expect(solveAssignment(toGraph(plenty), objective).totalScore).toBeCloseTo(best, 9);
        },
      ),
      { numRuns: 100 },
    );
  });
});
