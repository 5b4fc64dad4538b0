import type { NextFunction, Request, Response } from 'express';
import { TokenService } from '../auth/token.service';
import { RateLimitConfig } from '../config/config';
import { ErrorCode } from '../errors/app-error';
import { sendHttpError } from '../graphql/protections/http';
import { RateLimiter, RateLimitSubject } from './rate-limiter';

/** Paths the API answers itself; any other GET is a static file of the web client (not limited). */
const API_PATHS = /^\/(graphql|admin|calendar)(\/|$)/;

/**
 * Express middleware, first in the chain: counts each request against its client IP and, when it
 * carries a valid bearer token (header or `waypoint_token` cookie), against its user. Over a limit:
 * HTTP 429 with `Retry-After` and a GraphQL-shaped error `RATE_LIMITED`. `/health` and static files
 * are not counted. The token is only verified here (signature, expiry); the guard still checks
 * that its employee is active.
 */
export function rateLimitMiddleware(limiter: RateLimiter, tokens: TokenService, config: RateLimitConfig) {
  const userOf = async (req: Request): Promise<string | undefined> => {
    const header = req.headers.authorization;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? /(?:^|;\s*)waypoint_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (!token) return undefined;
    try {
      const claims = await tokens.verify(token);
      return `${claims.organizationId}:${claims.employeeId}`;
    } catch {
      return undefined; // refused later by the guard; the IP limit still applies
    }
  };

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.path === '/health' || ((req.method === 'GET' || req.method === 'HEAD') && !API_PATHS.test(req.path))) return next();
    const subjects: RateLimitSubject[] = [];
    if (config.userMax > 0) {
      const user = await userOf(req);
      if (user) subjects.push({ scope: 'user', id: user, max: config.userMax });
    }
    if (config.ipMax > 0) subjects.push({ scope: 'ip', id: req.ip ?? req.socket.remoteAddress ?? 'unknown', max: config.ipMax });
    if (!subjects.length) return next();
    const refused = await limiter.hit(subjects);
    if (!refused) return next();
    res.setHeader('Retry-After', String(refused.retryAfterSeconds));
    const who = refused.scope === 'user' ? 'this user' : 'this address';
    sendHttpError(
      res,
      429,
      ErrorCode.RATE_LIMITED,
      `Too many requests for ${who}: at most ${refused.limit} every ${config.windowSeconds} s. Retry in ${refused.retryAfterSeconds} s`,
      { scope: refused.scope, limit: refused.limit, windowSeconds: config.windowSeconds, retryAfterSeconds: refused.retryAfterSeconds },
    );
  };
}
