import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { DataSource } from 'typeorm';
import { QUEUES, Role, TenantContext } from '@waypoint/core';
import { PeopleProcessor } from '../../libs/people/src/jobs/people.processor';
import { createDepartment, createSession, createUser, eventually, Session, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';

/**
 * Tables of schema public that deliberately have no row-level security, each with its reason.
 * Every other table must carry the tenant_isolation policy (and so must have organization_id,
 * or be `organization` itself): a table added without it fails here.
 */
const RLS_EXCEPTIONS: Record<string, string> = {
  typeorm_migrations: 'the migration history: no tenant data, and the application role has no privilege on it at all',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Row-level security: the API and the worker connect as waypoint_app, every connection they
 * check out is bound to the caller's organization, and a query that forgets its
 * organization_id filter still cannot see or touch another tenant's rows.
 */
describe('row-level security', () => {
  let p: TestPlatform;
  let s: Session;
  let app: DataSource; // the API's own DataSource (DATABASE_URL, waypoint_app)
  let orgA: string;
  let orgB: string;
  let hrB: TestUser;

  const OPENING = `mutation($input: CreateOpeningInput!) { createOpening(input: $input) { id } }`;
  const PUBLISH = `mutation($id: ID!) { publishOpening(id: $id) { id } }`;

  async function openingIn(hr: TestUser, departmentId: string, hiringManagerId: string, title: string): Promise<string> {
    const input = { title, departmentId, hiringManagerId, level: 3, location: 'Paris', remotePolicy: 'HYBRID', positions: 1, requiredSkills: [], niceToHaveSkillIds: [], description: 'A role.' };
    const created = await p.gql(OPENING, { input }, hr.token);
    if (created.errors) throw new Error(JSON.stringify(created.errors));
    const published = await p.gql(PUBLISH, { id: created.data.createOpening.id }, hr.token);
    if (published.errors) throw new Error(JSON.stringify(published.errors));
    return created.data.createOpening.id;
  }

  async function notify(organizationId: string, recipientId: string, title: string): Promise<void> {
    await p.db.query(
      `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data, dispatched_at)
       VALUES ($1, $2, 'RLS_TEST', gen_random_uuid(), $3, '', '{}', now())`,
      [organizationId, recipientId, title],
    );
  }

  const orgsOf = (rows: { organization_id: string }[]) => [...new Set(rows.map((r) => r.organization_id))];

  beforeAll(async () => {
    p = await startTestPlatform();
    s = await createSession(p.db);
    orgA = s.organizationId;
    orgB = s.outsiderOrganizationId;
    app = p.api.get<DataSource>(getDataSourceToken());
    const deptB = await createDepartment(p.db, orgB, 'Elsewhere');
    hrB = await createUser(p.db, orgB, { firstName: 'Hal', roles: [Role.EMPLOYEE, Role.HR_ADMIN], departmentId: deptB, level: 7 });
    await openingIn(s.hr, s.departmentId, s.manager.id, 'Opening of A');
    await openingIn(hrB, deptB, hrB.id, 'Opening of B');
    await notify(orgA, s.employee.id, 'For A');
    await notify(orgB, s.outsider.id, 'For B');
  });
  afterAll(() => p?.close());

  describe('the application role', () => {
    it('is waypoint_app: not superuser, not BYPASSRLS, owner of no table', async () => {
      const [me] = await app.query(
        `SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
                (SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
           FROM pg_roles r WHERE r.rolname = current_user`,
      );
      expect(me).toEqual({ name: 'waypoint_app', rolsuper: false, rolbypassrls: false, owned: 0 });
    });

    it('is also what the worker connects as', async () => {
      const [me] = await p.worker!.get<DataSource>(getDataSourceToken()).query('SELECT current_user AS name');
      expect(me.name).toBe('waypoint_app');
    });
  });

  describe('a deliberately unscoped query through the application DataSource', () => {
    it.each(['employee', 'opening', 'notification', 'department', 'organization'])('SELECT * FROM %s in org A context returns only org A rows', async (table) => {
      const column = table === 'organization' ? 'id' : 'organization_id';
      const rows = await TenantContext.run(orgA, () => app.query(`SELECT ${column} AS organization_id FROM ${table}`));
      const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [orgA]);
      const [{ other }] = await p.db.query(`SELECT count(*)::int AS other FROM ${table} WHERE ${column} = $1`, [orgB]);
      expect(other).toBeGreaterThan(0); // there is something to leak
      expect(rows.length).toBe(n);
      expect(n).toBeGreaterThan(0);
      expect(orgsOf(rows)).toEqual([orgA]);
    });

    it('returns nothing outside any tenant context', async () => {
      for (const table of ['employee', 'opening', 'notification', 'outbox_event', 'organization']) {
        expect(await app.query(`SELECT * FROM ${table}`)).toEqual([]);
      }
    });

    it('a join across tables still sees one organization only', async () => {
      const rows = await TenantContext.run(orgB, () =>
        app.query('SELECT n.organization_id, e.organization_id AS employee_org FROM notification n JOIN employee e ON e.id = n.recipient_id'),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(orgsOf(rows)).toEqual([orgB]);
      expect([...new Set(rows.map((r: { employee_org: string }) => r.employee_org))]).toEqual([orgB]);
    });

    it('inside a transaction, every statement is bound to the organization the transaction started in', async () => {
      const seen = await TenantContext.run(orgA, () =>
        app.transaction(async (em) => {
          const first = await em.query('SELECT DISTINCT organization_id FROM employee');
          // A context switch inside the transaction does not move its connection to another tenant.
          const second = await TenantContext.run(orgB, () => em.query('SELECT DISTINCT organization_id FROM employee'));
          return [...first, ...second];
        }),
      );
      expect(orgsOf(seen)).toEqual([orgA]);
    });
  });

  describe('writes are checked too', () => {
    it('INSERT of a row of another organization is refused (WITH CHECK)', async () => {
      await expect(
        TenantContext.run(orgA, () =>
          app.query(
            `INSERT INTO notification (organization_id, recipient_id, type, source_id, title, body, data)
             VALUES ($1, $2, 'RLS_TEST', gen_random_uuid(), 'planted', '', '{}')`,
            [orgB, s.outsider.id],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        app.query(`INSERT INTO department (organization_id, name) VALUES ($1, 'Planted without context')`, [orgB]),
      ).rejects.toThrow(/row-level security/);
      const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM notification WHERE title = 'planted'`);
      expect(n).toBe(0);
    });

    it('UPDATE cannot move a row to another organization, and an unscoped UPDATE or DELETE leaves the other tenant alone', async () => {
      await expect(
        TenantContext.run(orgA, () => app.query('UPDATE employee SET organization_id = $1 WHERE id = $2', [orgB, s.peer.id])),
      ).rejects.toThrow(/row-level security/);
      const before = await p.db.query('SELECT id, title, organization_id FROM employee WHERE organization_id = $1 ORDER BY id', [orgB]);
      const [, updated] = await TenantContext.run(orgA, () =>
        app.transaction(async (em) => {
          const result = await em.query(`UPDATE employee SET title = title WHERE organization_id = $1 OR true`, [orgB]);
          return result;
        }),
      );
      const [{ n }] = await p.db.query('SELECT count(*)::int AS n FROM employee WHERE organization_id = $1', [orgA]);
      expect(updated).toBe(n); // only org A's rows were touched
      const [, deleted] = await TenantContext.run(orgA, () => app.query('DELETE FROM notification WHERE organization_id = $1', [orgB]));
      expect(deleted).toBe(0);
      expect(await p.db.query('SELECT id, title, organization_id FROM employee WHERE organization_id = $1 ORDER BY id', [orgB])).toEqual(before);
      const [{ kept }] = await p.db.query(`SELECT count(*)::int AS kept FROM notification WHERE organization_id = $1`, [orgB]);
      expect(kept).toBeGreaterThan(0);
    });
  });

  describe('the application role cannot escape', () => {
    let c: Client;
    beforeEach(async () => {
      c = new Client({ connectionString: p.appDatabaseUrl });
      await c.connect();
    });
    afterEach(() => c.end());

    it('SET row_security = off makes a policed query fail instead of bypassing the policy', async () => {
      await c.query('SET row_security = off');
      await expect(c.query('SELECT * FROM employee')).rejects.toThrow(/row-level security/);
    });

    it.each([
      ['ALTER TABLE employee DISABLE ROW LEVEL SECURITY', /must be owner/],
      ['ALTER TABLE employee NO FORCE ROW LEVEL SECURITY', /must be owner/],
      ['DROP POLICY tenant_isolation ON employee', /must be owner/],
      [`CREATE POLICY open_door ON employee FOR SELECT USING (true)`, /must be owner/],
      ['ALTER ROLE waypoint_app BYPASSRLS', /permission denied/],
      ['SET ROLE postgres', /permission denied/],
      ['SET SESSION AUTHORIZATION postgres', /permission denied/],
      ['SELECT * FROM typeorm_migrations', /permission denied/],
    ])('%s is refused', async (sql, error) => {
      await expect(c.query(sql)).rejects.toThrow(error);
    });
  });

  describe('every tenant-owned table', () => {
    interface TableFacts {
      table: string;
      rls: boolean;
      has_org: boolean;
      policies: { name: string; cmd: string; permissive: boolean; roles: string; using: string | null; check: string | null }[];
      select: boolean;
      insert: boolean;
      update: boolean;
      del: boolean;
    }
    let tables: TableFacts[];

    beforeAll(async () => {
      tables = await p.db.query(
        `SELECT c.relname AS table, c.relrowsecurity AS rls,
                EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped) AS has_org,
                coalesce((SELECT json_agg(json_build_object(
                           'name', pol.polname, 'cmd', pol.polcmd, 'permissive', pol.polpermissive,
                           'roles', (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',') FROM unnest(pol.polroles) r),
                           'using', pg_get_expr(pol.polqual, pol.polrelid), 'check', pg_get_expr(pol.polwithcheck, pol.polrelid)))
                            FROM pg_policy pol WHERE pol.polrelid = c.oid), '[]') AS policies,
                has_table_privilege('waypoint_app', c.oid, 'SELECT') AS select,
                has_table_privilege('waypoint_app', c.oid, 'INSERT') AS insert,
                has_table_privilege('waypoint_app', c.oid, 'UPDATE') AS update,
                has_table_privilege('waypoint_app', c.oid, 'DELETE') AS del
           FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
      );
    });

    it('the exceptions exist and have no RLS (so the list stays true)', () => {
      for (const name of Object.keys(RLS_EXCEPTIONS)) {
        const t = tables.find((x) => x.table === name);
        expect(t).toBeDefined();
        expect(t!.rls).toBe(false);
        expect([t!.select, t!.insert, t!.update, t!.del]).toEqual([false, false, false, false]);
      }
    });

    it('has organization_id (or is organization), RLS enabled and exactly the tenant_isolation policy', () => {
      const policed = tables.filter((t) => !(t.table in RLS_EXCEPTIONS));
      expect(policed.length).toBeGreaterThan(30);
      const problems: string[] = [];
      for (const t of policed) {
        const column = t.table === 'organization' ? 'id' : 'organization_id';
        if (t.table !== 'organization' && !t.has_org) problems.push(`${t.table}: no organization_id column (add one, or list it in RLS_EXCEPTIONS with the reason)`);
        if (!t.rls) problems.push(`${t.table}: row level security is not enabled`);
        const expected = `(${column} = (NULLIF(current_setting('app.organization_id'::text, true), ''::text))::uuid)`;
        const [policy, ...others] = t.policies;
        if (!policy || policy.name !== 'tenant_isolation') problems.push(`${t.table}: no tenant_isolation policy`);
        else {
          if (policy.cmd !== '*' || !policy.permissive || policy.roles !== 'public') problems.push(`${t.table}: tenant_isolation must be a permissive FOR ALL TO PUBLIC policy`);
          if (policy.using !== expected || policy.check !== expected) problems.push(`${t.table}: unexpected policy ${policy.using} / ${policy.check}`);
        }
        // Another permissive policy would widen what tenant_isolation allows.
        if (others.some((o) => o.permissive)) problems.push(`${t.table}: has other permissive policies`);
      }
      expect(problems).toEqual([]);
    });

    it('is readable and writable by the application role (rows only: it cannot alter the schema)', () => {
      const missing = tables
        .filter((t) => !(t.table in RLS_EXCEPTIONS) && t.table !== 'audit_log')
        .filter((t) => !(t.select && t.insert && t.update && t.del))
        .map((t) => t.table);
      expect(missing).toEqual([]);
    });

    it('the audit log is append-only for the application role: read and insert, never update or delete', () => {
      const audit = tables.find((t) => t.table === 'audit_log')!;
      expect([audit.select, audit.insert, audit.update, audit.del]).toEqual([true, true, false, false]);
    });
  });

  describe('pooled connections change hands between organizations', () => {
    it('interleaved unscoped queries of two organizations each see their own rows only, on shared connections', async () => {
      const runs = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? orgB : orgA));
      const results = await Promise.all(
        runs.map((org, i) =>
          TenantContext.run(org, async () => {
            await sleep(i % 5);
            const rows: { organization_id: string; pid: number }[] = await app.query('SELECT organization_id, pg_backend_pid() AS pid FROM employee');
            return { org, pid: rows[0]?.pid, orgs: orgsOf(rows) };
          }),
        ),
      );
      for (const r of results) expect(r.orgs).toEqual([r.org]);
      // The pool (20 connections) served 60 queries: connections were reused, some by both organizations.
      const pidOrgs = new Map<number, Set<string>>();
      for (const r of results) pidOrgs.set(r.pid!, (pidOrgs.get(r.pid!) ?? new Set()).add(r.org));
      expect(pidOrgs.size).toBeLessThan(results.length);
      expect([...pidOrgs.values()].some((set) => set.size === 2)).toBe(true);
      // And afterwards, a checkout outside any context is bound to no organization.
      expect(await app.query('SELECT * FROM employee')).toEqual([]);
    });

    it('concurrent GraphQL requests of two organizations each get their own organization, and leave no binding behind', async () => {
      const Q = `{ openings(first: 50) { totalCount edges { node { id title } } } employees(first: 100) { totalCount edges { node { id } } } }`;
      const idsOf = async (org: string) => new Set((await p.db.query('SELECT id FROM employee WHERE organization_id = $1', [org])).map((r: { id: string }) => r.id));
      const [employeesA, employeesB] = [await idsOf(orgA), await idsOf(orgB)];
      const callers = Array.from({ length: 30 }, (_, i) => (i % 2 ? { token: s.employee.token, org: 'A' } : { token: hrB.token, org: 'B' }));
      const results = await Promise.all(callers.map(async (c) => ({ c, r: await p.gql(Q, {}, c.token) })));
      for (const { c, r } of results) {
        expect(r.errors).toBeUndefined();
        const titles = r.data.openings.edges.map((e: { node: { title: string } }) => e.node.title);
        expect(titles).toEqual([c.org === 'A' ? 'Opening of A' : 'Opening of B']);
        const ids: string[] = r.data.employees.edges.map((e: { node: { id: string } }) => e.node.id);
        expect(ids.length).toBe(r.data.employees.totalCount);
        expect(ids.every((id) => (c.org === 'A' ? employeesA : employeesB).has(id))).toBe(true);
      }
      expect(await app.query('SELECT * FROM opening')).toEqual([]);
    });
  });

  describe('GraphQL over the WebSocket', () => {
    /** One operation over graphql-ws. */
    async function overWs<T>(token: string, query: string): Promise<{ data?: T; errors?: unknown }> {
      const client = createClient({ url: `${p.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      try {
        return await new Promise((resolve, reject) => {
          let result: { data?: T; errors?: unknown } = {};
          client.subscribe<T>({ query }, { next: (r) => void (result = r as typeof result), error: reject, complete: () => resolve(result) });
        });
      } finally {
        await client.dispose();
      }
    }

    it('runs no query or mutation at all (they could not be bound like a subscription event): only subscriptions', async () => {
      // Per-organization delivery of the subscription itself: test/notifications/live.e2e-spec.ts.
      for (const user of [s.employee, hrB]) {
        await expect(overWs(user.token, `{ employees(first: 100) { totalCount } }`)).rejects.toEqual([
          expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
        ]);
      }
    });
  });

  describe('worker jobs', () => {
    let people: PeopleProcessor;
    let queue: Queue;
    const probe = 'rls-probe';
    beforeAll(() => {
      people = p.worker!.get(PeopleProcessor);
      queue = p.worker!.get<Queue>(getQueueToken(QUEUES.people));
    });

    async function finished(id: string) {
      return eventually(async () => {
        const job = await queue.getJob(id);
        if (job?.failedReason) throw new Error(job.failedReason);
        return job?.finishedOn ? job : null;
      }, 15000, `job ${id}`);
    }

    it('event jobs of two organizations, interleaved, each run bound to their own organization', async () => {
      const handlers = (people as unknown as { handlers: Record<string, unknown> }).handlers;
      const original = handlers.EmployeeProfileUpdated;
      const workerDb = p.worker!.get<DataSource>(getDataSourceToken());
      handlers.EmployeeProfileUpdated = async (data: { organizationId: string }) => {
        const first = await workerDb.query('SELECT organization_id FROM employee');
        await sleep(20); // let the other jobs run in between
        const second = await workerDb.query('SELECT organization_id FROM notification');
        return { org: data.organizationId, seen: orgsOf([...first, ...second]) };
      };
      try {
        const jobs = await queue.addBulk(
          Array.from({ length: 12 }, (_, i) => {
            const organizationId = i % 2 ? orgA : orgB;
            return {
              name: 'EmployeeProfileUpdated',
              data: { eventId: randomUUID(), organizationId, type: 'EmployeeProfileUpdated', payload: { employeeId: s.employee.id }, occurredAt: new Date().toISOString() },
            };
          }),
        );
        const done = await Promise.all(jobs.map((j) => finished(j.id!)));
        for (const job of done) expect(job.returnvalue.seen).toEqual([job.returnvalue.org]);
        expect(new Set(done.map((j) => j.returnvalue.org))).toEqual(new Set([orgA, orgB]));
      } finally {
        handlers.EmployeeProfileUpdated = original;
      }
    });

    it('a periodic job runs once per organization, each run bound to that organization', async () => {
      const scheduled = (people as unknown as { scheduled: Record<string, unknown> }).scheduled;
      const workerDb = p.worker!.get<DataSource>(getDataSourceToken());
      scheduled[probe] = {
        everyMs: 3600_000,
        run: async () => {
          const rows: { organization_id: string }[] = await workerDb.query('SELECT organization_id FROM employee');
          const org = TenantContext.organizationId()!;
          return { runs: 1, [org]: rows.length, leaked: rows.filter((r) => r.organization_id !== org).length };
        },
      };
      try {
        const job = await finished((await queue.add(probe, {})).id!);
        const [{ orgs }] = await p.db.query('SELECT count(*)::int AS orgs FROM organization');
        const count = async (org: string) => (await p.db.query('SELECT count(*)::int AS n FROM employee WHERE organization_id = $1', [org]))[0].n;
        expect(job.returnvalue).toMatchObject({ runs: orgs, leaked: 0, [orgA]: await count(orgA), [orgB]: await count(orgB) });
      } finally {
        delete scheduled[probe];
      }
    });

    it('an event job that names no organization fails without running', async () => {
      const job = await queue.add('EmployeeProfileUpdated', { eventId: randomUUID(), type: 'EmployeeProfileUpdated', payload: { employeeId: s.employee.id } });
      await eventually(async () => (await queue.getJob(job.id!))?.failedReason, 15000, 'the job to fail');
      expect((await queue.getJob(job.id!))!.failedReason).toMatch(/names no organization/);
    });
  });
});
