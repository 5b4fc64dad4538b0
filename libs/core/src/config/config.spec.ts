import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/x', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.nodeEnv).toBe('development');
    expect(c.devSignInEnabled).toBe(false);
    expect(c.graphql).toEqual({
      maxDepth: 10,
      maxCost: 50000,
      maxAliases: 30,
      maxDirectives: 50,
      maxOperations: 20,
      maxFragments: 50,
      maxDocumentBytes: 32768,
      maxTokens: 5000,
      introspection: true,
      hideSchemaDetails: false,
    });
    expect(c.rateLimit).toEqual({ windowSeconds: 60, userMax: 1200, ipMax: 6000 });
    expect(c.trustProxyHops).toBe(0);
  });

  it('hides the schema in production, and relaxes rate limits for tests only', () => {
    const prod = loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(prod.graphql).toMatchObject({ introspection: false, hideSchemaDetails: true });
    expect(prod.rateLimit).toEqual({ windowSeconds: 60, userMax: 1200, ipMax: 6000 });
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).rateLimit).toEqual({ windowSeconds: 60, userMax: 100000, ipMax: 100000 });
    expect(loadConfig({ ...base, RATE_LIMIT_USER_MAX: '0', RATE_LIMIT_IP_MAX: '0' }).rateLimit).toMatchObject({ userMax: 0, ipMax: 0 });
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL is required'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL must be a URL'],
    [{ PORT: 'abc' }, 'PORT must be an integer'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be'],
    [{ DEV_SIGNIN_ENABLED: 'yes' }, 'DEV_SIGNIN_ENABLED must be true or false'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DEV_SIGNIN_ENABLED: 'true' }, 'DEV_SIGNIN_ENABLED must not be true'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET is required in production'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 16'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ GRAPHQL_MAX_COST: '5' }, 'GRAPHQL_MAX_COST must be an integer from 10'],
    [{ GRAPHQL_MAX_ALIASES: '-1' }, 'GRAPHQL_MAX_ALIASES must be an integer'],
    [{ GRAPHQL_MAX_DOCUMENT_BYTES: '1kb' }, 'GRAPHQL_MAX_DOCUMENT_BYTES must be an integer'],
    [{ GRAPHQL_MAX_TOKENS: '10' }, 'GRAPHQL_MAX_TOKENS must be an integer from 100'],
    [{ RATE_LIMIT_USER_MAX: 'lots' }, 'RATE_LIMIT_USER_MAX must be an integer'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, 'RATE_LIMIT_WINDOW_SECONDS must be an integer from 1'],
    [{ TRUST_PROXY_HOPS: 'true' }, 'TRUST_PROXY_HOPS must be an integer'],
    [{ GRAPHQL_HIDE_SCHEMA_DETAILS: 'maybe' }, 'GRAPHQL_HIDE_SCHEMA_DETAILS must be true or false'],
  ])('refuses %j with a line naming the variable', (override, message) => {
    const env = { ...base, ...override } as Record<string, string | undefined>;
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('uses the OIDC issuer instead of a shared secret when configured', () => {
    const c = loadConfig({ ...base, NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.com' });
    expect(c.jwt.secret).toBeUndefined();
    expect(c.jwt.issuer).toBe('https://id.example.com');
  });
});
