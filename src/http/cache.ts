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

/** Sets a field's cache hint (info.cacheControl is added by Apollo's cache-control plugin). */
function hint(info: unknown, maxAge: number): void {
  (info as { cacheControl?: { setCacheHint(h: { maxAge: number }): void } }).cacheControl?.setCacheHint({ maxAge });
}

/**
 * Cache-Control hints: every query field and object defaults to `maxAgeSeconds` (published
 * statistics change only when an import runs), reference types get 12 x that, and any mutation
 * is not cacheable. Apollo's cache-control plugin turns the smallest hint of a response into its
 * `Cache-Control: max-age=N, public` header; a response with errors gets `no-store`.
 * This plugin must be listed before the cache-control plugin (Apollo calls field hooks in reverse order).
 */
export function cacheHintsPlugin(maxAgeSeconds: number): ApolloServerPlugin {
  const reference = new Set(REFERENCE_TYPES);
  return {
    async requestDidStart({ operation }) {
      return {
        async executionDidStart({ operation: op }) {
          if ((op ?? operation)?.operation === 'mutation') {
            return {
              willResolveField({ info }) {
                if (!info.path.prev) hint(info, 0);
              },
            };
          }
          return {
            willResolveField({ info }) {
              const named = info.returnType.toString().replace(/[[\]!]/g, '');
              if (reference.has(named)) hint(info, maxAgeSeconds * 12);
            },
          };
        },
      };
    },
  };
}
