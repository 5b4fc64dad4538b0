import { AssignmentGraph } from './assignment';
import { MatchingInputError } from './errors';
import {
  PairScorer,
  ScoringModel,
  compileModel,
  forbiddenMentors,
  hasCapacity,
  mentorDepartment,
  mentorSkills,
} from './model';
import { MenteeProfile, MentorProfile, ScoringContext } from './types';

export interface CandidateOptions {
  /** Candidates kept per mentee, best scores first (default 50). */
  k?: number;
  /**
   * Mentors read per wanted skill (default 48), so that common skills stay cheap: the first half are
   * the skill's best teachers, the second half a window over the others that moves from one mentee
   * to the next, so that every teacher of a common skill is offered to some mentees.
   */
  skillPostingCap?: number;
  /** Mentors read per target department (default 32): the most senior half, then a moving window. */
  departmentPostingCap?: number;
}

/** The candidate graph, in CSR form over the mentees and mentors in id order. */
export interface CandidateGraph extends AssignmentGraph {
  mentees: readonly MenteeProfile[];
  mentors: readonly MentorProfile[];
}

/** Inverted index as CSR: key -> mentors, best first. */
interface Postings {
  start: Int32Array;
  mentor: Int32Array;
  /** Entries read per key. */
  cap: number;
}

/** Keeps the `capacity` best (id, key) offers: higher key first, ties to the lower id. */
class TopK {
  readonly ids: Int32Array;
  readonly keys: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  /** Heap order: the root is the worst offer kept. */
  private worse(a: number, b: number): boolean {
    return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.ids[a] > this.ids[b]);
  }

  private swap(a: number, b: number): void {
    const { ids, keys } = this;
    const id = ids[a];
    const key = keys[a];
    ids[a] = ids[b];
    keys[a] = keys[b];
    ids[b] = id;
    keys[b] = key;
  }

  private siftDown(pos: number): void {
    for (let child = 2 * pos + 1; child < this.size; child = 2 * pos + 1) {
      if (child + 1 < this.size && this.worse(child + 1, child)) child++;
      if (!this.worse(child, pos)) return;
      this.swap(child, pos);
      pos = child;
    }
  }

  offer(id: number, key: number): void {
    if (this.size < this.capacity) {
      let pos = this.size++;
      this.ids[pos] = id;
      this.keys[pos] = key;
      for (let parent = (pos - 1) >> 1; pos > 0 && this.worse(pos, parent); parent = (pos - 1) >> 1) {
        this.swap(pos, parent);
        pos = parent;
      }
    } else if (key > this.keys[0] || (key === this.keys[0] && id < this.ids[0])) {
      this.ids[0] = id;
      this.keys[0] = key;
      this.siftDown(0);
    }
  }

  /** Empties the heap into ids/keys[0 .. size-1], best first; returns the count. */
  sort(): number {
    const count = this.size;
    while (this.size > 1) {
      this.swap(0, --this.size);
      this.siftDown(0);
    }
    this.size = 0;
    return count;
  }
}

/** Postings ordered, per key, by rank descending, then mentor index. */
function buildPostings(keyCount: number, entries: { key: number; mentor: number; rank: number }[], cap: number): Postings {
  entries.sort((a, b) => a.key - b.key || b.rank - a.rank || a.mentor - b.mentor);
  const start = new Int32Array(keyCount + 1);
  const mentor = new Int32Array(entries.length);
  entries.forEach((entry, p) => {
    start[entry.key + 1]++;
    mentor[p] = entry.mentor;
  });
  for (let key = 0; key < keyCount; key++) start[key + 1] += start[key];
  return { start, mentor, cap };
}

/**
 * Appends to `out` from `at` the mentors of `key` that mentee number `reader` reads, and returns
 * the new end: all of them when they fit the cap, else the best half of the cap and a window over
 * the rest that starts at a different place for each reader.
 */
function readPostings(postings: Postings, key: number, reader: number, out: Int32Array, at: number): number {
  const { start, mentor, cap } = postings;
  const from = start[key];
  const to = start[key + 1];
  if (to - from <= cap) {
    for (let p = from; p < to; p++) out[at++] = mentor[p];
    return at;
  }
  const head = from + (cap >> 1);
  const window = cap - (cap >> 1);
  const rest = to - head;
  for (let p = from; p < head; p++) out[at++] = mentor[p];
  for (let t = 0, offset = (reader * window) % rest; t < window; t++) out[at++] = mentor[head + ((offset + t) % rest)];
  return at;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new MatchingInputError(`${name} must be a positive integer`);
  return value;
}

/** Builds the candidate graph of a compiled model (see generateCandidates). */
export function buildCandidates(model: ScoringModel, options: CandidateOptions = {}): CandidateGraph {
  const { mentees, mentors } = model;
  const k = Math.min(positiveInteger(options.k ?? 50, 'k'), mentors.length);
  const skillCap = positiveInteger(options.skillPostingCap ?? 48, 'skillPostingCap');
  const departmentCap = positiveInteger(options.departmentPostingCap ?? 32, 'departmentPostingCap');

  const skillEntries: { key: number; mentor: number; rank: number }[] = [];
  const departmentEntries: typeof skillEntries = [];
  mentors.forEach((profile, mentor) => {
    if (!hasCapacity(profile)) return;
    for (const { skill, value } of mentorSkills(model, mentor)) skillEntries.push({ key: skill, mentor, rank: value });
    departmentEntries.push({ key: mentorDepartment(model, mentor), mentor, rank: profile.level });
  });
  const bySkill = buildPostings(model.skillIds.length, skillEntries, skillCap);
  const byDepartment = buildPostings(model.departmentIds.length, departmentEntries, departmentCap);

  const offsets = new Int32Array(mentees.length + 1);
  const edgeMentor = new Int32Array(mentees.length * k);
  const edgeScore = new Float64Array(mentees.length * k);
  let edgeCount = 0;

  const scorer = new PairScorer(model);
  const best = new TopK(k);
  // stamp[m] === i: mentor m was already scored for mentee i, or is forbidden for it.
  const stamp = new Int32Array(mentors.length).fill(-1);

  const reached = new Int32Array(
    mentees.reduce((most, e) => Math.max(most, e.wants.length * skillCap + e.targetDepartments.length * departmentCap), 0),
  );

  for (let i = 0; i < mentees.length; i++) {
    const e = mentees[i];
    for (const [id] of forbiddenMentors(model, e.profile)) {
      const mentor = model.mentorIndex.get(id);
      if (mentor !== undefined) stamp[mentor] = i;
    }
    let count = 0;
    for (const skill of e.wants) count = readPostings(bySkill, skill, i, reached, count);
    for (const department of e.targetDepartments) count = readPostings(byDepartment, department, i, reached, count);
    scorer.focus(e);
    for (let t = 0; t < count; t++) {
      const mentor = reached[t];
      if (stamp[mentor] === i) continue;
      stamp[mentor] = i;
      best.offer(mentor, scorer.score(mentor));
    }
    for (let t = 0, kept = best.sort(); t < kept; t++, edgeCount++) {
      edgeMentor[edgeCount] = best.ids[t];
      edgeScore[edgeCount] = best.keys[t];
    }
    offsets[i + 1] = edgeCount;
  }

  return {
    mentees: mentees.map((e) => e.profile),
    mentors,
    capacity: Int32Array.from(mentors, (m) => Math.max(0, Math.floor(m.freeCapacity))),
    offsets,
    mentor: edgeMentor.subarray(0, edgeCount),
    score: edgeScore.subarray(0, edgeCount),
  };
}

/**
 * For each mentee, the k best-scored allowed mentors among those reached through inverted indexes
 * (never by scoring every mentor): wanted skill -> mentors holding it, best teachers first; target
 * department -> its mentors, most senior first; each read capped (see CandidateOptions). Best score
 * first, ties to the lower mentor id. Forbidden pairs and mentors without capacity are never
 * candidates.
 */
export function generateCandidates(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
  context: ScoringContext,
  options?: CandidateOptions,
): CandidateGraph {
  return buildCandidates(compileModel(mentees, mentors, context), options);
}
