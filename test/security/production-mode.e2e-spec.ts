import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** The API as production runs it (NODE_ENV=production, everything else at its production default). */
describe('production mode', () => {
  let p: TestPlatform;
  let s: Session;
  beforeAll(async () => {
    p = await startTestPlatform({ worker: false, env: { NODE_ENV: 'production', DEV_SIGNIN_ENABLED: 'false' } });
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  async function call(query: string, variables?: Record<string, unknown>, token: string | undefined = s.employee.token) {
    const res = await p.http('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    expect(text).not.toMatch(/stacktrace|\bat .+:\d+:\d+|node_modules|\/src\//);
    return { status: res.status, text, body: JSON.parse(text) as { data?: any; errors?: { message: string; extensions: { code: string } }[] } };
  }

  it('serves ordinary queries', async () => {
    const r = await call('{ me { id } }');
    expect(r.body).toEqual({ data: { me: { id: s.employee.id } } });
  });

  it('refuses introspection', async () => {
    for (const q of ['{ __schema { types { name } } }', '{ __type(name: "Employee") { fields { name } } }']) {
      const r = await call(q);
      expect(r.status).toBe(400);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body.errors?.[0].message).toMatch(/introspection is not allowed/);
      expect(r.text).not.toContain('fullName');
    }
  });

  it('does not suggest field, argument, type or enum value names', async () => {
    // [query, variables, the name a suggestion would reveal]
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      ['{ me { fullNam } }', undefined, 'fullName'],
      ['{ employes(first: 1) { totalCount } }', undefined, '"employee'],
      ['{ employees(frist: 1) { totalCount } }', undefined, 'first'],
      ['query($f: EmployeeFiltr) { employees(filter: $f) { totalCount } }', undefined, 'EmployeeFilter'],
      ['mutation($id: ID!, $r: [Role!]!) { setEmployeeRoles(employeeId: $id, roles: $r) { id } }', { id: s.peer.id, r: ['HR_ADMN'] }, 'HR_ADMIN'],
      ['{ employees(first: 1, filter: { serch: "x" }) { totalCount } }', undefined, 'search'],
    ];
    for (const [q, v, hint] of cases) {
      const r = await call(q, v, s.orgAdmin.token);
      expect(r.body.errors?.length).toBeGreaterThan(0);
      expect(r.body.errors?.[0].extensions.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
      expect(r.text).not.toMatch(/Did you mean/i);
      expect(r.text).not.toContain(hint);
    }
  });

  it('does not suggest names over the WebSocket either', async () => {
    const client = createClient({
      url: `${p.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${s.employee.token}` },
      retryAttempts: 0,
    });
    try {
      const errors = await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer')), 5000);
        client.subscribe({ query: 'subscription { notificationReceived { titl } }' }, {
          next: () => undefined,
          error: (e) => (clearTimeout(timer), resolve(e)),
          complete: () => (clearTimeout(timer), resolve(null)),
        });
      });
      const messages = (errors as { message: string }[]).map((e) => e.message).join('\n');
      expect(messages).toMatch(/Cannot query field "titl"/);
      expect(messages).not.toMatch(/Did you mean|"title"/);
    } finally {
      await client.dispose();
    }
  });

  it('never returns a stack trace: not for a bad token, a bad id, malformed JSON, or an unsupported charset', async () => {
    expect((await call('{ me { id } }', undefined, 'not.a.jwt')).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await call('{ employee(id: "nope") { id } }')).body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    for (const [contentType, body, status] of [
      ['application/json', '{"query": ', 400],
      ['application/json; charset=latin1', '{"query":"{ me { id } }"}', 415],
    ] as const) {
      const res = await p.http('/graphql', { method: 'POST', headers: { 'content-type': contentType }, body });
      expect(res.status).toBe(status);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].extensions.code).toMatch(/^[A-Z_]+$/);
      expect(text).not.toMatch(/stack|\bat .+:\d+|<html/i);
    }
  });

  it('keeps the GraphQL protections and the rate limits on', async () => {
    const r = await call(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`);
    expect(r.body.errors?.[0].extensions.code).toBe('TOO_MANY_ALIASES');
    const { loadConfig } = await import('@waypoint/core');
    expect(loadConfig().rateLimit).toEqual({ windowSeconds: 60, userMax: 1200, ipMax: 6000 });
  });
});
