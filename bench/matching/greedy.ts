/** The peer the optimum is compared with: take pairs best score first while both sides have room. */
import type { Assignment, AssignmentGraph } from '@waypoint/matching';

export function greedyAssignment(graph: AssignmentGraph): Assignment {
  const { offsets, mentor, score } = graph;
  const n = offsets.length - 1;
  const edges = score.length;
  // One native numeric sort: key = (rank of score, descending) * 2^indexBits + edge, exact below 2^53.
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = 0; e < edges; e++) [lo, hi] = [Math.min(lo, score[e]), Math.max(hi, score[e])];
  const indexBits = Math.max(1, Math.ceil(Math.log2(edges + 1)));
  const levels = 2 ** (52 - indexBits) - 1;
  const scale = hi > lo ? levels / (hi - lo) : 0;
  const keys = new Float64Array(edges);
  for (let e = 0; e < edges; e++) keys[e] = Math.round((hi - score[e]) * scale) * 2 ** indexBits + e;
  keys.sort();
  const menteeOf = new Int32Array(edges);
  for (let i = 0; i < n; i++) menteeOf.fill(i, offsets[i], offsets[i + 1]);
  const room = Int32Array.from(graph.capacity);
  const edgeOf = new Int32Array(n).fill(-1);
  let matched = 0;
  for (const key of keys) {
    const e = key % 2 ** indexBits;
    const i = menteeOf[e];
    if (edgeOf[i] >= 0 || room[mentor[e]] === 0 || score[e] <= 0) continue;
    edgeOf[i] = e;
    room[mentor[e]]--;
    matched++;
  }
  let totalScore = 0;
  for (let i = 0; i < n; i++) if (edgeOf[i] >= 0) totalScore += score[edgeOf[i]];
  return { edgeOf, matched, totalScore };
}
