import fc from 'fast-check';
import { explainMatch, isRecommended, matchScore, RequiredSkill, SkillMatchStatus, summarize } from './match';

const held = (pairs: [string, number][]) => new Map(pairs);

describe('matchScore', () => {
  const required: RequiredSkill[] = [
    { skillId: 'ts', minProficiency: 4, weight: 3 },
    { skillId: 'k8s', minProficiency: 3, weight: 1 },
  ];

  it('is 100 when every minimum is met, whatever the surplus', () => {
    expect(matchScore(required, held([['ts', 5], ['k8s', 3]]))).toBe(100);
  });

  it('is 0 when every required skill is missing', () => {
    expect(matchScore(required, held([['excel', 5]]))).toBe(0);
  });

  it('weights each skill and credits a partly met skill in proportion', () => {
    // ts met (3/4 of the weight), k8s at 1 of 3: 75 + 25 * 1/3 = 83.33 -> 83
    expect(matchScore(required, held([['ts', 4], ['k8s', 1]]))).toBe(83);
    // ts at 2 of 4: 75 * 0.5 = 37.5 -> 38 (halves round up), k8s missing
    expect(matchScore(required, held([['ts', 2]]))).toBe(38);
  });

  it('is 100 for an opening without required skills', () => {
    expect(matchScore([], held([]))).toBe(100);
  });

  it('stays within 0..100 and never drops when a proficiency rises', () => {
    const skill = fc.record({ min: fc.integer({ min: 1, max: 5 }), weight: fc.integer({ min: 1, max: 10 }), p: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(skill, { minLength: 1, maxLength: 8 }), fc.nat(), (skills, pick) => {
        const req = skills.map((s, i) => ({ skillId: `s${i}`, minProficiency: s.min, weight: s.weight }));
        const have = new Map(skills.map((s, i) => [`s${i}`, s.p] as [string, number]).filter(([, p]) => p > 0));
        const score = matchScore(req, have);
        const i = pick % skills.length;
        const better = new Map(have).set(`s${i}`, Math.min(5, (have.get(`s${i}`) ?? 0) + 1));
        return score >= 0 && score <= 100 && Number.isInteger(score) && matchScore(req, better) >= score;
      }),
    );
  });

  it('equals round(100 * weighted credit) computed in floating point, away from ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ min: fc.integer({ min: 1, max: 5 }), weight: fc.integer({ min: 1, max: 10 }), p: fc.integer({ min: 0, max: 5 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (skills) => {
          const req = skills.map((s, i) => ({ skillId: `s${i}`, minProficiency: s.min, weight: s.weight }));
          const have = new Map(skills.map((s, i) => [`s${i}`, s.p] as [string, number]));
          const exact = (100 * skills.reduce((sum, s) => sum + (s.weight * Math.min(s.p, s.min)) / s.min, 0)) / skills.reduce((sum, s) => sum + s.weight, 0);
          if (Math.abs(exact - Math.floor(exact) - 0.5) < 1e-6) return true;
          return matchScore(req, have) === Math.round(exact);
        },
      ),
    );
  });
});

describe('explainMatch', () => {
  const m = explainMatch({
    required: [
      { skillId: 'ts', minProficiency: 4, weight: 3 },
      { skillId: 'k8s', minProficiency: 3, weight: 1 },
      { skillId: 'sql', minProficiency: 2, weight: 2 },
    ],
    niceToHave: ['figma', 'go'],
    skills: [
      { skillId: 'ts', proficiency: 5 },
      { skillId: 'k8s', proficiency: 2 },
      { skillId: 'go', proficiency: 1 },
    ],
    openingLevel: 5,
    employeeLevel: 4,
  });

  it('says, per required skill, met / partly / missing with the weighted points', () => {
    expect(m.required.map((r) => [r.skillId, r.status, r.proficiency, r.weightedScore, r.maxWeightedScore])).toEqual([
      ['ts', SkillMatchStatus.MET, 5, 50, 50],
      ['sql', SkillMatchStatus.MISSING, null, 0, 33.3],
      ['k8s', SkillMatchStatus.PARTLY, 2, 11.1, 16.7],
    ]);
    expect(m.score).toBe(61); // 50 + 16.67 * 2/3
  });

  it('lists the gap, missing before partly, most important first', () => {
    expect(m.gap.map((g) => [g.skillId, g.status])).toEqual([
      ['sql', SkillMatchStatus.MISSING],
      ['k8s', SkillMatchStatus.PARTLY],
    ]);
  });

  it('lists nice-to-have skills held or not, without changing the score', () => {
    expect(m.niceToHave).toEqual([
      { skillId: 'figma', proficiency: null, has: false },
      { skillId: 'go', proficiency: 1, has: true },
    ]);
  });

  it('labels one level above as a stretch, and only that', () => {
    expect(m.stretch).toBe(true);
    const at = (openingLevel: number) => explainMatch({ required: [], niceToHave: [], skills: [], openingLevel, employeeLevel: 4 });
    expect([3, 4, 5, 6].map((l) => at(l).stretch)).toEqual([false, false, true, false]);
    expect(at(6).levelGap).toBe(2);
  });

  it('summarizes in one line', () => {
    const names: Record<string, string> = { ts: 'TypeScript', k8s: 'Kubernetes', sql: 'SQL' };
    expect(summarize(m, (id) => names[id])).toBe('Meets 1 of 3 required skills (missing SQL; partly Kubernetes); stretch role, one level above yours');
  });
});

describe('isRecommended', () => {
  it('needs the threshold and at most one level above', () => {
    expect(isRecommended(60, 1, 60)).toBe(true);
    expect(isRecommended(59, 0, 60)).toBe(false);
    expect(isRecommended(100, 2, 60)).toBe(false);
    expect(isRecommended(100, -3, 60)).toBe(true);
  });
});
