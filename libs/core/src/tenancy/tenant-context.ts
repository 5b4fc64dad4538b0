import { AsyncLocalStorage } from 'node:async_hooks';

/** What the current piece of work runs for. Mutable: an HTTP request learns its organization once the token is verified. */
interface TenantStore {
  organizationId?: string;
}

const storage = new AsyncLocalStorage<TenantStore>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checked(organizationId: string): string {
  if (!UUID.test(organizationId)) throw new Error(`TenantContext: "${organizationId}" is not an organization id`);
  return organizationId;
}

/**
 * The organization the current request, subscription operation or job runs for, carried by
 * AsyncLocalStorage. Every connection the application DataSource checks out is bound to it
 * (`app.organization_id`, read by the row-level security policies), so a query that forgets its
 * `organization_id` filter still only sees this organization's rows; with no organization, it
 * sees none. See libs/core/README.md, "Tenancy".
 */
export const TenantContext = {
  /** Runs `fn` for one organization (a worker job, a subscription operation, a per-organization step of a system job). */
  run<R>(organizationId: string, fn: () => R): R {
    return storage.run({ organizationId: checked(organizationId) }, fn);
  },

  /** Runs `fn` (the rest of an HTTP request) in a context whose organization is set later, by `bind`. */
  runUnbound<R>(fn: () => R): R {
    return storage.run({}, fn);
  },

  /**
   * Binds the current context to the caller's organization (the auth guard, once the token is
   * verified). A context already bound to another organization is never rebound: that would mean
   * one request acting for two tenants. Returns false when there is no context to bind.
   */
  bind(organizationId: string): boolean {
    const store = storage.getStore();
    if (!store) return false;
    if (store.organizationId && store.organizationId !== organizationId) {
      throw new Error('TenantContext: this request is already bound to another organization');
    }
    store.organizationId = checked(organizationId);
    return true;
  },

  /** The current organization, or undefined outside any (bound) context. */
  organizationId(): string | undefined {
    return storage.getStore()?.organizationId;
  },
};
