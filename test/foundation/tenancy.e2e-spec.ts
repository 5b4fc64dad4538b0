import { createSession, createUser, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { Role } from '@waypoint/core';

/**
 * Every people operation tried from another organization must fail (or see nothing), and
 * must change nothing: the outsider is an HR admin and org admin of their own organization.
 */
describe('tenant isolation of people and skills', () => {
  let p: TestPlatform;
  let s: Session;
  let outsider: TestUser;
  let skillId: string;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    s = await createSession(p.db);
    outsider = await createUser(p.db, s.outsiderOrganizationId, { firstName: 'Xena', roles: [Role.EMPLOYEE, Role.HR_ADMIN, Role.ORG_ADMIN] });
    [{ id: skillId }] = await p.db.query(
      `INSERT INTO skill (organization_id, name, normalized_name, status) VALUES ($1, 'Secret Sauce', 'secret sauce', 'PROPOSED') RETURNING id`,
      [s.organizationId],
    );
  });
  afterAll(() => p?.close());

  const fingerprint = async () =>
    p.db.query(
      `SELECT (SELECT json_agg(e ORDER BY id) FROM employee e WHERE organization_id = $1) AS employees,
              (SELECT json_agg(d ORDER BY id) FROM department d WHERE organization_id = $1) AS departments,
              (SELECT json_agg(k ORDER BY id) FROM skill k WHERE organization_id = $1) AS skills,
              (SELECT count(*) FROM outbox_event WHERE organization_id = $1) AS events`,
      [s.organizationId],
    );

  const attempts: [string, string, () => Record<string, unknown>, string][] = [
    ['employee(id)', 'query($id: ID!) { employee(id: $id) { id } }', () => ({ id: s.employee.id }), 'NOT_FOUND'],
    ['updateEmployee', 'mutation($id: ID!) { updateEmployee(id: $id, input: { title: "Pwned" }) { id } }', () => ({ id: s.employee.id }), 'NOT_FOUND'],
    ['deactivateEmployee', 'mutation($id: ID!) { deactivateEmployee(id: $id) { id } }', () => ({ id: s.employee.id }), 'NOT_FOUND'],
    ['reactivateEmployee', 'mutation($id: ID!) { reactivateEmployee(id: $id) { id } }', () => ({ id: s.employee.id }), 'NOT_FOUND'],
    ['setEmployeeRoles', 'mutation($id: ID!) { setEmployeeRoles(employeeId: $id, roles: [ORG_ADMIN]) { id } }', () => ({ id: s.employee.id }), 'NOT_FOUND'],
    ['updateDepartment', 'mutation($id: ID!) { updateDepartment(id: $id, input: { name: "Pwned" }) { id } }', () => ({ id: s.departmentId }), 'NOT_FOUND'],
    ['deactivateDepartment', 'mutation($id: ID!) { deactivateDepartment(id: $id) { id } }', () => ({ id: s.departmentId }), 'NOT_FOUND'],
    ['approveSkill', 'mutation($id: ID!) { approveSkill(id: $id) { id } }', () => ({ id: skillId }), 'NOT_FOUND'],
    ['setMySkills with their skill', 'mutation($id: ID!) { setMySkills(skills: [{ skillId: $id, proficiency: 3 }]) { skillId } }', () => ({ id: skillId }), 'BAD_USER_INPUT'],
    ['createEmployee in their department', 'mutation($d: ID!) { createEmployee(input: { email: "x@y.test", firstName: "X", lastName: "Y", title: "T", level: 1, departmentId: $d }) { id } }', () => ({ d: s.departmentId }), 'BAD_USER_INPUT'],
    ['createEmployee under their manager', 'mutation($m: ID!) { createEmployee(input: { email: "x2@y.test", firstName: "X", lastName: "Y", title: "T", level: 1, managerId: $m }) { id } }', () => ({ m: s.manager.id }), 'NOT_FOUND'],
    ['updateMyProfile targeting their department', 'mutation($d: ID!) { updateMyProfile(input: { targetDepartmentIds: [$d] }) { id } }', () => ({ d: s.departmentId }), 'BAD_USER_INPUT'],
    ['createDepartment under their department', 'mutation($d: ID!) { createDepartment(input: { name: "Sub", parentId: $d }) { id } }', () => ({ d: s.departmentId }), 'BAD_USER_INPUT'],
    ['createDepartment led by their employee', 'mutation($l: ID!) { createDepartment(input: { name: "Led", leaderId: $l }) { id } }', () => ({ l: s.manager.id }), 'BAD_USER_INPUT'],
  ];

  it.each(attempts)('%s is refused and changes nothing', async (_name, query, vars, code) => {
    const before = await fingerprint();
    const r = await p.gql(query, vars(), outsider.token);
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect(r.data?.[Object.keys(r.data ?? {})[0]] ?? null).toBeNull();
    expect(await fingerprint()).toEqual(before);
  });

  it('lists show nothing of the other organization', async () => {
    const r = await p.gql(
      '{ employees(first: 100) { totalCount edges { node { id } } } departments { id } skills(search: "secret") { id } }',
      {},
      outsider.token,
    );
    const ids = r.data.employees.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    expect(ids).toEqual([outsider.id, s.outsider.id].sort());
    expect(r.data.employees.totalCount).toBe(2);
    expect(r.data.departments).toEqual([]);
    expect(r.data.skills).toEqual([]);
  });

  it('proposing a skill with the same name creates the outsider’s own skill', async () => {
    const r = await p.gql('mutation { proposeSkill(name: "Secret Sauce") { id } }', {}, outsider.token);
    expect(r.data.proposeSkill.id).not.toBe(skillId);
  });
});
