import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { getNamedType, GraphQLResolveInfo } from 'graphql';
import { mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { requestOf, ROLES_KEY } from '../auth/decorators';
import { Role } from '../tenancy/caller';
import { AuditEntry, insertAuditRow, runAudited } from './audit-context';
import { auditRole } from './audit-policy';
import { summarizeArgs, targetIdFromArgs } from './summarize';

/**
 * Marks every HR/admin mutation as audited (see auditRole) and makes sure it leaves exactly one
 * `audit_log` row when it succeeds:
 * - the mutation runs inside an AsyncLocalStorage context holding its AuditEntry; the first
 *   UnitOfWork transaction that commits in that context writes the row *in that transaction*
 *   (a rollback takes the row with it, a commit always carries it);
 * - a mutation that commits without UnitOfWork gets its row written here, after it returned.
 *   That write is a transaction of its own: should the process die between the two commits,
 *   the change stays without its row (and a failing audit insert fails the request after the
 *   change committed). Every audited mutation today uses UnitOfWork; the fallback is the
 *   safety net for one that does not.
 * A mutation that fails before committing leaves no row.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly log = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const entry = this.entryFor(context);
    if (!entry) return next.handle();
    return new Observable((subscriber) =>
      // next.handle() binds the handler to the async context it is called in: call it inside run().
      runAudited(entry, () =>
        next
          .handle()
          .pipe(
            mergeMap(async (result) => {
              if (!entry.written) {
                entry.written = true;
                await insertAuditRow(this.db, entry, result);
                this.log.debug({ msg: 'Audit row written outside a unit of work', action: entry.action });
              }
              return result;
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }

  /** The audit entry of a GraphQL mutation that is audited for this caller; undefined otherwise. */
  entryFor(context: ExecutionContext): AuditEntry | undefined {
    if (context.getType<GqlContextType>() !== 'graphql') return undefined;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.operation?.operation !== 'mutation' || info.parentType !== info.schema.getMutationType()) return undefined;
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    const req = requestOf(context) as { caller?: import('../tenancy/caller').Caller; id?: unknown };
    const role = auditRole(needed, req.caller, info.fieldName);
    if (!role || !req.caller) return undefined;
    const args = gql.getArgs<Record<string, unknown>>();
    const field = info.parentType.getFields()[info.fieldName];
    return {
      organizationId: req.caller.organizationId,
      actorId: req.caller.employeeId,
      role,
      action: info.fieldName,
      returnType: getNamedType(info.returnType).name,
      argTargetId: targetIdFromArgs(args),
      input: summarizeArgs(field?.args ?? [], args),
      requestId: req.id === undefined || req.id === null ? null : String(req.id),
      written: false,
    };
  }
}
