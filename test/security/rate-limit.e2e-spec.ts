import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, RATE_LIMIT_REDIS_TIMEOUT_MS, RateLimiter } from '@waypoint/core';
import { createOrganization, createUser, startTestPlatform, TestPlatform, TestUser } from '@waypoint/testing';
import { startRedis, RedisServer } from '../../libs/devstack/src/services';
import { createApi } from '../../apps/api/src/bootstrap';

interface Reply {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions: Record<string, any> }[]; text?: string };
  ms: number;
}

/** One request from a chosen loopback source address (127.0.0.0/8 is all local on Linux): how clients at other IPs look. */
function call(base: string, opts: { path?: string; token?: string; from?: string; headers?: Record<string, string>; query?: string } = {}): Promise<Reply> {
  const url = new URL(opts.path ?? '/graphql', base);
  const body = opts.path ? undefined : JSON.stringify({ query: opts.query ?? '{ __typename }' });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: body ? 'POST' : 'GET',
        localAddress: opts.from ?? '127.0.0.1',
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            const json = /json/.test(String(res.headers['content-type']));
            resolve({ status: res.statusCode!, retryAfter: (res.headers['retry-after'] as string) ?? null, body: json ? JSON.parse(text) : { text }, ms: Date.now() - started });
          } catch (e) {
            reject(new Error(`Not JSON (${res.statusCode}): ${text.slice(0, 200)} ${String(e)}`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const ME = '{ me { id } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectRateLimited(r: Reply, scope: 'user' | 'ip', limit: number, windowSeconds: number) {
  expect(r.status).toBe(429);
  expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(r.retryAfter)).toBeLessThanOrEqual(windowSeconds);
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', scope, limit, windowSeconds, retryAfterSeconds: Number(r.retryAfter) });
  expect(r.body.errors?.[0].message).toMatch(/Too many requests/);
}

describe('rate limits', () => {
  const WINDOW = 4;
  let p: TestPlatform;
  let org: string;
  beforeAll(async () => {
    // A stand-in web client build, to check that static files are not counted.
    const web = mkdtempSync(join(tmpdir(), 'waypoint-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Waypoint</title>');
    writeFileSync(join(web, 'app.js'), 'console.log("waypoint")');
    p = await startTestPlatform({
      worker: false,
      env: { RATE_LIMIT_WINDOW_SECONDS: String(WINDOW), RATE_LIMIT_USER_MAX: '5', RATE_LIMIT_IP_MAX: '40', WEB_DIST_DIR: web },
    });
    org = await createOrganization(p.db);
  });
  afterAll(() => p?.close());

  it('per user: over the limit is 429 with Retry-After and RATE_LIMITED; another user is unaffected; the window resets', async () => {
    const [ann, bob] = [await createUser(p.db, org), await createUser(p.db, org)];
    for (let i = 0; i < 5; i++) expect((await call(p.url, { token: ann.token, query: ME })).body.data?.me.id).toBe(ann.id);
    const over = await call(p.url, { token: ann.token, query: ME });
    expectRateLimited(over, 'user', 5, WINDOW);
    expect((await call(p.url, { token: bob.token, query: ME })).body.data?.me.id).toBe(bob.id);
    await sleep(Number(over.retryAfter) * 1000 + 200);
    expect((await call(p.url, { token: ann.token, query: ME })).body.data?.me.id).toBe(ann.id);
  });

  it('per IP: another address is unaffected; a valid token does not lift it; /health and static files are not counted', async () => {
    let last: Reply | undefined;
    for (let i = 0; i < 41; i++) last = await call(p.url, { from: '127.0.0.2' });
    expectRateLimited(last!, 'ip', 40, WINDOW);
    const someone = await createUser(p.db, org);
    expect((await call(p.url, { from: '127.0.0.2', token: someone.token, query: ME })).status).toBe(429);
    const health = await call(p.url, { from: '127.0.0.2', path: '/health' });
    expect(health.status).toBe(200);
    for (const path of ['/app.js', '/openings']) {
      const file = await call(p.url, { from: '127.0.0.2', path, headers: { accept: 'text/html,*/*' } });
      expect({ path, status: file.status }).toEqual({ path, status: 200 });
    }
    expect((await call(p.url, { from: '127.0.0.3' })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('API instances share the counters (they are in Redis)', async () => {
    // A second API on the same database, Redis and prefix, as a second replica would be.
    Object.assign(process.env, { DATABASE_URL: p.databaseUrl, REDIS_URL: p.redisUrl, QUEUE_PREFIX: p.queuePrefix });
    const second = await createApi();
    try {
      await second.listen(0, '127.0.0.1');
      const urls = [p.url, (await second.getUrl()).replace('[::1]', '127.0.0.1')];
      const cy = await createUser(p.db, org);
      for (let i = 0; i < 5; i++) expect((await call(urls[i % 2], { token: cy.token, query: ME, from: '127.0.0.5' })).status).toBe(200);
      expectRateLimited(await call(urls[1], { token: cy.token, query: ME, from: '127.0.0.5' }), 'user', 5, WINDOW);
      expectRateLimited(await call(urls[0], { token: cy.token, query: ME, from: '127.0.0.5' }), 'user', 5, WINDOW);
    } finally {
      await second.close();
    }
  });

  it('X-Forwarded-For is not believed unless TRUST_PROXY_HOPS says a proxy sets it', async () => {
    let last: Reply | undefined;
    for (let i = 0; i < 41; i++) last = await call(p.url, { from: '127.0.0.4', headers: { 'x-forwarded-for': `10.0.0.${i}` } });
    expect(last!.status).toBe(429);
  });
});

describe('rate limits behind a proxy (TRUST_PROXY_HOPS=1)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ worker: false, env: { TRUST_PROXY_HOPS: '1', RATE_LIMIT_IP_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => p?.close());

  it('counts the client address the proxy forwards', async () => {
    const from = (ip: string) => call(p.url, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i++) expect((await from('198.51.100.7')).status).toBe(200);
    expectRateLimited(await from('198.51.100.7'), 'ip', 3, 60);
    expect((await from('198.51.100.8')).status).toBe(200);
  });
});

describe('rate limits while Redis is down', () => {
  let redis: RedisServer;
  let p: TestPlatform;
  let user: TestUser;
  beforeAll(async () => {
    redis = await startRedis();
    p = await startTestPlatform({ worker: false, redisUrl: redis.url, env: { RATE_LIMIT_USER_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '60' } });
    user = await createUser(p.db, await createOrganization(p.db));
  });
  afterAll(async () => {
    await p?.close();
    await redis?.stop();
  });

  it('fail open: requests are served, promptly, while Redis is unreachable; limits apply again once it is back', async () => {
    for (let i = 0; i < 3; i++) expect((await call(p.url, { token: user.token, query: ME })).status).toBe(200);
    expectRateLimited(await call(p.url, { token: user.token, query: ME }), 'user', 3, 60);

    await redis.stop();
    for (let i = 0; i < 10; i++) {
      const r = await call(p.url, { token: user.token, query: ME });
      expect({ status: r.status, id: r.body.data?.me.id }).toEqual({ status: 200, id: user.id });
      expect(r.ms).toBeLessThan(2000);
    }

    await redis.restart(); // an empty Redis: the counters start again
    const deadline = Date.now() + 20_000;
    let limited: Reply | undefined;
    while (!limited && Date.now() < deadline) {
      const r = await call(p.url, { token: user.token, query: ME });
      if (r.status === 429) limited = r;
      else await sleep(100);
    }
    expect(limited).toBeDefined();
    expectRateLimited(limited!, 'user', 3, 60);
  });
});

describe('the rate limiter when Redis accepts connections but never answers', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Answers the connection handshake (INFO, CLIENT), then swallows every other command: a hung Redis.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', (chunk) => {
        for (const command of chunk.toString('utf8').toLowerCase().split(/\*\d+\r\n/).slice(1)) {
          if (command.includes('info')) {
            const info = 'redis_version:7.2.0\r\nloading:0\r\n';
            socket.write(`$${info.length}\r\n${info}\r\n`);
          } else if (command.includes('client')) socket.write('+OK\r\n');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('lets the request through after its short timeout instead of waiting', async () => {
    const port = (server.address() as { port: number }).port;
    const limiter = new RateLimiter(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/x', REDIS_URL: `redis://127.0.0.1:${port}` }));
    try {
      await sleep(300); // connected and "ready"
      const started = Date.now();
      expect(await limiter.hit([{ scope: 'user', id: 'someone', max: 1 }])).toBeNull();
      // It did wait for an answer (the connection was ready), but no longer than its timeout.
      expect(Date.now() - started).toBeGreaterThanOrEqual(RATE_LIMIT_REDIS_TIMEOUT_MS - 20);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      limiter.onApplicationShutdown();
    }
  });
});
