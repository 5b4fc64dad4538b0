import { solveAssignment } from './assignment';
import { MatchingInputError } from './errors';
import { Objective } from './types';

/** The id-based assignment problem (the CLI contract). A pair absent from `edges` is not allowed. */
export interface AssignmentInput {
  mentors: readonly { id: string; capacity: number }[];
  mentees: readonly { id: string }[];
  edges: readonly { mentee: string; mentor: string; score: number }[];
  /** Defaults to "score". */
  objective?: Objective;
}

export interface AssignmentOutput {
  /** In the order of `mentees` in the input; unmatched mentees are absent. */
  assignments: { mentee: string; mentor: string; score: number }[];
  totalScore: number;
  matched: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function list(value: unknown, name: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new MatchingInputError(`${name} must be an array`);
  value.forEach((item, i) => {
    if (!isObject(item)) throw new MatchingInputError(`${name}[${i}] must be an object`);
  });
  return value;
}

function field<T>(item: Record<string, unknown>, key: string, type: 'string' | 'number', where: string): T {
  if (typeof item[key] !== type) throw new MatchingInputError(`${where}.${key} must be a ${type}`);
  return item[key] as T;
}

/** Checks the shape of parsed JSON and returns it typed; values are checked by `assign`. */
export function parseAssignmentInput(value: unknown): AssignmentInput {
  if (!isObject(value)) throw new MatchingInputError('input must be a JSON object');
  const objective = value.objective ?? 'score';
  if (objective !== 'score' && objective !== 'coverage') {
    throw new MatchingInputError('objective must be "score" or "coverage"');
  }
  return {
    mentors: list(value.mentors, 'mentors').map((m, i) => ({
      id: field<string>(m, 'id', 'string', `mentors[${i}]`),
      capacity: field<number>(m, 'capacity', 'number', `mentors[${i}]`),
    })),
    mentees: list(value.mentees, 'mentees').map((e, i) => ({ id: field<string>(e, 'id', 'string', `mentees[${i}]`) })),
    edges: list(value.edges, 'edges').map((e, i) => ({
      mentee: field<string>(e, 'mentee', 'string', `edges[${i}]`),
      mentor: field<string>(e, 'mentor', 'string', `edges[${i}]`),
      score: field<number>(e, 'score', 'number', `edges[${i}]`),
    })),
    objective,
  };
}

/** Id -> position in id order (the canonical order that makes results independent of input order). */
function canonicalIndex(items: readonly { id: string }[], what: string): Map<string, number> {
  const ids = items.map((item) => item.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] === ids[i - 1]) throw new MatchingInputError(`duplicate ${what} id ${JSON.stringify(ids[i])}`);
  }
  return new Map(ids.map((id, i) => [id, i]));
}

/** Stable counting sort of `order` by `key`. */
function sortByKey(order: Int32Array, key: Int32Array, keyCount: number): { sorted: Int32Array; start: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (const x of order) start[key[x] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const next = start.slice(0, keyCount);
  const sorted = new Int32Array(order.length);
  for (const x of order) sorted[next[key[x]]++] = x;
  return { sorted, start };
}

/**
 * Solves an id-based assignment problem exactly (see solveAssignment). Throws MatchingInputError on
 * duplicate mentee, mentor or edge, unknown ids in edges, a capacity that is not a non-negative
 * integer, or a non-finite score.
 */
export function assign(input: AssignmentInput): AssignmentOutput {
  const menteeIndex = canonicalIndex(input.mentees, 'mentee');
  const mentorIndex = canonicalIndex(input.mentors, 'mentor');
  const capacity = new Float64Array(input.mentors.length);
  for (const m of input.mentors) {
    if (!Number.isInteger(m.capacity) || m.capacity < 0) {
      throw new MatchingInputError(`mentor ${JSON.stringify(m.id)} capacity must be a non-negative integer`);
    }
    capacity[mentorIndex.get(m.id)!] = m.capacity;
  }

  const edgeMentee = new Int32Array(input.edges.length);
  const edgeMentor = new Int32Array(input.edges.length);
  input.edges.forEach((edge, e) => {
    const i = menteeIndex.get(edge.mentee);
    const j = mentorIndex.get(edge.mentor);
    if (i === undefined) throw new MatchingInputError(`edges[${e}]: unknown mentee ${JSON.stringify(edge.mentee)}`);
    if (j === undefined) throw new MatchingInputError(`edges[${e}]: unknown mentor ${JSON.stringify(edge.mentor)}`);
    if (!Number.isFinite(edge.score)) throw new MatchingInputError(`edges[${e}]: score must be finite`);
    edgeMentee[e] = i;
    edgeMentor[e] = j;
  });

  // CSR by canonical mentee, each mentee's edges by canonical mentor (two stable counting sorts).
  const all = new Int32Array(input.edges.length);
  for (let e = 0; e < all.length; e++) all[e] = e;
  const byMentor = sortByKey(all, edgeMentor, input.mentors.length).sorted;
  const { sorted: order, start: offsets } = sortByKey(byMentor, edgeMentee, input.mentees.length);
  for (let p = 1; p < order.length; p++) {
    const [a, b] = [order[p - 1], order[p]];
    if (edgeMentee[a] === edgeMentee[b] && edgeMentor[a] === edgeMentor[b]) {
      throw new MatchingInputError(`edges[${b}]: duplicate pair (${input.edges[b].mentee}, ${input.edges[b].mentor})`);
    }
  }
  const mentor = new Int32Array(order.length);
  const score = new Float64Array(order.length);
  order.forEach((e, p) => {
    mentor[p] = edgeMentor[e];
    score[p] = input.edges[e].score;
  });
  const { edgeOf, matched, totalScore } = solveAssignment({ capacity, offsets, mentor, score }, input.objective ?? 'score');

  const assignments: AssignmentOutput['assignments'] = [];
  for (const { id } of input.mentees) {
    const p = edgeOf[menteeIndex.get(id)!];
    if (p >= 0) {
      const edge = input.edges[order[p]];
      assignments.push({ mentee: edge.mentee, mentor: edge.mentor, score: edge.score });
    }
  }
  return { assignments, totalScore, matched };
}
