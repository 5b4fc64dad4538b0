import { Role } from '@waypoint/core';
import { createSession, createUser, Session, startTestPlatform, TestPlatform, tokenFor } from '@waypoint/testing';

const ME = '{ me { id email roles } }';

describe('authentication and roles', () => {
  let p: TestPlatform;
  let s: Session;
  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  const claimsOf = (u: { id: string; organizationId: string; roles: Role[] }) => ({
    employeeId: u.id,
    organizationId: u.organizationId,
    roles: u.roles,
  });

  async function expectUnauthenticated(authorization: string | undefined, message: RegExp) {
    const res = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: ME }),
    });
    const body = (await res.json()) as any;
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js:\d+/);
  }

  it('accepts a valid token and reads roles from the database', async () => {
    const r = await p.gql(ME, {}, s.hr.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toMatchObject({ id: s.hr.id, roles: ['EMPLOYEE', 'HR_ADMIN'] });
  });

  it('refuses a missing token', () => expectUnauthenticated(undefined, /no bearer token/));
  it('refuses a malformed Authorization header', () => expectUnauthenticated('Token abc', /malformed Authorization/));
  it('refuses a malformed JWT', () => expectUnauthenticated('Bearer not.a.jwt', /malformed|could not be verified/));
  it('refuses an expired JWT', async () =>
    expectUnauthenticated(`Bearer ${await tokenFor(claimsOf(s.employee), { ttlSeconds: -60 })}`, /expired/));
  it('refuses a JWT from another issuer', async () =>
    expectUnauthenticated(`Bearer ${await tokenFor(claimsOf(s.employee), { issuer: 'https://evil.example' })}`, /"iss"/));
  it('refuses a JWT for another audience', async () =>
    expectUnauthenticated(`Bearer ${await tokenFor(claimsOf(s.employee), { audience: 'other-app' })}`, /"aud"/));
  it('refuses a JWT signed with another secret', async () =>
    expectUnauthenticated(`Bearer ${await tokenFor(claimsOf(s.employee), { secret: 'another-secret-0123456789abcdef' })}`, /signature/));
  it('refuses an unsigned (alg: none) JWT', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${part({ alg: 'none' })}.${part({ sub: s.employee.id, org: s.organizationId, roles: ['ORG_ADMIN'], iss: 'waypoint', aud: 'waypoint', exp: now + 60 })}.`;
    await expectUnauthenticated(`Bearer ${unsigned}`, /algorithm|malformed|could not be verified/);
  });
  it('refuses a token whose organization claim is not the employee’s', async () =>
    expectUnauthenticated(
      `Bearer ${await tokenFor({ ...claimsOf(s.employee), organizationId: s.outsiderOrganizationId })}`,
      /no active employee/,
    ));
  it('ignores roles claimed in the token that the database does not grant', async () => {
    const forged = await tokenFor({ ...claimsOf(s.employee), roles: [Role.ORG_ADMIN] });
    const r = await p.gql('mutation($id: ID!) { deactivateEmployee(id: $id) { id } }', { id: s.peer.id }, forged);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
  it('refuses the token of a deactivated employee', async () => {
    const gone = await createUser(p.db, s.organizationId, { firstName: 'Gone' });
    await p.db.query('UPDATE employee SET active = false WHERE id = $1', [gone.id]);
    await expectUnauthenticated(`Bearer ${gone.token}`, /no active employee/);
  });

  it('development sign-in mints a working token for a seeded user', async () => {
    const [{ slug }] = await p.db.query('SELECT slug FROM organization WHERE id = $1', [s.organizationId]);
    const r = await p.gql('mutation($e: String!, $o: String!) { devSignIn(email: $e, organization: $o) { token employee { id manager { id } reports { id } } } }', {
      e: s.manager.email.toUpperCase(),
      o: slug,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.devSignIn.employee).toEqual({
      id: s.manager.id,
      manager: { id: s.director.id },
      reports: expect.arrayContaining([{ id: s.employee.id }, { id: s.peer.id }]),
    });
    const me = await p.gql(ME, {}, r.data.devSignIn.token);
    expect(me.data.me.id).toBe(s.manager.id);
    const users = await p.gql('query($o: String!) { devUsers(organization: $o) { email persona } }', { o: slug });
    expect(users.data.devUsers).toEqual(
      expect.arrayContaining([
        { email: s.orgAdmin.email, persona: 'ORG_ADMIN' },
        { email: s.hr.email, persona: 'HR_ADMIN' },
        { email: s.manager.email, persona: 'MANAGER' },
      ]),
    );
    const unknown = await p.gql('mutation { devSignIn(email: "nobody@example.test") { token } }');
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('HR manages people; an employee may not', async () => {
    const input = { email: 'New.Person@Example.test', firstName: 'New', lastName: 'Person', title: 'Analyst', level: 2, departmentId: s.departmentId };
    const create = 'mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { id email department { name } } }';
    const denied = await p.gql(create, { i: input }, s.employee.token);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ok = await p.gql(create, { i: input }, s.hr.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createEmployee).toMatchObject({ email: 'new.person@example.test', department: { name: 'Engineering' } });
    const again = await p.gql(create, { i: input }, s.hr.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('only an org admin grants ORG_ADMIN, and the last org admin stays', async () => {
    const setRoles = 'mutation($id: ID!, $r: [Role!]!) { setEmployeeRoles(employeeId: $id, roles: $r) { roles } }';
    const byHr = await p.gql(setRoles, { id: s.peer.id, r: ['ORG_ADMIN'] }, s.hr.token);
    expect(byHr.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const hrByHr = await p.gql(setRoles, { id: s.peer.id, r: ['HR_ADMIN'] }, s.hr.token);
    expect(hrByHr.data.setEmployeeRoles.roles).toEqual(['EMPLOYEE', 'HR_ADMIN']);
    const last = await p.gql(setRoles, { id: s.orgAdmin.id, r: [] }, s.orgAdmin.token);
    expect(last.errors?.[0].extensions?.code).toBe('CONFLICT');
    const byAdmin = await p.gql(setRoles, { id: s.peer.id, r: ['ORG_ADMIN'] }, s.orgAdmin.token);
    expect(byAdmin.data.setEmployeeRoles.roles).toEqual(['EMPLOYEE', 'ORG_ADMIN']);
  });

  it('mounts Bull Board for org admins only', async () => {
    expect((await p.http('/admin/queues')).status).toBe(401);
    expect((await p.http('/admin/queues', { headers: { authorization: `Bearer ${s.hr.token}` } })).status).toBe(403);
    const ok = await p.http('/admin/queues', { headers: { authorization: `Bearer ${s.orgAdmin.token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/<html/i);
  });

  it('reports health of the database and Redis', async () => {
    const res = await p.http('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });
});

describe('development sign-in when disabled', () => {
  let p: TestPlatform;
  beforeAll(async () => (p = await startTestPlatform({ worker: false, env: { DEV_SIGNIN_ENABLED: 'false' } })));
  afterAll(() => p?.close());

  it('is refused', async () => {
    const r = await p.gql('mutation { devSignIn(email: "employee@demo.waypoint.test") { token } }');
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const users = await p.gql('{ devUsers { email } }');
    expect(users.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
