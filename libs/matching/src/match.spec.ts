import fc from 'fast-check';
import { Instance, bruteForce } from '../test/instances';
import { organization } from '../test/profiles';
import { generateCandidates } from './candidates';
import { proposeMatches } from './match';
import { scorePair } from './scoring';
import { MenteeProfile, MentorProfile, Objective } from './types';

describe('proposeMatches', () => {
  it('proposes allowed pairs within capacity, each explained, optimal on the candidate graph', () => {
    fc.assert(
      fc.property(organization(6, 4), fc.constantFrom<Objective>('score', 'coverage'), (org, objective) => {
        const k = 3;
        const result = proposeMatches(org.mentees, org.mentors, org.context, { k, objective });
        const mentorsById = new Map(org.mentors.map((m) => [m.id, m]));
        const menteesById = new Map(org.mentees.map((e) => [e.id, e]));
        const load = new Map<string, number>();
        let total = 0;
        for (const p of result.proposals) {
          const pair = scorePair(menteesById.get(p.menteeId)!, mentorsById.get(p.mentorId)!, org.context);
          if (!pair.allowed) throw new Error(`forbidden pair proposed: ${pair.violation}`);
          expect(p.score).toBeCloseTo(pair.score, 12);
          expect(p.components).toEqual(pair.components);
          expect(p.reasons).toEqual(pair.reasons);
          load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
          total += p.score;
        }
        for (const [id, l] of load) expect(l).toBeLessThanOrEqual(mentorsById.get(id)!.freeCapacity);
        const proposed = result.proposals.map((p) => p.menteeId);
        expect([...proposed, ...result.unmatchedMenteeIds].sort()).toEqual(org.mentees.map((e) => e.id).sort());
        expect(result.matched).toBe(proposed.length);
        expect(result.totalScore).toBeCloseTo(total, 12);

        const graph = generateCandidates(org.mentees, org.mentors, org.context, { k });
        const instance: Instance = {
          capacity: Array.from(graph.capacity),
          edges: graph.mentees.map((_, i) =>
            Array.from({ length: graph.offsets[i + 1] - graph.offsets[i] }, (_, t) => ({
              mentor: graph.mentor[graph.offsets[i] + t],
              score: graph.score[graph.offsets[i] + t],
            })),
          ),
        };
        const best = bruteForce(instance, objective);
        expect(result.totalScore).toBeCloseTo(best.total, 9);
        if (objective === 'coverage') expect(result.matched).toBe(best.matched);
      }),
      { numRuns: 200 },
    );
  });

  it('never proposes a mentee their own manager, even as their best match', () => {
    const manager: MentorProfile = {
      id: 'boss',
      departmentId: 'd',
      level: 5,
      title: 'Lead',
      skills: [{ skillId: 'go', proficiency: 5, wantsToTeach: true }],
      languages: ['en'],
      utcOffsetMinutes: 0,
      freeCapacity: 1,
    };
    const other: MentorProfile = { ...manager, id: 'other', skills: [{ skillId: 'go', proficiency: 2, wantsToTeach: false }] };
    const mentee: MenteeProfile = {
      id: 'e',
      departmentId: 'x',
      level: 3,
      managerChainIds: ['boss'],
      learnSkillIds: ['go'],
      targetRoleTitles: [],
      targetDepartmentIds: [],
      languages: ['en'],
      utcOffsetMinutes: 0,
    };
    const context = { skillFrequency: new Map([['go', 5]]), skillNames: new Map([['go', 'Go']]) };
    const { proposals } = proposeMatches([mentee], [manager, other], context, { maxReasons: 10 });
    expect(proposals.map((p) => p.mentorId)).toEqual(['other']);
    expect(proposals[0].reasons).toContain('Knows Go (2/5), which you want to learn');
  });
});
