import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { unauthenticated } from '../errors/app-error';
import { Role } from '../tenancy/caller';

/** What a verified token says about its bearer. The database still decides whether they are active. */
export interface TokenClaims {
  employeeId: string;
  organizationId: string;
  roles: Role[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies bearer JWTs: with the shared HS256 secret (development, tests) or, when OIDC_ISSUER is
 * set, with the issuer's JWKS. Claims: `sub` = employee id, `org` = organization id, `roles`.
 */
@Injectable()
export class TokenService {
  private readonly secret?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { secret, oidcIssuer, oidcJwksUrl } = config.jwt;
    if (secret) this.secret = new TextEncoder().encode(secret);
    if (oidcIssuer) {
      this.jwks = createRemoteJWKSet(new URL(oidcJwksUrl ?? `${oidcIssuer.replace(/\/$/, '')}/.well-known/jwks.json`));
    }
  }

  async verify(token: string): Promise<TokenClaims> {
    let payload: JWTPayload;
    const options = { issuer: this.config.jwt.issuer, audience: this.config.jwt.audience };
    try {
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, options)).payload
        : (await jwtVerify(token, this.secret!, { ...options, algorithms: ['HS256'] })).payload;
    } catch (e) {
      throw unauthenticated(`Invalid token: ${describe(e)}`);
    }
    const { sub, org, roles } = payload as JWTPayload & { org?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof org !== 'string' || !UUID.test(org)) {
      throw unauthenticated('Invalid token: missing employee or organization claim');
    }
    const known = Object.values(Role) as string[];
    const list = Array.isArray(roles) ? roles.filter((r): r is Role => known.includes(r as string)) : [];
    return { employeeId: sub, organizationId: org, roles: list };
  }

  /** Mints a token with the shared secret: development sign-in and tests only. */
  async sign(claims: TokenClaims, ttlSeconds = this.config.jwt.tokenTtlSeconds): Promise<string> {
    if (!this.secret) throw new Error('Tokens can only be minted with a shared secret (JWT_SECRET)');
    return signToken(this.secret, this.config.jwt, claims, ttlSeconds);
  }
}

export function signToken(
  secret: Uint8Array,
  jwt: { issuer: string; audience: string },
  claims: TokenClaims,
  ttlSeconds: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: claims.organizationId, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.employeeId)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(secret);
}

function describe(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `claim "${e.claim}" is not valid`;
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return 'malformed';
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'no matching signing key';
  return 'could not be verified';
}
