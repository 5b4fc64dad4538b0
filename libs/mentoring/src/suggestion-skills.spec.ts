import { generateCandidates, MenteeProfile, MentorProfile, scorePair, ScoringContext } from '@waypoint/matching';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * SuggestionService reads only the mentors' skills the employee wants to learn
 * (`MentoringPopulation.input(..., mentorSkillIds)`). That is safe only if, for one mentee, the
 * engine's answer does not depend on the mentors' other skills: this checks it on random
 * populations (common and rare wants, target departments, capacity, forbidden managers).
 */
describe('mentor suggestions with the mentors\' skills narrowed to the mentee\'s wants', () => {
  const skills = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
  const departments = Array.from({ length: 8 }, (_, i) => `d${i}`);

  function population(seed: number) {
    const r = mulberry32(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    // Skewed: the first skills are common, so their postings overflow the engine's caps.
    const skewed = () => skills[Math.floor(r() * r() * skills.length)];
    const mentee: MenteeProfile = {
      id: 'mentee',
      departmentId: pick(departments),
      level: 1 + Math.floor(r() * 5),
      managerChainIds: ['m0003', 'm0007'],
      learnSkillIds: [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, skewed))],
      targetRoleTitles: r() < 0.5 ? ['Data Engineer'] : [],
      targetDepartmentIds: r() < 0.5 ? [pick(departments)] : [],
      languages: ['en'],
      utcOffsetMinutes: 60,
    };
    const mentors: MentorProfile[] = Array.from({ length: 400 }, (_, i) => ({
      id: `m${String(i).padStart(4, '0')}`,
      departmentId: pick(departments),
      level: 1 + Math.floor(r() * 8),
      title: r() < 0.1 ? 'Data Engineer' : 'Software Engineer',
      skills: [...new Set(Array.from({ length: 2 + Math.floor(r() * 8) }, skewed))].map((skillId) => ({
        skillId,
        proficiency: 1 + Math.floor(r() * 5),
        wantsToTeach: r() < 0.3,
      })),
      languages: r() < 0.8 ? ['en'] : ['fr'],
      utcOffsetMinutes: pick([-300, 0, 60, 330]),
      freeCapacity: Math.floor(r() * 3),
    }));
    const context: ScoringContext = {
      skillFrequency: new Map(skills.map((s, i) => [s, 1000 - i * 20])),
      skillNames: new Map(skills.map((s) => [s, s.toUpperCase()])),
      departmentNames: new Map(departments.map((d) => [d, d.toUpperCase()])),
    };
    return { mentee, mentors, context };
  }

  const suggestions = (mentee: MenteeProfile, mentors: MentorProfile[], context: ScoringContext) => {
    const graph = generateCandidates([mentee], mentors, context, { k: 5 });
    const out: { id: string; score: number; reasons: string[] }[] = [];
    for (let e = graph.offsets[0]; e < graph.offsets[1]; e++) {
      const mentor = graph.mentors[graph.mentor[e]];
      const scored = scorePair(mentee, mentor, context);
      out.push({ id: mentor.id, score: graph.score[e], reasons: scored.allowed ? scored.reasons : [] });
    }
    return out;
  };

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('gives the same suggestions, scores and reasons (population %i)', (seed) => {
    const { mentee, mentors, context } = population(seed);
    const wanted = new Set(mentee.learnSkillIds);
    const narrowed = mentors.map((m) => ({ ...m, skills: m.skills.filter((s) => wanted.has(s.skillId)) }));
    const full = suggestions(mentee, mentors, context);
    expect(full.length).toBeGreaterThan(0);
    expect(suggestions(mentee, narrowed, context)).toEqual(full);
  });
});
