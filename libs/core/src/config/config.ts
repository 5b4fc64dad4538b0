/**
 * Configuration, read from the environment once at boot and validated.
 * A missing or malformed variable stops the process with one line naming it.
 */
export type NodeEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Interface the API listens on. */
  host: string;
  /** The application's connection: a role that row-level security applies to (see libs/core/README.md, Tenancy). */
  databaseUrl: string;
  /** The owner's connection: migrations, seeding and the named system tasks that work across organizations. Defaults to databaseUrl. */
  databaseAdminUrl: string;
  redisUrl: string;
  queuePrefix: string;
  logLevel: string;
  /** Append logs to this file instead of stdout (LOG_FILE); tests read it. */
  logFile?: string;
  jwt: {
    /** Shared HS256 secret (development, tests). Unset when an OIDC issuer is configured. */
    secret?: string;
    issuer: string;
    audience: string;
    /** OIDC issuer; when set, tokens are verified with its JWKS. */
    oidcIssuer?: string;
    oidcJwksUrl?: string;
    tokenTtlSeconds: number;
  };
  devSignInEnabled: boolean;
  graphql: GraphQLLimits & { introspection: boolean; hideSchemaDetails: boolean };
  bodyLimit: string;
  rateLimit: RateLimitConfig;
  /** Express `trust proxy` (hops): how many proxies in front of the API set X-Forwarded-For. */
  trustProxyHops: number;
  outbox: { sweepIntervalMs: number; maxBackoffMs: number; publishTimeoutMs: number };
  workerConcurrency: number;
  /** BullMQ job locks of the worker: how soon a job whose worker died is handed to another one. */
  jobLocks: JobLockConfig;
  webDistDir?: string;
}

export interface JobLockConfig {
  /** A job's lock lives this long unless its worker renews it (every half of it). */
  lockDurationMs: number;
  /** How often a worker looks for jobs whose lock expired (stalled) and puts them back in the queue. */
  stalledIntervalMs: number;
  /** How many times a job may stall before it fails for good. */
  maxStalledCount: number;
}

/** Limits on a GraphQL request (README, "GraphQL protections"). */
export interface GraphQLLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxOperations: number;
  maxFragments: number;
  maxDocumentBytes: number;
  maxTokens: number;
}

/** Requests per window, per user and per client IP, counted in Redis (0 turns a limit off). */
export interface RateLimitConfig {
  windowSeconds: number;
  userMax: number;
  ipMax: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback?: string): string {
  const v = env[name];
  if (v === undefined || v === '') {
    if (fallback === undefined) throw new ConfigError(name, 'is required but not set');
    return fallback;
  }
  return v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string {
  const v = str(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}:// (got "${parsed.protocol}")`);
  }
  return v;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development');
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `must be development, test or production (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const oidcIssuer = env.OIDC_ISSUER ? url(env, 'OIDC_ISSUER', ['https', 'http']) : undefined;
  const secret = env.JWT_SECRET || (production || oidcIssuer ? undefined : 'waypoint-development-secret-change-me');
  if (!oidcIssuer && !secret) throw new ConfigError('JWT_SECRET', 'is required in production unless OIDC_ISSUER is set');
  if (secret && secret.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');
  const devSignInEnabled = bool(env, 'DEV_SIGNIN_ENABLED', false);
  if (devSignInEnabled && production) {
    throw new ConfigError('DEV_SIGNIN_ENABLED', 'must not be true when NODE_ENV=production');
  }
  const level = str(env, 'LOG_LEVEL', 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent (got "${level}")`);
  }
  const bodyLimit = str(env, 'BODY_LIMIT', '1mb');
  if (!/^\d+(kb|mb)$/.test(bodyLimit)) throw new ConfigError('BODY_LIMIT', `must look like 512kb or 1mb (got "${bodyLimit}")`);
  const queuePrefix = str(env, 'QUEUE_PREFIX', 'waypoint');
  if (!/^[\w{}:.-]+$/.test(queuePrefix)) throw new ConfigError('QUEUE_PREFIX', 'may only contain letters, digits, _ - . : { }');

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres', 'postgresql']);

  return {
    nodeEnv: nodeEnv as NodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    databaseUrl,
    databaseAdminUrl: url(env, 'DATABASE_ADMIN_URL', ['postgres', 'postgresql'], databaseUrl),
    redisUrl: url(env, 'REDIS_URL', ['redis', 'rediss']),
    queuePrefix,
    logLevel: level,
    logFile: env.LOG_FILE || undefined,
    jwt: {
      secret: oidcIssuer ? undefined : secret,
      issuer: oidcIssuer ?? str(env, 'JWT_ISSUER', 'waypoint'),
      audience: str(env, 'JWT_AUDIENCE', 'waypoint'),
      oidcIssuer,
      oidcJwksUrl: env.OIDC_JWKS_URL ? url(env, 'OIDC_JWKS_URL', ['https', 'http']) : undefined,
      tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    },
    devSignInEnabled,
    graphql: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 50),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 50000, 10, 10_000_000),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 30, 0, 10000),
      maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', 50, 0, 10000),
      maxOperations: int(env, 'GRAPHQL_MAX_OPERATIONS', 20, 1, 1000),
      maxFragments: int(env, 'GRAPHQL_MAX_FRAGMENTS', 50, 0, 10000),
      maxDocumentBytes: int(env, 'GRAPHQL_MAX_DOCUMENT_BYTES', 32768, 256, 10 * 1024 * 1024),
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 5000, 100, 1_000_000),
      introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
      hideSchemaDetails: bool(env, 'GRAPHQL_HIDE_SCHEMA_DETAILS', production),
    },
    bodyLimit,
    rateLimit: {
      windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
      // Tests drive the API far faster than people do: the defaults there only catch a runaway loop.
      userMax: int(env, 'RATE_LIMIT_USER_MAX', nodeEnv === 'test' ? 100000 : 1200, 0, 100_000_000),
      ipMax: int(env, 'RATE_LIMIT_IP_MAX', nodeEnv === 'test' ? 100000 : 6000, 0, 100_000_000),
    },
    trustProxyHops: int(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    outbox: {
      sweepIntervalMs: int(env, 'OUTBOX_SWEEP_INTERVAL_MS', 2000, 50, 600000),
      maxBackoffMs: int(env, 'OUTBOX_MAX_BACKOFF_MS', 10000, 10, 3600000),
      publishTimeoutMs: int(env, 'OUTBOX_PUBLISH_TIMEOUT_MS', 5000, 10, 600000),
    },
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 64),
    jobLocks: loadJobLockConfig(env),
    webDistDir: env.WEB_DIST_DIR || undefined,
  };
}

/**
 * The worker's job lock timings (BullMQ `lockDuration`, `stalledInterval`, `maxStalledCount`).
 * Defaults are BullMQ's own; a shorter lock recovers the jobs of a killed worker sooner, but a
 * job that blocks the event loop longer than the lock is then taken for stalled and run again.
 */
export function loadJobLockConfig(env: Env = process.env): JobLockConfig {
  const lockDurationMs = int(env, 'WORKER_LOCK_DURATION_MS', 30000, 1000, 3600000);
  return {
    lockDurationMs,
    stalledIntervalMs: int(env, 'WORKER_STALLED_INTERVAL_MS', 30000, 500, 3600000),
    maxStalledCount: int(env, 'WORKER_MAX_STALLED_COUNT', 1, 0, 100),
  };
}

/** Loads the configuration or exits with the one line that says what is wrong. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
