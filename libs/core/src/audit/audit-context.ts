import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from 'typeorm';
import { Role } from '../tenancy/caller';
import { TenantContext } from '../tenancy/tenant-context';

/** What the audit interceptor knows about one audited mutation, before it runs. */
export interface AuditEntry {
  organizationId: string;
  actorId: string;
  role: Role.HR_ADMIN | Role.ORG_ADMIN;
  /** The mutation name, e.g. `createOpening`. */
  action: string;
  /** The GraphQL type the mutation returns (used when the result gives no better name). */
  returnType: string | null;
  /** A target id read from the arguments (`id`, `input.id`, `…Id`), used when the result has none. */
  argTargetId: string | null;
  /** The arguments with free text and personal data replaced (see summarizeArgs). */
  input: Record<string, unknown>;
  requestId: string | null;
  /** Set once a row is written (or being written) for this mutation: exactly one row per mutation. */
  written: boolean;
}

const storage = new AsyncLocalStorage<AuditEntry>();

/** Runs `fn` with `entry` as the audited mutation of this async context. */
export function runAudited<T>(entry: AuditEntry, fn: () => T): T {
  return storage.run(entry, fn);
}

/** The audited mutation the current code runs for, if any. */
export function currentAudit(): AuditEntry | undefined {
  return storage.getStore();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Target type and id: the changed row the mutation returns when it has an id, else what the arguments name. */
export function targetOf(entry: AuditEntry, result: unknown): { type: string | null; id: string | null } {
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    const id = (result as { id?: unknown }).id;
    if (typeof id === 'string' && UUID.test(id)) {
      const name = (result as object).constructor?.name;
      return { type: name && name !== 'Object' ? name : entry.returnType, id };
    }
  }
  return { type: entry.returnType, id: entry.argTargetId };
}

type Queryable = Pick<EntityManager, 'query'>;

/** Inserts the audit row of `entry` with `runner` (a transaction's manager, or the DataSource). */
export async function insertAuditRow(runner: Queryable, entry: AuditEntry, result: unknown): Promise<void> {
  const target = targetOf(entry, result);
  // Row-level security: the row's own organization binds the connection (a request's or a
  // response callback's context may be gone; inside a transaction it is already this organization).
  await TenantContext.run(entry.organizationId, () => runner.query(
    `INSERT INTO audit_log (organization_id, actor_id, role, action, target_type, target_id, input, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.organizationId, entry.actorId, entry.role, entry.action, target.type, target.id, JSON.stringify(entry.input), entry.requestId],
  ));
}

/**
 * Called by UnitOfWork inside its transaction, after the work succeeded and before commit: when
 * the current async context is an audited mutation without its row yet, writes the row in this
 * transaction (so a rollback takes the row with it). Returns a function that gives the claim
 * back if the transaction then fails, so a later transaction (or the interceptor) writes it.
 */
export async function auditInTransaction(manager: Queryable, result: unknown): Promise<(() => void) | undefined> {
  const entry = storage.getStore();
  if (!entry || entry.written) return undefined;
  entry.written = true;
  try {
    await insertAuditRow(manager, entry, result);
  } catch (e) {
    entry.written = false;
    throw e;
  }
  return () => {
    entry.written = false;
  };
}
