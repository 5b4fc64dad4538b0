import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { TenantContext } from '../tenancy/tenant-context';

/** The session setting the row-level security policies read (see migration 1763771000000-RowLevelSecurity). */
export const TENANT_SETTING = 'app.organization_id';

/** On each pooled pg client: the organization its session is currently bound to ('' = none). */
const BOUND = Symbol('waypoint.boundOrganization');
type BoundClient = PoolClient & { [BOUND]?: string };
type Release = (err?: Error | boolean) => void;
type ConnectCallback = (err: Error | undefined, client?: PoolClient, release?: Release) => void;

const boundTo = new WeakSet<Pool>();
/** The binding statement (session-level: false = not local to a transaction). Statement counters in tests leave it out. */
export const BIND_SQL = `SELECT set_config('${TENANT_SETTING}', $1, false)`;

/**
 * Binds every connection the DataSource checks out to the organization of the current
 * TenantContext: before the client is handed over, its session setting `app.organization_id`
 * is set to that organization, or to '' outside any context (so it sees no tenant rows and never
 * keeps a previous request's organization). The value is cached on the client, so the extra
 * round trip only happens when a client changes hands between organizations. A transaction
 * holds one checkout, so it is bound to one organization from BEGIN to COMMIT.
 *
 * The organization is read when the checkout is asked for (not when a busy pool hands a client
 * over later, from another async context). The setting is made outside any transaction, so a
 * rollback cannot undo it.
 */
export function bindTenantContext(dataSource: DataSource): DataSource {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.connect !== 'function') throw new Error('bindTenantContext: not a PostgreSQL DataSource');
  if (boundTo.has(pool)) return dataSource;
  boundTo.add(pool);
  const connect = pool.connect.bind(pool) as (cb: ConnectCallback) => void;

  const checkout = (organizationId: string, cb: ConnectCallback): void => {
    connect((err, client, release) => {
      if (err || !client) return cb(err, client, release);
      const c = client as BoundClient;
      if (c[BOUND] === organizationId) return cb(undefined, client, release);
      c.query(BIND_SQL, [organizationId]).then(
        () => {
          c[BOUND] = organizationId;
          cb(undefined, client, release);
        },
        (e: Error) => {
          c[BOUND] = undefined;
          release?.(e); // a client whose binding is unknown is destroyed, never reused
          cb(e);
        },
      );
    });
  };

  (pool as unknown as { connect: (cb?: ConnectCallback) => unknown }).connect = (cb?: ConnectCallback) => {
    const organizationId = TenantContext.organizationId() ?? '';
    if (cb) return checkout(organizationId, cb);
    return new Promise<PoolClient>((resolve, reject) =>
      checkout(organizationId, (err, client) => (err || !client ? reject(err) : resolve(client))),
    );
  };
  return dataSource;
}
