import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created lazily by name. A resolver asks for
 * `ctx.loaders.get('employeeById', (ids) => service.byIds(caller, ids))`, so a list query
 * costs one statement per kind of nested field, whatever its size.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders batch results like the keys; a missing key yields `fallback`. */
export function byKeys<K, V, F = null>(keys: readonly K[], rows: V[], keyOf: (row: V) => K, fallback: F = null as F): (V | F)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? fallback);
}

export interface GraphQLContext {
  req: { caller?: import('../tenancy/caller').Caller; headers: Record<string, unknown>; id?: string };
  loaders: Loaders;
}

/** Groups rows by key (one pass), for batch functions that return a list per key. */
export function groupBy<K, V>(rows: readonly V[], keyOf: (row: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
