import DataLoader from 'dataloader';

/** A row tagged with the loader key (in its string form) it answers. */
export type Tagged<R> = readonly [key: string, row: R];

/**
 * A DataLoader whose batch function fetches rows for many keys in one call; each row comes
 * tagged with the key it answers. A key with no row gets null; with several, the first.
 */
export function oneLoader<K, R>(fetch: (keys: readonly K[]) => Promise<Tagged<R>[]>, keyOf: (k: K) => string = String): DataLoader<K, R | null, string> {
  return new DataLoader<K, R | null, string>(
    async (keys) => {
      const byKey = new Map<string, R>();
      for (const [k, r] of await fetch(keys)) if (!byKey.has(k)) byKey.set(k, r);
      return keys.map((k) => byKey.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

/**
 * A DataLoader whose batch function fetches rows for many keys in one call; each row comes
 * tagged with the key it answers. Every key gets its rows in fetch order (or []).
 */
export function manyLoader<K, R>(fetch: (keys: readonly K[]) => Promise<Tagged<R>[]>, keyOf: (k: K) => string = String): DataLoader<K, R[], string> {
  return new DataLoader<K, R[], string>(
    async (keys) => {
      const byKey = new Map<string, R[]>();
      for (const [k, r] of await fetch(keys)) {
        const list = byKey.get(k);
        if (list) list.push(r);
        else byKey.set(k, [r]);
      }
      return keys.map((k) => byKey.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}

/**
 * Splits a batch of keys by a group (the same filter, the same asOf), runs one fetch per
 * group, and concatenates the tagged rows: statements per batch = distinct groups.
 */
export function perGroup<K, R>(groupOf: (k: K) => string, fetch: (keys: readonly K[], group: string) => Promise<Tagged<R>[]>): (keys: readonly K[]) => Promise<Tagged<R>[]> {
  return async (keys) => {
    const groups = new Map<string, K[]>();
    for (const k of keys) {
      const g = groupOf(k);
      const list = groups.get(g);
      if (list) list.push(k);
      else groups.set(g, [k]);
    }
    const results = await Promise.all([...groups.entries()].map(([g, ks]) => fetch(ks, g)));
    return results.flat();
  };
}
