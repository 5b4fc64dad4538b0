import fc from 'fast-check';
import { shuffle } from '../test/instances';
import { Organization, organization } from '../test/profiles';
import { CandidateGraph, generateCandidates } from './candidates';
import { scorePair } from './scoring';
import { MenteeProfile, MentorProfile } from './types';

const uncapped = { skillPostingCap: 1000, departmentPostingCap: 1000 };

/** mentee id -> [mentor id, score] in candidate order. */
function candidatesById(graph: CandidateGraph): Map<string, [string, number][]> {
  return new Map(
    graph.mentees.map((e, i) => {
      const list: [string, number][] = [];
      for (let p = graph.offsets[i]; p < graph.offsets[i + 1]; p++) list.push([graph.mentors[graph.mentor[p]].id, graph.score[p]]);
      return [e.id, list];
    }),
  );
}

/** Mentors the index can reach for a mentee: a wanted skill or a target department, capacity left. */
function reachable(org: Organization, e: MenteeProfile): MentorProfile[] {
  return org.mentors.filter(
    (m) =>
      m.freeCapacity > 0 &&
      (m.skills.some((s) => e.learnSkillIds.includes(s.skillId)) || e.targetDepartmentIds.includes(m.departmentId)),
  );
}

describe('generateCandidates', () => {
  it('returns at most k allowed mentors per mentee, best first, scored as scorePair does', () => {
    fc.assert(
      fc.property(organization(), fc.integer({ min: 1, max: 4 }), (org, k) => {
        const graph = generateCandidates(org.mentees, org.mentors, org.context, { k });
        const mentorsById = new Map(org.mentors.map((m) => [m.id, m]));
        for (const e of org.mentees) {
          const list = candidatesById(graph).get(e.id)!;
          expect(list.length).toBeLessThanOrEqual(k);
          expect(new Set(list.map(([id]) => id)).size).toBe(list.length);
          list.forEach(([mentorId, score], p) => {
            const pair = scorePair(e, mentorsById.get(mentorId)!, org.context);
            expect(pair.allowed).toBe(true);
            if (pair.allowed) expect(score).toBeCloseTo(pair.score, 12);
            if (p > 0) {
              const [previousId, previousScore] = list[p - 1];
              expect(previousScore > score || (previousScore === score && previousId < mentorId)).toBe(true);
            }
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps exactly the k best allowed mentors reachable through skills and target departments', () => {
    fc.assert(
      fc.property(organization(), fc.integer({ min: 1, max: 8 }), (org, k) => {
        const graph = candidatesById(generateCandidates(org.mentees, org.mentors, org.context, { k, ...uncapped }));
        for (const e of org.mentees) {
          const expected = reachable(org, e)
            .map((m) => [m.id, scorePair(e, m, org.context)] as const)
            .flatMap(([id, pair]) => (pair.allowed ? [[id, pair.score] as [string, number]] : []))
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .slice(0, k);
          const actual = graph.get(e.id)!;
          expect(actual.map(([id]) => id)).toEqual(expected.map(([id]) => id));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the best teachers of a common skill and a moving window over the others', () => {
    const base = { departmentId: 'd', level: 5, title: 't', languages: ['en'], utcOffsetMinutes: 0, freeCapacity: 1 };
    const mentors: MentorProfile[] = [1, 2, 3, 4, 5].map((proficiency) => ({
      ...base,
      id: `m${proficiency}`,
      skills: [{ skillId: 'js', proficiency, wantsToTeach: true }],
    }));
    const mentee: MenteeProfile = {
      id: 'e',
      departmentId: 'x',
      level: 3,
      managerChainIds: ['m5'],
      learnSkillIds: ['js'],
      targetRoleTitles: [],
      targetDepartmentIds: [],
      languages: ['en'],
      utcOffsetMinutes: 0,
    };
    const context = { skillFrequency: new Map([['js', 100]]), skillNames: new Map() };
    const others = ['e0', 'e1', 'e2'].map((id) => ({ ...mentee, id, managerChainIds: [] }));
    const graph = candidatesById(generateCandidates([mentee, ...others], mentors, context, { skillPostingCap: 2 }));
    // Cap 2: the best teacher (m5) and one of the 4 others, the next one for each mentee (id order).
    // m5 is e's manager: read from the posting list but never a candidate.
    expect(graph.get('e')!.map(([id]) => id)).toEqual(['m4']);
    expect(graph.get('e0')!.map(([id]) => id)).toEqual(['m5', 'm3']);
    expect(graph.get('e1')!.map(([id]) => id)).toEqual(['m5', 'm2']);
    expect(graph.get('e2')!.map(([id]) => id)).toEqual(['m5', 'm1']);
  });

  it('does not depend on the order of the profiles', () => {
    fc.assert(
      fc.property(organization(), fc.nat(), (org, seed) => {
        const a = generateCandidates(org.mentees, org.mentors, org.context, { k: 3 });
        const b = generateCandidates(shuffle(org.mentees, seed), shuffle(org.mentors, seed + 1), org.context, { k: 3 });
        expect(candidatesById(b)).toEqual(candidatesById(a));
      }),
      { numRuns: 100 },
    );
  });
});
