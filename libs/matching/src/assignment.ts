import { Objective } from './types';

/** A bipartite candidate graph in CSR form: the edges of mentee i are offsets[i] .. offsets[i+1]-1. */
export interface AssignmentGraph {
  /** Per mentor: how many mentees it may take (a non-negative integer). */
  capacity: ArrayLike<number>;
  offsets: Int32Array;
  /** Per edge: the mentor index. */
  mentor: Int32Array;
  /** Per edge: the pair's score (any finite number). */
  score: Float64Array;
}

export interface Assignment {
  /** Per mentee: the chosen edge, or -1 when the mentee stays unmatched. */
  edgeOf: Int32Array;
  matched: number;
  /** Sum of the chosen edges' original scores, added in mentee order. */
  totalScore: number;
}

/**
 * Integer weights keep every sum exact in float64: all values handled below stay under 2^51.
 * `score`: w = round(score * 2^48 / max|score|).
 * `coverage`: w = B + round((score - min) * 2^S / range) with B = (n + 1) * 2^S, where n bounds the
 * number of pairs: one more pair outweighs any difference in scores (lexicographic objective), and
 * (n + 2) * 2^S <= 2^48. Position p of the result weighs edge order[p].
 */
function integerWeights(score: Float64Array, order: Int32Array, pairBound: number, objective: Objective): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = 0; e < score.length; e++) {
    lo = Math.min(lo, score[e]);
    hi = Math.max(hi, score[e]);
  }
  let base = 0;
  let scale: number;
  if (objective === 'score') {
    const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
    scale = maxAbs > 0 ? 2 ** 48 / maxAbs : 0;
    lo = 0;
  } else {
    const unit = 2 ** (48 - Math.ceil(Math.log2(pairBound + 2)));
    base = (pairBound + 1) * unit;
    scale = hi > lo ? unit / (hi - lo) : 0;
  }
  const w = new Float64Array(order.length);
  for (let p = 0; p < order.length; p++) w[p] = base + Math.round((score[order[p]] - lo) * scale);
  return w;
}

/**
 * Rows take at most one edge each, columns at most `cap` edges; `w` holds integer weights.
 * The edges of row r are positions rowStart[r] .. rowEnd[r]-1 of `col` / `w`.
 */
interface RowProblem {
  rowStart: Int32Array;
  rowEnd: Int32Array;
  col: Int32Array;
  w: Float64Array;
  cap: Int32Array;
}

/**
 * Maximum-weight matching of rows into capacitated columns, where a row may stay unmatched; returns
 * per row the chosen edge position or -1.
 *
 * Primal-dual shortest augmenting paths (the Hungarian method, one row at a time) on the sparse
 * graph. It keeps column prices p >= 0 and a matching such that every inserted row holds a best
 * offer max(0, max_e w_e - p_col(e)) (0 = staying unmatched), and only full columns have a positive
 * price: the LP complementary-slackness conditions, so the matching of the inserted rows is optimal.
 * A greedy pass inserts every row whose best offer at zero prices is still free. Each other row is
 * inserted by one Dijkstra over reduced costs (all >= 0, integers) that stops at the first column
 * with spare capacity or at the cheapest "leave a row unmatched" exit, whichever is shorter; the
 * path is augmented and the prices of the settled columns raised so that the conditions hold again.
 */
function augmentRows({ rowStart, rowEnd, col, w, cap }: RowProblem): Int32Array {
  const rows = rowStart.length;
  const cols = cap.length;
  const slotStart = new Int32Array(cols + 1);
  for (let c = 0; c < cols; c++) slotStart[c + 1] = slotStart[c] + cap[c];
  const slotRow = new Int32Array(slotStart[cols]);
  const used = new Int32Array(cols);
  const price = new Float64Array(cols);
  const edgeOf = new Int32Array(rows).fill(-1);
  const slotOf = new Int32Array(rows);
  const place = (r: number, e: number, slot: number) => {
    edgeOf[r] = e;
    slotOf[r] = slot;
    slotRow[slotStart[col[e]] + slot] = r;
  };
  const free = (c: number) => used[c] < cap[c];

  const deferred: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = -1;
    for (let e = rowStart[r]; e < rowEnd[r]; e++) {
      if (best < 0 || w[e] > w[best] || (w[e] === w[best] && free(col[e]) && !free(col[best]))) best = e;
    }
    if (best < 0 || w[best] <= 0) continue;
    if (free(col[best])) place(r, best, used[col[best]]++);
    else deferred.push(r);
  }

  // Dijkstra over columns; a matched row sits at the distance of its column.
  const dist = new Float64Array(cols).fill(Infinity);
  const predEdge = new Int32Array(cols);
  const predRow = new Int32Array(cols);
  const heap = new Int32Array(cols);
  const heapPos = new Int32Array(cols).fill(-1); // -1 unseen, -2 settled
  const touched = new Int32Array(cols);
  const settled = new Int32Array(cols);
  let heapSize = 0;
  let touchedCount = 0;
  // Per inserted row: length of the best exit found so far, a free column (sinkCol) or unmatching
  // sinkRow (the row itself: it stays unmatched).
  let bound: number;
  let sinkCol: number;
  let sinkRow: number;

  const siftUp = (c: number) => {
    const d = dist[c];
    let pos = heapPos[c];
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pc = heap[parent];
      if (dist[pc] <= d) break;
      heap[pos] = pc;
      heapPos[pc] = pos;
      pos = parent;
    }
    heap[pos] = c;
    heapPos[c] = pos;
  };
  const popMin = () => {
    const top = heap[0];
    const last = heap[--heapSize];
    const d = dist[last];
    let pos = 0;
    for (let child = 1; child < heapSize; child = 2 * pos + 1) {
      if (child + 1 < heapSize && dist[heap[child + 1]] < dist[heap[child]]) child++;
      if (dist[heap[child]] >= d) break;
      heap[pos] = heap[child];
      heapPos[heap[pos]] = pos;
      pos = child;
    }
    heap[pos] = last;
    heapPos[last] = pos;
    heapPos[top] = -2;
    return top;
  };
  /** Relaxes the edges of row r, which sits at distance `base` minus its current profit. */
  const relax = (r: number, base: number) => {
    for (let e = rowStart[r]; e < rowEnd[r]; e++) {
      const c = col[e];
      const d = base + price[c] - w[e];
      if (d >= bound || heapPos[c] === -2) continue;
      if (free(c)) {
        bound = d;
        sinkCol = c;
        sinkRow = -1;
      } else if (d < dist[c]) {
        if (heapPos[c] === -1) {
          touched[touchedCount++] = c;
          heapPos[c] = heapSize++;
        }
        dist[c] = d;
        siftUp(c);
      } else continue;
      predEdge[c] = e;
      predRow[c] = r;
    }
  };

  for (const root of deferred) {
    bound = 0;
    for (let e = rowStart[root]; e < rowEnd[root]; e++) bound = Math.max(bound, w[e] - price[col[e]]);
    sinkCol = -1;
    sinkRow = root;
    touchedCount = 0;
    let settledCount = 0;
    relax(root, bound);
    while (heapSize > 0 && dist[heap[0]] < bound) {
      const c = popMin();
      settled[settledCount++] = c;
      const dc = dist[c];
      for (let s = slotStart[c]; s < slotStart[c] + used[c]; s++) {
        const r = slotRow[s];
        const exit = dc + w[edgeOf[r]] - price[c];
        if (exit < bound) {
          bound = exit;
          sinkCol = -1;
          sinkRow = r;
        }
        relax(r, exit);
      }
    }

    // Augment: each row on the path moves to the column it reached; the last one frees its slot.
    if (sinkRow !== root) {
      let c: number;
      let slot: number;
      if (sinkCol >= 0) {
        c = sinkCol;
        slot = used[c]++;
      } else {
        c = col[edgeOf[sinkRow]];
        slot = slotOf[sinkRow];
        edgeOf[sinkRow] = -1;
      }
      for (;;) {
        const r = predRow[c];
        const [previousEdge, previousSlot] = [edgeOf[r], slotOf[r]];
        place(r, predEdge[c], slot);
        if (r === root) break;
        c = col[previousEdge];
        slot = previousSlot;
      }
    }

    for (let s = 0; s < settledCount; s++) price[settled[s]] += bound - dist[settled[s]];
    for (let t = 0; t < touchedCount; t++) {
      dist[touched[t]] = Infinity;
      heapPos[touched[t]] = -1;
    }
    heapSize = 0;
  }
  return edgeOf;
}

function identity(length: number): Int32Array {
  const order = new Int32Array(length);
  for (let p = 0; p < length; p++) order[p] = p;
  return order;
}

/**
 * Maximum-weight b-matching on the candidate graph (each mentee at most one mentor, each mentor at
 * most its capacity), exact and deterministic: same graph, same answer.
 *
 * The smaller side is inserted row by row (see augmentRows), so that augmenting paths end quickly
 * at the many free places of the larger side: mentees when mentor places are fewer than mentees,
 * otherwise mentor places (one row per unit of capacity, each with all the mentor's edges).
 */
export function solveAssignment(graph: AssignmentGraph, objective: Objective = 'score'): Assignment {
  const { offsets, mentor, score } = graph;
  const n = offsets.length - 1;
  const m = graph.capacity.length;
  const edges = mentor.length;

  // A mentor never uses more places than it has mentees to take them.
  const degree = new Int32Array(m + 1);
  for (let e = 0; e < edges; e++) degree[mentor[e] + 1]++;
  const places = new Int32Array(m);
  let placeCount = 0;
  for (let j = 0; j < m; j++) placeCount += places[j] = Math.min(degree[j + 1], graph.capacity[j]);
  let activeMentees = 0;
  for (let i = 0; i < n; i++) if (offsets[i + 1] > offsets[i]) activeMentees++;
  const pairBound = Math.min(activeMentees, placeCount);
  const edgeOf = new Int32Array(n).fill(-1);

  if (activeMentees <= placeCount) {
    const chosen = augmentRows({
      rowStart: offsets.subarray(0, n),
      rowEnd: offsets.subarray(1),
      col: mentor,
      w: integerWeights(score, identity(edges), pairBound, objective),
      cap: places,
    });
    edgeOf.set(chosen);
  } else {
    // Mentor-major copy of the graph: positions start[j] .. start[j+1]-1 hold mentor j's edges.
    const start = degree;
    for (let j = 0; j < m; j++) start[j + 1] += start[j];
    const next = start.slice(0, m);
    const edgeAt = new Int32Array(edges);
    const menteeAt = new Int32Array(edges);
    for (let i = 0; i < n; i++) {
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const p = next[mentor[e]]++;
        edgeAt[p] = e;
        menteeAt[p] = i;
      }
    }
    const rowStart = new Int32Array(placeCount);
    const rowEnd = new Int32Array(placeCount);
    for (let j = 0, r = 0; j < m; j++) {
      for (let t = 0; t < places[j]; t++, r++) [rowStart[r], rowEnd[r]] = [start[j], start[j + 1]];
    }
    const chosen = augmentRows({
      rowStart,
      rowEnd,
      col: menteeAt,
      w: integerWeights(score, edgeAt, pairBound, objective),
      cap: new Int32Array(n).fill(1),
    });
    for (const p of chosen) if (p >= 0) edgeOf[menteeAt[p]] = edgeAt[p];
  }

  let matched = 0;
  let totalScore = 0;
  for (let i = 0; i < n; i++) {
    if (edgeOf[i] < 0) continue;
    matched++;
    totalScore += score[edgeOf[i]];
  }
  return { edgeOf, matched, totalScore };
}
