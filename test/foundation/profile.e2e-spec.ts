import { createSession, eventually, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

const PROFILE = `{ me { id title location timeZone languages bio passions openToMentoring seekingMentor openToProjects profileReviewedAt
  aspirations { targetRoles targetDepartmentIds priorities prioritiesNote openToOpportunities }
  skills { proficiency wantsToLearn wantsToTeach skill { name } } } }`;
const UPDATE = 'mutation($i: UpdateMyProfileInput!) { updateMyProfile(input: $i) { id } }';
const SET_SKILLS = 'mutation($s: [EmployeeSkillInput!]!) { setMySkills(skills: $s) { skillId proficiency skill { name } } }';

describe('profiles and skills', () => {
  let p: TestPlatform;
  let s: Session;
  let skill: Record<string, string>;

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
    skill = {};
    for (const [name, aliases] of [
      ['Kubernetes', ['kubernetes', 'k8s']],
      ['TypeScript', ['typescript', 'ts']],
      ['Public Speaking', ['public speaking']],
    ] as const) {
      const [row] = await p.db.query('INSERT INTO skill (organization_id, name, normalized_name) VALUES ($1, $2, $3) RETURNING id', [
        s.organizationId,
        name,
        name.toLowerCase(),
      ]);
      await p.db.query('INSERT INTO skill_alias SELECT $1, a, $2 FROM unnest($3::text[]) a', [s.organizationId, row.id, aliases]);
      skill[name] = row.id;
    }
  });
  afterAll(() => p?.close());

  const snapshot = async () => (await p.gql(PROFILE, {}, s.employee.token)).data.me;

  it('round-trips the profile an employee edits', async () => {
    const input = {
      location: 'Lisbon',
      timeZone: 'Europe/Lisbon',
      languages: ['en', 'pt-BR'],
      bio: 'Backend engineer who likes **systems**.',
      passions: ['sustainability', 'mentoring'],
      openToMentoring: true,
      seekingMentor: true,
      openToProjects: true,
      openToOpportunities: true,
      targetRoles: ['Engineering Manager', 'Staff Engineer'],
      targetDepartmentIds: [s.departmentId],
      priorities: ['CAREER_TRAJECTORY', 'FAMILY_LIFE', 'SKILLS_DEVELOPMENT'],
      prioritiesNote: 'Remote-friendly please',
    };
    const r = await p.gql(UPDATE, { i: input }, s.employee.token);
    expect(r.errors).toBeUndefined();
    const me = await snapshot();
    const { openToOpportunities, targetRoles, targetDepartmentIds, priorities, prioritiesNote, ...pub } = input;
    expect(me).toMatchObject(pub);
    expect(me.aspirations).toEqual({ openToOpportunities, targetRoles, targetDepartmentIds, priorities, prioritiesNote });
    expect(Date.now() - Date.parse(me.profileReviewedAt)).toBeLessThan(60_000);
  });

  it('replaces skills and the worker indexes them for the directory search', async () => {
    const r = await p.gql(
      SET_SKILLS,
      {
        s: [
          { skillId: skill.Kubernetes, proficiency: 4, wantsToTeach: true },
          { skillId: skill['Public Speaking'], proficiency: 1, wantsToLearn: true },
        ],
      },
      s.employee.token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.setMySkills.map((x: { skill: { name: string } }) => x.skill.name)).toEqual(['Kubernetes', 'Public Speaking']);
    const search = 'query($q: String!) { employees(filter: { search: $q }) { totalCount edges { node { id } } } }';
    const found = await eventually(async () => {
      const res = await p.gql(search, { q: 'kuber' }, s.peer.token);
      return res.data.employees.totalCount === 1 ? res : null;
    }, 10000, 'the search document to include Kubernetes');
    expect(found.data.employees.edges[0].node.id).toBe(s.employee.id);
    const [{ n }] = await p.db.query(`SELECT count(*)::int n FROM outbox_event WHERE type = 'EmployeeSkillsChanged' AND published_at IS NOT NULL`);
    expect(n).toBe(1);
  });

  it('finds skills by alias and never creates the same skill twice', async () => {
    const find = await p.gql('{ skills(search: "K8S") { id name } }', {}, s.employee.token);
    expect(find.data.skills).toEqual([{ id: skill.Kubernetes, name: 'Kubernetes' }]);
    const propose = 'mutation($n: String!) { proposeSkill(name: $n) { id name status } }';
    const existing = await p.gql(propose, { n: '  kubernetes ' }, s.employee.token);
    expect(existing.data.proposeSkill).toEqual({ id: skill.Kubernetes, name: 'Kubernetes', status: 'APPROVED' });
    const [a, b] = await Promise.all([
      p.gql(propose, { n: 'Event Storming' }, s.employee.token),
      p.gql(propose, { n: 'event-storming' }, s.peer.token),
    ]);
    expect(a.data.proposeSkill.id).toBe(b.data.proposeSkill.id);
    expect(a.data.proposeSkill.status).toBe('PROPOSED');
    const approve = 'mutation($id: ID!) { approveSkill(id: $id, aliases: ["DDD events"]) { status } }';
    expect((await p.gql(approve, { id: a.data.proposeSkill.id }, s.employee.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await p.gql(approve, { id: a.data.proposeSkill.id }, s.hr.token)).data.approveSkill.status).toBe('APPROVED');
    expect((await p.gql('{ skills(search: "ddd ev") { name } }', {}, s.peer.token)).data.skills).toEqual([{ name: 'Event Storming' }]);
  });

  describe('bad input is refused with a clear code and changes nothing', () => {
    const cases: [string, string, Record<string, unknown>, string, RegExp][] = [
      ['proficiency 9', SET_SKILLS, { s: [{ skillId: '00000000-0000-4000-8000-000000000000', proficiency: 9 }] }, 'BAD_USER_INPUT', /proficiency/],
      ['proficiency 0', SET_SKILLS, { s: [{ skillId: '00000000-0000-4000-8000-000000000000', proficiency: 0 }] }, 'BAD_USER_INPUT', /proficiency/],
      ['an unknown skill id', SET_SKILLS, { s: [{ skillId: '00000000-0000-4000-8000-000000000000', proficiency: 3 }] }, 'BAD_USER_INPUT', /Unknown skill id/],
      ['a skill id that is not a UUID', SET_SKILLS, { s: [{ skillId: 'kubernetes', proficiency: 3 }] }, 'BAD_USER_INPUT', /skillId/],
      ['an invalid time zone', UPDATE, { i: { timeZone: 'Mars/Olympus' } }, 'BAD_USER_INPUT', /timeZone/],
      ['four priorities', UPDATE, { i: { priorities: ['FAMILY_LIFE', 'IMPACT', 'LOCATION', 'STABILITY'] } }, 'BAD_USER_INPUT', /priorities/],
      ['an unknown priority', UPDATE, { i: { priorities: ['WORLD_DOMINATION'] } }, 'BAD_USER_INPUT', /priorities|WORLD_DOMINATION/],
      ['a 100 kB bio', UPDATE, { i: { bio: 'x'.repeat(100_000) } }, 'BAD_USER_INPUT', /bio/],
      ['a language that is not a code', UPDATE, { i: { languages: ['English'] } }, 'BAD_USER_INPUT', /language/],
      ['an unknown target department', UPDATE, { i: { targetDepartmentIds: ['00000000-0000-4000-8000-000000000000'] } }, 'BAD_USER_INPUT', /department/],
      ['a wrongly typed field', UPDATE, { i: { openToProjects: 'yes' } }, 'BAD_USER_INPUT', /Boolean/],
    ];
    it.each(cases)('%s', async (_name, query, variables, code, message) => {
      const before = await snapshot();
      const r = await p.gql(query, variables, s.employee.token);
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(r.errors?.[0].message).toMatch(message);
      expect(JSON.stringify(r)).not.toMatch(/stacktrace|QueryFailedError|node_modules/);
      expect(await snapshot()).toEqual(before);
    });

    it('a duplicated skill in one request', async () => {
      const before = await snapshot();
      const dup = [
        { skillId: skill.TypeScript, proficiency: 3 },
        { skillId: skill.TypeScript, proficiency: 4 },
      ];
      const r = await p.gql(SET_SKILLS, { s: dup }, s.employee.token);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await snapshot()).toEqual(before);
    });

    it('a 10 MB string: the body is refused before it reaches GraphQL', async () => {
      const before = await snapshot();
      const res = await p.http('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.employee.token}` },
        body: JSON.stringify({ query: UPDATE, variables: { i: { bio: 'x'.repeat(10 * 1024 * 1024) } } }),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await snapshot()).toEqual(before);
    });

    it('a body that is not JSON', async () => {
      const res = await p.http('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    });

    it('an id argument that is not a UUID', async () => {
      const r = await p.gql('{ employee(id: "1 OR 1=1") { id } }', {}, s.employee.token);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('a page larger than the cap, and a forged cursor', async () => {
      const big = await p.gql('{ employees(first: 1000) { totalCount } }', {}, s.employee.token);
      expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const forged = await p.gql('{ employees(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, s.employee.token);
      expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(forged.errors?.[0].message).toMatch(/cursor/);
    });

    it('a query nested deeper than the limit', async () => {
      const deep = '{ me { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { id } } } } } } } } } } } }';
      const r = await p.gql(deep, {}, s.employee.token);
      expect(r.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
      expect(r.errors?.[0].message).toMatch(/depth/);
    });
  });

  describe('privacy of career aspirations', () => {
    const ASP = 'query($id: ID!) { employee(id: $id) { aspirations { targetRoles openToOpportunities } } }';
    beforeAll(async () => {
      await p.gql(UPDATE, { i: { openToOpportunities: true, targetRoles: ['Head of Platform'] } }, s.employee.token);
    });

    it('are visible to the employee and to HR / org admins', async () => {
      for (const who of [s.employee, s.hr, s.orgAdmin]) {
        const r = await p.gql(ASP, { id: s.employee.id }, who.token);
        expect(r.data.employee.aspirations).toEqual({ targetRoles: ['Head of Platform'], openToOpportunities: true });
      }
    });

    it('are hidden from the manager, the manager chain and peers on every path', async () => {
      for (const who of [s.manager, s.director, s.peer]) {
        expect((await p.gql(ASP, { id: s.employee.id }, who.token)).data.employee.aspirations).toBeNull();
        const list = await p.gql('{ employees(first: 100) { edges { node { id aspirations { targetRoles } } } } }', {}, who.token);
        const node = list.data.employees.edges.find((e: { node: { id: string } }) => e.node.id === s.employee.id).node;
        expect(node.aspirations).toBeNull();
        const nested = await p.gql(
          '{ me { reports { id aspirations { targetRoles } } managerChain { reports { id aspirations { targetRoles } } } } }',
          {},
          who.token,
        );
        const seen = JSON.stringify(nested.data);
        expect(seen).not.toContain('Head of Platform');
      }
    });
  });

  it('resolves reporting lines with a recursive query', async () => {
    const r = await p.gql('{ me { manager { id } managerChain { id } isManager } }', {}, s.employee.token);
    expect(r.data.me).toEqual({ manager: { id: s.manager.id }, managerChain: [{ id: s.manager.id }, { id: s.director.id }], isManager: false });
    const cycle = await p.gql(
      'mutation($id: ID!, $m: ID!) { updateEmployee(id: $id, input: { managerId: $m }) { id } }',
      { id: s.director.id, m: s.employee.id },
      s.hr.token,
    );
    expect(cycle.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(cycle.errors?.[0].message).toMatch(/loop/);
  });
});
