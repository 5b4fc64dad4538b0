/**
 * The web client's pure logic, run in Node: the skill-gap computation behind the home page and
 * the PKCE challenge of the OIDC sign-in. (Jest collects libs/**\/*.spec.ts and
 * test/**\/*.e2e-spec.ts only, so the client's unit tests live with its browser journeys.)
 */
import { pkceChallenge, randomString } from '../../apps/web/src/api/pkce';
import { holdsRole, roleInsight, type Holder } from '../../apps/web/src/lib/gaps';

const skill = (id: string, proficiency: number, wantsToTeach = false) => ({ skillId: id, proficiency, wantsToTeach, skill: { id, name: id.toUpperCase() } });
const person = (id: string, title: string, skills: Holder['skills']): Holder => ({ id, fullName: `Person ${id}`, title, department: { id: 'd', name: 'Platform' }, skills });

describe('holdsRole', () => {
  it.each([
    ['Engineering Manager', 'Engineering Manager', true],
    ['Senior Engineering Manager', 'engineering manager', true],
    ['Engineering Manager', 'Manager', true],
    ['Software Engineer', 'Engineering Manager', false],
    ['Manager', 'Engineering Manager', false],
    ['Director of Engineering', '', false],
  ])('%s holds "%s": %s', (title, role, expected) => {
    expect(holdsRole(title, role)).toBe(expected);
  });
});

describe('roleInsight', () => {
  const me = { id: 'me', skills: [{ skillId: 'ts', proficiency: 4, wantsToLearn: false }, { skillId: 'k8s', proficiency: 1, wantsToLearn: true }] };
  const candidates = [
    person('a', 'Engineering Manager', [skill('ts', 3), skill('k8s', 4, true), skill('people', 4)]),
    person('b', 'Senior Engineering Manager', [skill('k8s', 3), skill('people', 5)]),
    person('c', 'Engineering Manager', [skill('people', 3), skill('rare', 5)]),
    person('d', 'Software Engineer', [skill('ts', 5), skill('k8s', 5, true)]),
    person('me', 'Engineering Manager', [skill('ts', 4)]),
  ];
  const insight = roleInsight('Engineering Manager', candidates, me);

  it('compares with the people who hold the role, never the employee themself', () => {
    expect(insight.holders.map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('takes the skills most holders have, at their median level, biggest gap first', () => {
    // [skill, typical (median), mine, gap, holders]: "rare" is held by 1 of 3, just above the 30% cut.
    expect(insight.gaps.map((g) => [g.skillId, g.typical, g.mine, g.gap, g.holders])).toEqual([
      ['rare', 5, 0, 5, 1],
      ['people', 4, 0, 4, 3],
      ['k8s', 4, 1, 3, 2],
      ['ts', 3, 4, 0, 1],
    ]);
    expect(insight.gaps.find((g) => g.skillId === 'k8s')!.wantsToLearn).toBe(true);
  });

  it('puts first the people who can teach what the employee lacks, and says why', () => {
    expect(insight.people[0].person.id).toBe('a');
    expect(insight.people[0].teaches).toEqual(['K8S']);
    expect(insight.people[0].explanation).toBe('Engineering Manager in Platform: the role you are aiming for.');
  });

  it('is empty, not wrong, when no one holds the role', () => {
    const none = roleInsight('Chief Astronaut', candidates, me);
    expect(none).toMatchObject({ holders: [], gaps: [], people: [] });
  });
});

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of the allowed alphabet and length, never twice the same', () => {
    const a = randomString(48);
    expect(a).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(randomString(48)).not.toBe(a);
  });
});
