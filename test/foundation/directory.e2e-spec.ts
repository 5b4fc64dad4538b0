import { Client } from 'pg';
import { createDepartment, createSession, createUser, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

const PAGE = `query($first: Int!, $after: String, $f: EmployeeFilter) {
  employees(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id fullName department { name } manager { fullName } skills { proficiency skill { name } } } }
  } }`;

describe('the directory', () => {
  let p: TestPlatform;
  let s: Session;
  let sales: string;
  let go: string;

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    s = await createSession(p.db);
    sales = await createDepartment(p.db, s.organizationId, 'Sales');
    [{ id: go }] = await p.db.query(`INSERT INTO skill (organization_id, name, normalized_name) VALUES ($1, 'Go', 'go') RETURNING id`, [s.organizationId]);
    for (let i = 0; i < 23; i++) {
      const u = await createUser(p.db, s.organizationId, { firstName: `Seller${String(i).padStart(2, '0')}`, departmentId: sales, managerId: s.manager.id });
      await p.db.query('INSERT INTO employee_skill (employee_id, skill_id, organization_id, proficiency) VALUES ($1, $2, $3, $4)', [
        u.id,
        go,
        s.organizationId,
        (i % 5) + 1,
      ]);
    }
    await createUser(p.db, s.outsiderOrganizationId, { firstName: 'Seller99' });
  });
  afterAll(() => p?.close());

  async function all(filter: object, first: number) {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 100; guard++) {
      const r: any = await p.gql(PAGE, { first, after, f: filter }, s.employee.token);
      expect(r.errors).toBeUndefined();
      total = r.data.employees.totalCount;
      seen.push(...r.data.employees.edges.map((e: { node: { fullName: string } }) => e.node.fullName));
      if (!r.data.employees.pageInfo.hasNextPage) break;
      after = r.data.employees.pageInfo.endCursor;
    }
    return { seen, total };
  }

  it('pages through everyone in name order without gaps or repeats', async () => {
    const { seen, total } = await all({}, 7);
    expect(seen).toHaveLength(total);
    expect(total).toBe(6 + 23);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);
    expect(seen.some((n) => n.startsWith('Seller99'))).toBe(false);
  });

  it('filters by department and by skill with a minimum proficiency', async () => {
    expect((await all({ departmentId: sales }, 50)).total).toBe(23);
    const skilled = await all({ skill: { skillId: go, minProficiency: 4 } }, 5);
    // proficiency (i % 5) + 1 >= 4 for i % 5 in {3, 4}
    expect(skilled.total).toBe(Array.from({ length: 23 }, (_, i) => (i % 5) + 1).filter((x) => x >= 4).length);
    expect(skilled.seen).toHaveLength(skilled.total);
  });

  it('costs the same number of SQL statements for 5 rows as for 25, nested fields included', async () => {
    const count = async (first: number) => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const r = await p.gql(PAGE, { first, f: { departmentId: sales } }, s.employee.token);
        expect(r.data.employees.edges).toHaveLength(first);
        // The request's statements (the guard, count, page, one per kind of nested field), not the
        // outbox sweep that runs in the background of the same process.
        const text = (c: unknown[]) => String((c[0] as { text?: string })?.text ?? c[0]);
        return spy.mock.calls.filter((c) => !/^(START TRANSACTION|COMMIT|ROLLBACK)|outbox_event|set_config\('app\.organization_id'/.test(text(c))).length;
      } finally {
        spy.mockRestore();
      }
    };
    const small = await count(5);
    const large = await count(23);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(7);
  });

  it('hides deactivated employees; only HR may include them', async () => {
    await p.db.query(`UPDATE employee SET active = false WHERE first_name = 'Seller00'`);
    expect((await all({ departmentId: sales }, 50)).total).toBe(22);
    const denied = await p.gql(PAGE, { first: 5, f: { includeInactive: true } }, s.employee.token);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const hr = await p.gql(PAGE, { first: 50, f: { departmentId: sales, includeInactive: true } }, s.hr.token);
    expect(hr.data.employees.totalCount).toBe(23);
  });

  it('employee(id) of a deactivated employee is NOT_FOUND for anyone but HR (found by the authorization matrix)', async () => {
    const gone = await createUser(p.db, s.organizationId, { firstName: 'Gone', managerId: s.manager.id });
    await p.db.query('UPDATE employee SET active = false WHERE id = $1', [gone.id]);
    const Q = `query($id: ID!) { employee(id: $id) { id active } }`;
    for (const who of [s.employee, s.manager]) {
      expect((await p.gql(Q, { id: gone.id }, who.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    for (const who of [s.hr, s.orgAdmin]) {
      expect((await p.gql(Q, { id: gone.id }, who.token)).data).toEqual({ employee: { id: gone.id, active: false } });
    }
    // Active colleagues stay visible.
    expect((await p.gql(Q, { id: s.peer.id }, s.employee.token)).data).toEqual({ employee: { id: s.peer.id, active: true } });
  });
});
