import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/x', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.nodeEnv).toBe('development');
    expect(c.devSignInEnabled).toBe(false);
    expect(c.graphql.maxDepth).toBe(10);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL is required'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres'],
    [{ DATABASE_ADMIN_URL: 'mysql://x' }, 'DATABASE_ADMIN_URL must use postgres'],
    [{ DATABASE_ADMIN_URL: 'nope' }, 'DATABASE_ADMIN_URL must be a URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL must be a URL'],
    [{ PORT: 'abc' }, 'PORT must be an integer'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be'],
    [{ DEV_SIGNIN_ENABLED: 'yes' }, 'DEV_SIGNIN_ENABLED must be true or false'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DEV_SIGNIN_ENABLED: 'true' }, 'DEV_SIGNIN_ENABLED must not be true'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET is required in production'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 16'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses %j with a line naming the variable', (override, message) => {
    const env = { ...base, ...override } as Record<string, string | undefined>;
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('uses DATABASE_ADMIN_URL for system work, DATABASE_URL when it is not set', () => {
    expect(loadConfig(base).databaseAdminUrl).toBe(base.DATABASE_URL);
    expect(loadConfig({ ...base, DATABASE_ADMIN_URL: 'postgres://owner@localhost/x' }).databaseAdminUrl).toBe('postgres://owner@localhost/x');
  });

  it('uses the OIDC issuer instead of a shared secret when configured', () => {
    const c = loadConfig({ ...base, NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.com' });
    expect(c.jwt.secret).toBeUndefined();
    expect(c.jwt.issuer).toBe('https://id.example.com');
  });
});
