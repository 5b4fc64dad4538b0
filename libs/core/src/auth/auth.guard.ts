import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, unauthenticated } from '../errors/app-error';
import { Caller, Role } from '../tenancy/caller';
import { TenantContext } from '../tenancy/tenant-context';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './decorators';
import { TokenService } from './token.service';

/**
 * The one global guard. A bearer token is required unless the operation is @Public(); the
 * bearer must still be an active employee of the token's organization, and their roles are
 * read from the database (so a revoked role or a deactivation takes effect at once).
 * It binds the request's TenantContext to the caller's organization (taken from the verified
 * token, before the employee row is read: that read is already subject to row-level security).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = requestOf(context);
    if (!req.caller) req.caller = await this.authenticate(req.headers?.authorization ?? req.headers?.Authorization);
    // Every request and subscription operation runs in a TenantContext (apps/api/src/bootstrap.ts,
    // libs/notifications live subscriptions): without one, its queries would see no rows at all.
    if (!TenantContext.bind(req.caller.organizationId)) throw new Error('No tenant context to bind this request to');
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (needed?.length && !needed.some((r) => req.caller!.roles.includes(r))) {
      throw forbidden(`This needs one of the roles: ${needed.join(', ')}`);
    }
    return true;
  }

  async authenticate(header: string | string[] | undefined): Promise<Caller> {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) throw unauthenticated('Sign in first: no bearer token');
    const match = /^Bearer\s+(\S+)$/i.exec(value);
    if (!match) throw unauthenticated('Invalid token: malformed Authorization header');
    const claims = await this.tokens.verify(match[1]);
    const rows: { roles: Role[] }[] = await TenantContext.run(claims.organizationId, () =>
      this.db.query('SELECT roles FROM employee WHERE id = $1 AND organization_id = $2 AND active', [claims.employeeId, claims.organizationId]),
    );
    if (!rows.length) throw unauthenticated('Invalid token: no active employee for it');
    TenantContext.bind(claims.organizationId);
    return { employeeId: claims.employeeId, organizationId: claims.organizationId, roles: rows[0].roles };
  }
}
