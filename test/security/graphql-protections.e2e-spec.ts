import { createSession, Session, startTestPlatform, TestPlatform } from '@waypoint/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** Each GraphQL protection, with its default limit, against the running API: a stable code, no stack, nothing executed. */
describe('GraphQL protections', () => {
  let p: TestPlatform;
  let s: Session;
  beforeAll(async () => {
    p = await startTestPlatform({ worker: false });
    s = await createSession(p.db);
  });
  afterAll(() => p?.close());

  /** Like Apollo Client: prefers application/graphql-response+json. */
  async function post(body: unknown, opts: { accept?: string; contentType?: string; raw?: boolean } = {}) {
    const res = await p.http('/graphql', {
      method: 'POST',
      headers: {
        'content-type': opts.contentType ?? 'application/json',
        accept: opts.accept ?? 'application/graphql-response+json, application/json;q=0.9',
        authorization: `Bearer ${s.employee.token}`,
      },
      body: opts.raw ? (body as string) : JSON.stringify(body),
    });
    const text = await res.text();
    expect(text).not.toMatch(/stacktrace|\bat .+:\d+:\d+|node_modules|<html/i);
    return { status: res.status, body: JSON.parse(text) as { data?: any; errors?: { message: string; extensions: Record<string, any> }[] } };
  }

  async function refused(query: string, code: string, status = 400, variables?: Record<string, unknown>) {
    const r = await post({ query, variables });
    expect({ status: r.status, code: r.body.errors?.[0]?.extensions.code }).toEqual({ status, code });
    expect(r.body.data).toBeUndefined();
    return r.body.errors![0];
  }

  const copies = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

  describe('cost', () => {
    // Per employee: node 1 + reports (1 + 20 × (reports 1 + 20 × id)) = 422; edges 423; per page of n: 1 + 423n.
    const TWO_PAGES = 'query($n: Int!) { a: employees(first: $n) { edges { node { reports { reports { id } } } } } b: employees(first: $n) { edges { node { reports { reports { id } } } } } }';

    it('refuses a query above GRAPHQL_MAX_COST, naming its cost and the limit', async () => {
      const e = await refused(TWO_PAGES, 'QUERY_TOO_COMPLEX', 400, { n: 100 });
      expect(e.extensions).toMatchObject({ cost: 2 * (1 + 423 * 100), limit: 50000 });
      expect(e.message).toMatch(/costs 84602, above the limit of 50000/);
    });

    it('reads page sizes from the variables: the same query with smaller pages runs', async () => {
      const r = await post({ query: TWO_PAGES, variables: { n: 50 } });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.a.edges.length).toBeGreaterThan(0);
    });

    it('prices fragment fan-out instead of being slowed by it', async () => {
      const n = 25;
      const fragments = copies(n, (i) => `fragment F${i} on Employee { ...F${i + 1} ...F${i + 1} }`);
      const started = Date.now();
      await refused(`{ me { ...F0 } } ${fragments} fragment F${n} on Employee { id }`, 'QUERY_TOO_COMPLEX');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    // graphql-depth-limit, used before, overflowed its stack on a cycle and threw on an unknown fragment (a 500),
    // and took seconds on a fan-out of 2^24: the rules here measure each fragment once.
    it('a fragment cycle or an unknown fragment is a validation error, not a crash', async () => {
      const e = await refused('{ me { ...A } } fragment A on Employee { manager { ...A } }', 'GRAPHQL_VALIDATION_FAILED');
      expect(e.message).toMatch(/Cannot spread fragment "A" within itself/);
      await refused('{ ...B } fragment B on Query { ...B }', 'GRAPHQL_VALIDATION_FAILED');
      expect((await refused('{ me { ...Missing } }', 'GRAPHQL_VALIDATION_FAILED')).message).toMatch(/Unknown fragment "Missing"/);
    });
  });

  it('depth: refuses deeper than GRAPHQL_MAX_DEPTH', async () => {
    const deep = `{ me { ${'manager { '.repeat(10)}id${' }'.repeat(10)} } }`;
    const e = await refused(deep, 'QUERY_TOO_DEEP');
    expect(e.extensions).toMatchObject({ limit: 10, actual: 11 });
    expect((await post({ query: `{ me { ${'manager { '.repeat(9)}id${' }'.repeat(9)} } }` })).body.errors).toBeUndefined();
  });

  it('aliases: 30 pass, 31 are refused', async () => {
    expect((await post({ query: `{ ${copies(30, (i) => `a${i}: me { id }`)} }` })).body.errors).toBeUndefined();
    const e = await refused(`{ ${copies(31, (i) => `a${i}: me { id }`)} }`, 'TOO_MANY_ALIASES');
    expect(e.extensions).toMatchObject({ limit: 30, actual: 31 });
  });

  it('directives: more than 50 are refused', async () => {
    await refused(`{ me { ${copies(51, (i) => `f${i}: id @include(if: true)`)} } }`.replace(/f\d+: /g, ''), 'TOO_MANY_DIRECTIVES');
  });

  it('operations and fragments per document', async () => {
    await refused(copies(21, (i) => `query Q${i} { me { id } }`), 'TOO_MANY_OPERATIONS');
    await refused(`{ me { ...F0 } } ${copies(51, (i) => `fragment F${i} on Employee { id }`)}`, 'TOO_MANY_FRAGMENTS');
  });

  it('document size: refused before parsing above GRAPHQL_MAX_DOCUMENT_BYTES (a GET URL is capped at 16 kB by Node)', async () => {
    const big = `{ me { id } } # ${'é'.repeat(16_400)}`; // 32 800 bytes in UTF-8, 16 414 characters
    const e = await refused(big, 'DOCUMENT_TOO_LARGE', 413);
    expect(e.extensions).toMatchObject({ limit: 32768, actual: Buffer.byteLength(big) });
    expect((await post({ query: `{ me { id } } # ${'x'.repeat(32_000)}` })).body.errors).toBeUndefined();
  });

  it('tokens: the parser stops at GRAPHQL_MAX_TOKENS', async () => {
    const e = await refused(`{ me { ${'id '.repeat(6000)}} }`, 'DOCUMENT_TOO_LARGE');
    expect(e.message).toMatch(/5000 tokens/);
  });

  it('batches: a JSON array body is refused with its own code', async () => {
    const r = await post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions.code).toBe('BATCHING_NOT_SUPPORTED');
  });

  it('what the body parser refuses is answered in the same JSON shape, without a stack trace', async () => {
    const latin = await post('{"query":"{ me { id } }"}', { contentType: 'application/json; charset=latin1', raw: true });
    expect(latin.status).toBe(415);
    expect(latin.body.errors?.[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const encoded = await p.http('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br-nonsense' }, body: '{}' });
    expect(encoded.status).toBe(415);
    expect(await encoded.text()).not.toMatch(/stack|<html/i);
  });

  it('status codes follow GraphQL over HTTP: 400 for application/graphql-response+json, 200 for application/json', async () => {
    const query = `{ ${copies(31, (i) => `a${i}: me { id }`)} }`;
    const legacy = await post({ query }, { accept: 'application/json' });
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors?.[0].extensions.code).toBe('TOO_MANY_ALIASES');
    expect((await post({ query: '{ me { id ' }, { accept: 'application/json' })).status).toBe(200);
    expect((await post({ query: '{ me { id ' })).status).toBe(400);
  });

  it('outside production, validation errors still suggest field names (the production suite checks they do not)', async () => {
    const r = await post({ query: '{ me { fullNam } }' });
    expect(r.body.errors?.[0].message).toMatch(/Did you mean "fullName"/);
  });

  describe('over the WebSocket (graphql-ws)', () => {
    /** The first thing the server says about one operation, or 'pending' for a live subscription. */
    async function overWs(query: string): Promise<{ errors?: { message: string; extensions?: Record<string, any> }[] } | 'pending'> {
      const client = createClient({
        url: `${p.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${s.employee.token}` },
        retryAttempts: 0,
      });
      try {
        return await new Promise((resolve) => {
          const timer = setTimeout(() => resolve('pending'), 1000);
          const done = (r: any) => {
            clearTimeout(timer);
            resolve(r);
          };
          client.subscribe({ query }, { next: done, error: (e) => done({ errors: Array.isArray(e) ? e : [{ message: String(e) }] }), complete: () => done({}) });
        });
      } finally {
        await client.dispose();
      }
    }

    it('serves subscriptions', async () => {
      expect(await overWs('subscription { notificationReceived { id title } }')).toBe('pending');
    });

    it('refuses queries and mutations: they go over HTTP, where the rate limits apply', async () => {
      const r = await overWs('{ me { id } }');
      expect(r !== 'pending' && r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('applies the document limits', async () => {
      const aliases = await overWs(`subscription { notificationReceived { ${copies(31, (i) => `a${i}: id`)} } }`);
      expect(aliases !== 'pending' && aliases.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
      const tokens = await overWs(`subscription { notificationReceived { ${'id '.repeat(6000)}} }`);
      expect(tokens !== 'pending' && tokens.errors?.[0].extensions?.code).toBe('DOCUMENT_TOO_LARGE');
      const syntax = await overWs('subscription { notificationReceived { id }');
      expect(syntax !== 'pending' && syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    });
  });
});
