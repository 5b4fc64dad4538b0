import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { redisOptions } from '../queue/redis';

/** How long a rate limit check may wait for Redis before the request goes through unchecked. */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 250;

/**
 * A fixed window per key: the first hit creates the counter with the window as its expiry; the
 * reply is the count so far and the milliseconds left in the window. One round trip, atomic.
 */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

export interface RateLimitSubject {
  scope: 'user' | 'ip';
  id: string;
  max: number;
}

export interface RateLimitRefusal {
  scope: 'user' | 'ip';
  limit: number;
  retryAfterSeconds: number;
}

type RedisWithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Request counters in Redis, so every API instance shares them. It fails open: when Redis is
 * unreachable or slow, `hit` lets the request through (and logs a warning, at most every 10 s) —
 * the API keeps answering during a Redis outage. Its own connection, with the offline queue off and
 * a short command timeout, so a check never waits for Redis to come back.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly log = new Logger('RateLimiter');
  private readonly redis: RedisWithHit;
  private readonly prefix: string;
  private readonly windowMs: number;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.windowMs = config.rateLimit.windowSeconds * 1000;
    this.prefix = `${config.queuePrefix}:ratelimit`;
    this.redis = new Redis({
      ...redisOptions(config.redisUrl),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: RATE_LIMIT_REDIS_TIMEOUT_MS,
      connectTimeout: 2000,
      connectionName: 'waypoint-ratelimit',
    }) as RedisWithHit;
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis.on('error', (e: Error) => this.warn(`Redis: ${e.message}`));
  }

  /** Counts a request against each subject; the first subject over its limit, or null (also when Redis fails). */
  async hit(subjects: RateLimitSubject[]): Promise<RateLimitRefusal | null> {
    try {
      const counts = await Promise.all(subjects.map((s) => this.redis.rateLimitHit(`${this.prefix}:${s.scope}:${s.id}`, this.windowMs)));
      for (let i = 0; i < subjects.length; i++) {
        const [count, ttlMs] = counts[i];
        if (count > subjects[i].max) {
          return { scope: subjects[i].scope, limit: subjects[i].max, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
        }
      }
      return null;
    } catch (e) {
      this.warn(`rate limits not enforced while Redis does not answer (${e instanceof Error ? e.message : String(e)})`);
      return null;
    }
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.log.warn(message);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
