/** Test helpers: random assignment instances and an exhaustive reference solver. */
import fc from 'fast-check';
import type { AssignmentGraph, AssignmentInput, Objective } from '../src';
import { prng } from './prng';

export interface Instance {
  capacity: number[];
  /** Per mentee: its edges (mentor index, score), distinct mentors. */
  edges: { mentor: number; score: number }[][];
}

/** Small instances; scores often tie (quarters) or are negative, to reach the corner cases. */
export const smallInstance = (maxMentees = 7, maxMentors = 4): fc.Arbitrary<Instance> =>
  fc
    .record({
      mentees: fc.integer({ min: 0, max: maxMentees }),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: maxMentors }),
    })
    .chain(({ mentees, capacity }) =>
      fc.record({
        capacity: fc.constant(capacity),
        edges: fc.array(
          fc.uniqueArray(
            fc.record({
              mentor: fc.integer({ min: 0, max: capacity.length - 1 }),
              score: fc.oneof(
                fc.double({ min: -1, max: 1, noNaN: true }),
                fc.integer({ min: -1, max: 4 }).map((q) => q / 4),
              ),
            }),
            { selector: (e) => e.mentor, maxLength: capacity.length },
          ),
          { minLength: mentees, maxLength: mentees },
        ),
      }),
    );

export function toGraph(instance: Instance): AssignmentGraph {
  const offsets = new Int32Array(instance.edges.length + 1);
  instance.edges.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
  const flat = instance.edges.flat();
  return {
    capacity: instance.capacity,
    offsets,
    mentor: Int32Array.from(flat, (e) => e.mentor),
    score: Float64Array.from(flat, (e) => e.score),
  };
}

export function toInput(instance: Instance, objective?: Objective): AssignmentInput {
  return {
    mentors: instance.capacity.map((capacity, j) => ({ id: `m${j}`, capacity })),
    mentees: instance.edges.map((_, i) => ({ id: `e${i}` })),
    edges: instance.edges.flatMap((list, i) => list.map((e) => ({ mentee: `e${i}`, mentor: `m${e.mentor}`, score: e.score }))),
    ...(objective ? { objective } : {}),
  };
}

/** The best (matched, total) over every feasible assignment, by exhaustive search. */
export function bruteForce(instance: Instance, objective: Objective): { matched: number; total: number } {
  const used = instance.capacity.map(() => 0);
  let best = { matched: 0, total: 0 };
  const better = (matched: number, total: number) =>
    objective === 'score' ? total > best.total : matched > best.matched || (matched === best.matched && total > best.total);
  const visit = (i: number, matched: number, total: number) => {
    if (i === instance.edges.length) {
      if (better(matched, total)) best = { matched, total };
      return;
    }
    visit(i + 1, matched, total);
    for (const { mentor, score } of instance.edges[i]) {
      if (used[mentor] >= instance.capacity[mentor]) continue;
      used[mentor]++;
      visit(i + 1, matched + 1, total + score);
      used[mentor]--;
    }
  };
  visit(0, 0, 0);
  return best;
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * The best (matched, total) by textbook successive shortest paths with Bellman-Ford on the flow
 * network source -> mentee -> mentor -> sink: independent of the solver, fast enough for medium sizes.
 */
export function referenceFlow(instance: Instance, objective: Objective): { matched: number; total: number } {
  const n = instance.edges.length;
  const m = instance.capacity.length;
  const [source, sink] = [n + m, n + m + 1];
  const arcs: { to: number; cap: number; cost: number }[] = [];
  const out: number[][] = Array.from({ length: n + m + 2 }, () => []);
  const arc = (from: number, to: number, cap: number, cost: number) => {
    out[from].push(arcs.length);
    arcs.push({ to, cap, cost });
    out[to].push(arcs.length);
    arcs.push({ to: from, cap: 0, cost: -cost });
  };
  instance.edges.forEach((list, i) => {
    arc(source, i, 1, 0);
    for (const e of list) arc(i, n + e.mentor, 1, -e.score);
  });
  instance.capacity.forEach((c, j) => arc(n + j, sink, c, 0));
  let matched = 0;
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n + m + 2).fill(Infinity);
    const via = new Array<number>(n + m + 2).fill(-1);
    dist[source] = 0;
    for (let round = 0, changed = true; changed && round < n + m + 2; round++) {
      changed = false;
      out.forEach((list, u) => {
        if (dist[u] === Infinity) return;
        for (const a of list) {
          if (arcs[a].cap > 0 && dist[u] + arcs[a].cost < dist[arcs[a].to] - 1e-12) {
            dist[arcs[a].to] = dist[u] + arcs[a].cost;
            via[arcs[a].to] = a;
            changed = true;
          }
        }
      });
    }
    if (dist[sink] === Infinity || (objective === 'score' && dist[sink] >= -1e-12)) break;
    for (let v = sink; v !== source; v = arcs[via[v] ^ 1].to) {
      arcs[via[v]].cap--;
      arcs[via[v] ^ 1].cap++;
    }
    matched++;
    total -= dist[sink];
  }
  return { matched, total };
}
