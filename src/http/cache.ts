/**
 * The cache of automatic persisted queries (APQ), shared by replicas through Redis when
 * REDIS_URL is set (keys under REDIS_KEY_PREFIX), in memory per process otherwise; and the
 * Cache-Control hints of published statistics.
 *
 * Redis is never allowed to fail a request: while it is down every read is a miss and every write
 * is skipped at once (ioredis with no offline queue and short timeouts), the outage and the
 * recovery are logged once each, and ioredis keeps reconnecting in the background. A client whose
 * hash misses gets PERSISTED_QUERY_NOT_FOUND and sends the full query, as the APQ protocol says.
 */
import Redis from 'ioredis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode, FragmentDefinitionNode, getNamedType, GraphQLNamedType, GraphQLSchema, isCompositeType, isInterfaceType, isObjectType,
  Kind, OperationDefinitionNode, SelectionSetNode,
} from 'graphql';
import type { Logger } from '../logger';

/** How long a registered query is kept, in seconds. */
export const APQ_TTL_SECONDS = 24 * 3600;

/** A KeyValueCache on Redis that turns every Redis failure into a miss. */
export class RedisCache implements KeyValueCache<string> {
  readonly client: Redis;
  private down = false;

  constructor(url: string, keyPrefix: string, private readonly logger: Logger) {
    this.client = new Redis(url, {
      keyPrefix,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: 500,
      retryStrategy: (times) => Math.min(times * 250, 5000),
      lazyConnect: false,
    });
    this.client.on('error', (err: Error) => this.markDown(err));
    this.client.on('ready', () => {
      if (this.down) this.logger.info({ cache: 'redis' }, 'Redis is back: the persisted-query cache is shared again');
      this.down = false;
    });
  }

  private markDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn({ cache: 'redis', reason: err instanceof Error ? err.message : String(err) }, 'Redis is unavailable: serving without the persisted-query cache until it returns');
  }

  private get ready(): boolean {
    return this.client.status === 'ready';
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.ready) return undefined;
    try {
      return (await this.client.get(key)) ?? undefined;
    } catch (e) {
      this.markDown(e);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.ready) return;
    try {
      if (options?.ttl) await this.client.set(key, value, 'EX', Math.ceil(options.ttl));
      else await this.client.set(key, value);
    } catch (e) {
      this.markDown(e);
    }
  }

  async delete(key: string): Promise<boolean> {
    if (!this.ready) return false;
    try {
      return (await this.client.del(key)) > 0;
    } catch (e) {
      this.markDown(e);
      return false;
    }
  }

  /** Closes the connection (shutdown). */
  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** Types whose data change only when reference data are reloaded: cached 12 times longer than figures. */
export const REFERENCE_TYPES = ['Port', 'PortEvent', 'PortStatus', 'Subject', 'Partner', 'Measure', 'Source', 'ExchangeRate'];

/**
 * The longest time, in seconds, that a shared cache may keep the answer to `operation` (0: not
 * at all), computed from the document alone, before execution: every root field and every field
 * that returns an object costs `maxAgeSeconds` (published statistics change only when an import
 * runs), or 12 x that when it returns a reference type ({@link REFERENCE_TYPES}); scalar fields
 * inherit; the answer keeps the smallest. Fragments and inline fragments are followed. A
 * mutation or subscription is never cacheable (0).
 * This is the rule of Apollo's cache-control plugin with these hints, worked out once per
 * document rather than once per resolved field; it counts every selected field, including those
 * under a value that turns out null, so it is never longer than the per-field rule.
 */
export function operationMaxAge(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, maxAgeSeconds: number): number {
  if (operation.operation !== 'query') return 0;
  const reference = new Set(REFERENCE_TYPES);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let smallest = Infinity;
  // A fragment adds the same to the minimum wherever it is spread (at the root or below): each is
  // visited once per place, so nested spreads cost linear, not exponential, time (and cycles stop).
  const visited = new Set<string>();
  const visit = (parent: GraphQLNamedType | undefined | null, set: SelectionSetNode, root: boolean): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename') continue;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        const type = field ? getNamedType(field.type) : undefined;
        if (root || name.startsWith('__') || (type && isCompositeType(type))) {
          smallest = Math.min(smallest, type && reference.has(type.name) ? maxAgeSeconds * 12 : maxAgeSeconds);
        }
        if (sel.selectionSet && type) visit(type, sel.selectionSet, false);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent, sel.selectionSet, root);
      } else {
        const fragment = fragments.get(sel.name.value);
        const place = `${root ? 'root' : 'below'}:${sel.name.value}`;
        if (!fragment || visited.has(place)) continue;
        visited.add(place);
        visit(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet, root);
      }
    }
  };
  visit(schema.getQueryType(), operation.selectionSet, true);
  return smallest === Infinity ? maxAgeSeconds : smallest;
}

/**
 * Cache-Control headers: `max-age=N, public` with N from {@link operationMaxAge} (remembered per
 * parsed operation; Apollo reuses the parsed document of a repeated query), or `no-store` when the
 * answer has errors, is a mutation, or N is 0. A header already set is left alone.
 * Replaces Apollo's cache-control plugin (disabled in src/server.ts), which would hook every
 * resolved field.
 */
export function cachePolicyPlugin(maxAgeSeconds: number): ApolloServerPlugin {
  const remembered = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      let maxAge = 0;
      return {
        async didResolveOperation({ schema, document, operation }) {
          if (!operation) return;
          let n = remembered.get(operation);
          if (n === undefined) {
            n = operationMaxAge(schema, document, operation, maxAgeSeconds);
            remembered.set(operation, n);
          }
          maxAge = n;
        },
        async willSendResponse({ response }) {
          if (response.http.headers.has('cache-control')) return;
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set('cache-control', ok && maxAge > 0 ? `max-age=${maxAge}, public` : 'no-store');
        },
      };
    },
  };
}
