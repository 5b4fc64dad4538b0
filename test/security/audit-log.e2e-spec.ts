import { Reflector } from '@nestjs/core';
import { ModulesContainer } from '@nestjs/core/injector/modules-container';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql/dist/graphql.constants';
import { randomUUID } from 'node:crypto';
import { AUDITED_ROLES, AuditInterceptor, Caller, HR_CAPACITY_MUTATIONS, REDACTED, Role, ROLES_KEY, TenantContext, UnitOfWork } from '@waypoint/core';
import { defer, lastValueFrom, of, throwError } from 'rxjs';
import { createSession, createUser, eventually, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';

interface MutationHandler {
  name: string;
  cls: new (...args: never[]) => unknown;
  handler: (...args: unknown[]) => unknown;
  roles: Role[] | undefined;
}

/** Every GraphQL mutation handler the running API registered, read from the Nest metadata. */
function mutationHandlers(p: TestPlatform): MutationHandler[] {
  const reflector = p.api.get(Reflector);
  const seen = new Map<string, MutationHandler>();
  for (const module of p.api.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = Object.getOwnPropertyDescriptor(proto, key)?.value;
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) !== 'Mutation') continue;
        const name: string = Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) ?? key;
        const cls = proto.constructor;
        seen.set(name, { name, cls, handler, roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, cls]) });
      }
    }
  }
  return [...seen.values()];
}

const CREATE_DEPT = 'mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }';
const SET_ROLES = 'mutation($id: ID!, $roles: [Role!]!) { setEmployeeRoles(employeeId: $id, roles: $roles) { id roles } }';
const CREATE_COMMITTEE = 'mutation($input: CreateCommitteeInput!) { createCommittee(input: $input) { id } }';
const OPEN_SEATS = 'mutation($input: OpenSeatsInput!) { openCommitteeSeats(input: $input) { id } }';
const AUDIT_LOG = `query($first: Int, $after: String, $filter: AuditLogFilter) { auditLog(first: $first, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id occurredAt actorId role action targetType targetId input requestId } } } }`;

describe('audit log of HR and admin actions', () => {
  let p: TestPlatform;
  let s: Session;
  const rows = async (organizationId = s.organizationId) =>
    p.db.query('SELECT * FROM audit_log WHERE organization_id = $1 ORDER BY occurred_at, id', [organizationId]);

  /** The rows after `count` exist (admin HTTP actions are written once their response finished). */
  const eventuallyRows = async (count: number) => {
    await eventually(async () => (await rows()).length >= count, 5000, `${count} audit rows`);
    return rows();
  };

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  describe('coverage, from the Nest metadata', () => {
    it('audits every mutation that requires HR_ADMIN or ORG_ADMIN, under the role the caller holds', () => {
      const interceptor = p.api.get(AuditInterceptor);
      const schema = p.api.get(GraphQLSchemaHost).schema;
      const mutationType = schema.getMutationType()!;
      const handlers = mutationHandlers(p);
      expect(handlers.length).toBe(Object.keys(mutationType.getFields()).length);
      const privileged = handlers.filter((h) => h.roles?.some((r) => AUDITED_ROLES.includes(r)));
      // The domains' HR and admin mutations: openings, people, departments, skills, committees, mentoring rounds, policies.
      expect(privileged.length).toBeGreaterThanOrEqual(25);
      const missing: string[] = [];
      for (const h of privileged) {
        for (const role of h.roles!.filter((r) => AUDITED_ROLES.includes(r))) {
          const caller: Caller = { organizationId: s.organizationId, employeeId: s.hr.id, roles: [Role.EMPLOYEE, role] };
          const entry = interceptor.entryFor(fakeMutationContext(h, caller, schema, mutationType));
          if (entry?.role !== role || entry.action !== h.name || entry.actorId !== s.hr.id) missing.push(`${h.name} as ${role}`);
        }
      }
      expect(missing).toEqual([]);
    });

    it('audits the mutations in which HR acts as HR (owner-or-HR, chair-or-HR, manager-or-HR) for HR callers only', () => {
      const interceptor = p.api.get(AuditInterceptor);
      const schema = p.api.get(GraphQLSchemaHost).schema;
      const mutationType = schema.getMutationType()!;
      const byName = new Map(mutationHandlers(p).map((h) => [h.name, h]));
      for (const name of HR_CAPACITY_MUTATIONS) {
        const h = byName.get(name);
        expect(h ? name : `${name} (not a mutation)`).toBe(name);
        expect(h!.roles?.some((r) => AUDITED_ROLES.includes(r)) ?? false).toBe(false);
        const as = (roles: Role[]) =>
          interceptor.entryFor(fakeMutationContext(h!, { organizationId: s.organizationId, employeeId: s.hr.id, roles }, schema, mutationType))?.role;
        expect([name, as([Role.EMPLOYEE, Role.HR_ADMIN])]).toEqual([name, Role.HR_ADMIN]);
        expect([name, as([Role.EMPLOYEE, Role.ORG_ADMIN])]).toEqual([name, Role.ORG_ADMIN]);
        expect([name, as([Role.EMPLOYEE])]).toEqual([name, undefined]);
      }
      // Everything else an employee may do is not audited.
      const plain = [...byName.values()].find((h) => h.name === 'updateMyProfile')!;
      expect(
        interceptor.entryFor(fakeMutationContext(plain, { organizationId: s.organizationId, employeeId: s.hr.id, roles: [Role.EMPLOYEE, Role.HR_ADMIN] }, schema, mutationType)),
      ).toBeUndefined();
    });
  });

  describe('rows', () => {
    it('writes one row per HR/admin mutation: actor, role, action, target, the input without free text, the request id', async () => {
      const before = (await rows()).length;
      const res = await p.http('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.hr.token}`, 'x-request-id': 'audit-test-request-1' },
        body: JSON.stringify({ query: CREATE_DEPT, variables: { input: { name: 'Secret Skunkworks', kind: 'BUSINESS_UNIT', leaderId: s.director.id } } }),
      });
      const body = (await res.json()) as { data?: { createDepartment: { id: string } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      const deptId = body.data!.createDepartment.id;

      const roles = await p.gql(SET_ROLES, { id: s.peer.id, roles: ['EMPLOYEE', 'HR_ADMIN'] }, s.orgAdmin.token);
      expect(roles.errors).toBeUndefined();

      const all = await rows();
      expect(all.length).toBe(before + 2);
      const [dept, grant] = all.slice(before);
      expect(dept).toMatchObject({
        organization_id: s.organizationId,
        actor_id: s.hr.id,
        role: 'HR_ADMIN',
        action: 'createDepartment',
        target_type: 'Department',
        target_id: deptId,
        request_id: 'audit-test-request-1',
      });
      expect(dept.input).toEqual({ input: { name: REDACTED, kind: 'BUSINESS_UNIT', leaderId: s.director.id } });
      expect(JSON.stringify(dept)).not.toContain('Skunkworks');
      expect(grant).toMatchObject({ actor_id: s.orgAdmin.id, role: 'ORG_ADMIN', action: 'setEmployeeRoles', target_type: 'Employee', target_id: s.peer.id });
      expect(grant.input).toEqual({ employeeId: s.peer.id, roles: ['EMPLOYEE', 'HR_ADMIN'] });
      expect(grant.request_id).toMatch(/^[\w-]{8,}$/);
    });

    it('audits HR acting as HR in a chair-or-HR mutation, and not the chair doing the same', async () => {
      const committee = await p.gql(
        CREATE_COMMITTEE,
        { input: { name: 'Green team', mission: 'Cut our carbon footprint in half', passionTags: ['climate'], chairId: s.director.id, seats: 3, termMonths: 12 } },
        s.hr.token,
      );
      expect(committee.errors).toBeUndefined();
      const committeeId = committee.data.createCommittee.id;
      const deadline = new Date(Date.now() + 7 * 86400_000).toISOString();
      const before = (await rows()).length;
      const byHr = await p.gql(OPEN_SEATS, { input: { committeeId, seats: 1, deadline } }, s.hr.token);
      expect(byHr.errors).toBeUndefined();
      const byChair = await p.gql(OPEN_SEATS, { input: { committeeId, seats: 1, deadline } }, s.director.token);
      expect(byChair.errors).toBeUndefined();
      const added = (await rows()).slice(before);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        actor_id: s.hr.id,
        role: 'HR_ADMIN',
        action: 'openCommitteeSeats',
        target_type: 'CommitteeSeatOpening',
        target_id: byHr.data.openCommitteeSeats.id,
      });
      expect(added[0].input.input).toMatchObject({ committeeId, seats: 1, deadline });
    });

    it('leaves no row for a mutation that fails: refused, invalid, rejected by the service, or rolled back at commit', async () => {
      const before = (await rows()).length;
      const forbidden = await p.gql(CREATE_DEPT, { input: { name: 'Not mine to create' } }, s.employee.token);
      expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const invalid = await p.gql(CREATE_DEPT, { input: { name: '' } }, s.hr.token);
      expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const duplicate = await p.gql(CREATE_DEPT, { input: { name: 'Engineering' } }, s.hr.token);
      expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
      const lastOrgAdmin = await p.gql(SET_ROLES, { id: s.orgAdmin.id, roles: ['EMPLOYEE'] }, s.orgAdmin.token);
      expect(lastOrgAdmin.errors).toBeDefined();

      // A change that fails at COMMIT (a deferred constraint trigger), after its audit row was
      // inserted in the same transaction: both roll back together.
      await p.db.query(`CREATE FUNCTION test_refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'Fails at commit' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$`);
      await p.db.query(`CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON department
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_at_commit()`);
      try {
        const atCommit = await p.gql(CREATE_DEPT, { input: { name: 'Fails at commit' } }, s.hr.token);
        expect(atCommit.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await p.db.query('DROP TRIGGER test_refuse_at_commit ON department');
        await p.db.query('DROP FUNCTION test_refuse_at_commit()');
      }
      expect(await p.db.query(`SELECT 1 FROM department WHERE name = 'Fails at commit'`)).toHaveLength(0);
      expect((await rows()).length).toBe(before);

      // …and the next successful one still gets exactly its row.
      const ok = await p.gql(CREATE_DEPT, { input: { name: 'Fails at commit' } }, s.hr.token);
      expect(ok.errors).toBeUndefined();
      const after = await rows();
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ action: 'createDepartment', target_id: ok.data.createDepartment.id });
    });

    it('audits the org admin actions of Bull Board (pause, resume…), not its reads', async () => {
      const before = (await rows()).length;
      const board = (path: string, method = 'GET') =>
        p.http(`/admin/queues/api/queues${path}`, { method, headers: { authorization: `Bearer ${s.orgAdmin.token}`, 'x-request-id': 'audit-board-1' } });
      expect((await board('')).status).toBe(200);
      expect((await board('/reminders/pause', 'PUT')).status).toBeLessThan(300);
      expect((await board('/reminders/resume', 'PUT')).status).toBeLessThan(300);
      const added = (await eventuallyRows(before + 2)).slice(before);
      expect(added.map((r: any) => [r.action, r.role, r.actor_id, r.target_type, r.target_id, r.input.method, r.request_id])).toEqual([
        ['bullBoard', 'ORG_ADMIN', s.orgAdmin.id, 'Queue', 'reminders', 'PUT', 'audit-board-1'],
        ['bullBoard', 'ORG_ADMIN', s.orgAdmin.id, 'Queue', 'reminders', 'PUT', 'audit-board-1'],
      ]);
      expect(added.map((r: any) => r.input.path)).toEqual(['/api/queues/reminders/pause', '/api/queues/reminders/resume']);
      // Refused (not an org admin): nothing.
      const refused = await p.http('/admin/queues/api/queues/reminders/pause', { method: 'PUT', headers: { authorization: `Bearer ${s.hr.token}` } });
      expect(refused.status).toBe(403);
      await new Promise((r) => setTimeout(r, 200));
      expect((await rows()).length).toBe(before + 2);
    });

    it('does not audit what employees do for themselves, nor reads', async () => {
      const before = (await rows()).length;
      const me = await p.gql('mutation { updateMyProfile(input: { bio: "hello" }) { id } }', {}, s.hr.token);
      expect(me.errors).toBeUndefined();
      expect((await p.gql('{ departments { id } }', {}, s.hr.token)).errors).toBeUndefined();
      expect((await rows()).length).toBe(before);
    });
  });

  describe('the mechanism, driven directly', () => {
    const ctxFor = (name: string, requestId: string) => {
      const h = mutationHandlers(p).find((m) => m.name === name)!;
      const schema = p.api.get(GraphQLSchemaHost).schema;
      const caller = { organizationId: s.organizationId, employeeId: s.hr.id, roles: [Role.EMPLOYEE, Role.HR_ADMIN] };
      return fakeMutationContext(h, caller, schema, schema.getMutationType()!, requestId);
    };
    const rowsFor = (requestId: string) => p.db.query('SELECT * FROM audit_log WHERE request_id = $1', [requestId]);

    it('writes the row itself, after success, for a mutation that commits without a unit of work; none when it throws', async () => {
      const interceptor = p.api.get(AuditInterceptor);
      const id = randomUUID();
      await lastValueFrom(interceptor.intercept(ctxFor('deactivateDepartment', 'req-fallback'), { handle: () => of({ id }) }));
      expect(await rowsFor('req-fallback')).toEqual([expect.objectContaining({ action: 'deactivateDepartment', role: 'HR_ADMIN', target_id: id, target_type: 'Department' })]);
      await expect(lastValueFrom(interceptor.intercept(ctxFor('deactivateDepartment', 'req-throws'), { handle: () => throwError(() => new Error('refused')) }))).rejects.toThrow(
        'refused',
      );
      expect(await rowsFor('req-throws')).toEqual([]);
    });

    it('writes exactly one row when a mutation runs several units of work, in the first that commits', async () => {
      const interceptor = p.api.get(AuditInterceptor);
      const uow = p.api.get(UnitOfWork);
      const first = randomUUID();
      const handler = () =>
        defer(async () => {
          // A first transaction fails: its claim is given back. The next two commit: one row, in the first of them.
          await uow.run(async () => Promise.reject(new Error('first attempt'))).catch(() => undefined);
          await uow.run(async () => ({ id: first }));
          await uow.run(async () => ({ id: randomUUID() }));
          return { id: randomUUID() };
        });
      // As in a request: the units of work run bound to the caller's organization (row-level security).
      await TenantContext.run(s.organizationId, () => lastValueFrom(interceptor.intercept(ctxFor('updateDepartment', 'req-several'), { handle: handler })));
      const rows = await rowsFor('req-several');
      expect(rows).toEqual([expect.objectContaining({ action: 'updateDepartment', target_id: first })]);
    });
  });

  describe('reading it', () => {
    it('org admins page through their organization, newest first, with filters', async () => {
      const total = (await rows()).length;
      expect(total).toBeGreaterThanOrEqual(4);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r: { data?: any; errors?: unknown } = await p.gql(AUDIT_LOG, { first: 2, after }, s.orgAdmin.token);
        expect(r.errors).toBeUndefined();
        expect(r.data.auditLog.totalCount).toBe(total);
        seen.push(...r.data.auditLog.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!r.data.auditLog.pageInfo.hasNextPage) break;
        after = r.data.auditLog.pageInfo.endCursor;
      }
      const expected = (await rows()).map((r: { id: string }) => r.id).reverse();
      expect(seen).toEqual(expected);

      const filtered = await p.gql(AUDIT_LOG, { filter: { action: 'setEmployeeRoles', actorId: s.orgAdmin.id } }, s.orgAdmin.token);
      expect(filtered.data.auditLog.edges.map((e: any) => [e.node.action, e.node.role, e.node.targetId])).toEqual([
        ['setEmployeeRoles', 'ORG_ADMIN', s.peer.id],
      ]);
      const bad = await p.gql(AUDIT_LOG, { after: 'bm90IGEgY3Vyc29y' }, s.orgAdmin.token);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('employees, managers and HR admins cannot read it', async () => {
      for (const u of [s.employee, s.manager, s.hr]) {
        const r = await p.gql(AUDIT_LOG, {}, u.token);
        expect([u.email, r.errors?.[0].extensions?.code, r.data?.auditLog]).toEqual([u.email, 'FORBIDDEN', undefined]);
      }
    });

    it('an org admin of another organization sees only theirs', async () => {
      const otherAdmin = await createUser(p.db, s.outsiderOrganizationId, { firstName: 'Oscar', roles: [Role.EMPLOYEE, Role.ORG_ADMIN] });
      const r = await p.gql(AUDIT_LOG, {}, otherAdmin.token);
      expect(r.errors).toBeUndefined();
      expect(r.data.auditLog.totalCount).toBe(0);
      const mine = await p.gql(CREATE_DEPT, { input: { name: 'Outside ops' } }, otherAdmin.token);
      expect(mine.errors).toBeUndefined();
      const after = await p.gql(AUDIT_LOG, {}, otherAdmin.token);
      expect(after.data.auditLog.edges.map((e: any) => e.node.actorId)).toEqual([otherAdmin.id]);
      // A cursor of the first organization does not open its rows either.
      const first = await p.gql(AUDIT_LOG, { first: 1 }, s.orgAdmin.token);
      const leak = await p.gql(AUDIT_LOG, { after: first.data.auditLog.pageInfo.endCursor }, otherAdmin.token);
      expect(leak.data.auditLog.edges.every((e: any) => e.node.actorId === otherAdmin.id)).toBe(true);
    });

    it('offers no way to change it: no mutation, and the database refuses UPDATE, DELETE and TRUNCATE', async () => {
      const mutations = Object.keys(p.api.get(GraphQLSchemaHost).schema.getMutationType()!.getFields());
      expect(mutations.filter((m) => /audit/i.test(m))).toEqual([]);
      const [row] = await rows();
      for (const sql of [
        `UPDATE audit_log SET action = 'nothing' WHERE id = '${row.id}'`,
        `UPDATE audit_log SET action = 'nothing' WHERE false`,
        `DELETE FROM audit_log WHERE id = '${row.id}'`,
        `DELETE FROM audit_log`,
        `TRUNCATE audit_log`,
      ]) {
        await expect(p.db.query(sql)).rejects.toThrow(/audit_log is append-only/);
      }
      expect((await p.db.query('SELECT action FROM audit_log WHERE id = $1', [row.id]))[0].action).toBe(row.action);
    });
  });
});

/** An execution context as Nest builds it for a GraphQL mutation field. */
function fakeMutationContext(
  h: MutationHandler,
  caller: Caller,
  schema: import('graphql').GraphQLSchema,
  mutationType: import('graphql').GraphQLObjectType,
  requestId = 'req-1',
) {
  const field = mutationType.getFields()[h.name];
  const info = { fieldName: h.name, parentType: mutationType, schema, returnType: field.type, operation: { operation: 'mutation' } };
  const ctx = new ExecutionContextHost([undefined, {}, { req: { caller, headers: {}, id: requestId } }, info], h.cls as never, h.handler as never);
  ctx.setType('graphql');
  return ctx;
}
