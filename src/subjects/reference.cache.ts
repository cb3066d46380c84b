import type { ChangeSubscriber } from '../db/change-feed';
import type { PortEntity } from './port.entity';

/** Longest the port table is kept in memory, notified or not (ms). */
export const REFERENCE_CACHE_MAX_AGE_MS = 60000;

/**
 * The port table (a few dozen rows, changed only by imports) held in memory across requests, so
 * that `port(code:)`, `ports` and every lookup of a port by code read no SQL (`port(name:)` still
 * reads the table: its case-insensitive match is PostgreSQL's). It serves only while
 * its change feed is live (src/db/change-feed.ts): a committed change to `port` drops it, a lost
 * feed turns it off (callers then read the table, as without a cache) until the feed is back.
 * Freshness: a change is seen once its notification has arrived, a few milliseconds after the
 * commit; a request already reading the old copy finishes with it. A connection that died
 * silently is trusted for at most the feed's heartbeat and check (7 s). A change that notifies
 * nobody (made with the triggers disabled, under `session_replication_role = replica` with
 * triggers that are not ALWAYS, or by DDL that rewrites the table) is seen when the copy expires:
 * no copy is kept longer than `maxAgeMs` (60 s).
 *
 * The rows are frozen (shared by concurrent requests) and ordered by code. A failed load is not
 * kept: the next request loads again.
 */
export class ReferenceCache implements ChangeSubscriber {
  private ports: Promise<readonly PortEntity[]> | null = null;
  /** When the kept copy's load began (ms since the epoch). */
  private loadedAt = 0;
  /** Bumped by every drop, so that a load begun before a change is not kept after it. */
  private generation = 0;
  private on = false;

  /**
   * @param loadPorts reads every port, ordered by code (one statement)
   * @param feedLive whether the feed would hear of a change now (checked at every lookup)
   * @param maxAgeMs longest a copy is kept, notified or not (default 60000)
   */
  constructor(
    private readonly loadPorts: () => Promise<PortEntity[]>,
    private readonly feedLive: () => boolean,
    private readonly maxAgeMs = REFERENCE_CACHE_MAX_AGE_MS,
  ) {}

  changed(table: string): void {
    if (table === 'port') this.drop();
  }

  live(on: boolean): void {
    this.on = on;
    this.drop();
  }

  /** Whether lookups are now served from memory (the feed is live). */
  serving(): boolean {
    return this.on && this.feedLive();
  }

  /** Every port ordered by code, from memory (loading it once) while live; null while off (read the table instead). */
  allPorts(): Promise<readonly PortEntity[]> | null {
    if (!this.serving()) return null;
    if (this.ports !== null && Date.now() - this.loadedAt > this.maxAgeMs) this.drop();
    if (this.ports === null) {
      const generation = this.generation;
      this.loadedAt = Date.now();
      const loading = this.loadPorts().then((rows) => {
        for (const r of rows) {
          Object.freeze(r.otherNames);
          Object.freeze(r);
        }
        return Object.freeze(rows);
      });
      this.ports = loading;
      loading.catch(() => {
        if (this.generation === generation && this.ports === loading) this.ports = null;
      });
    }
    return this.ports;
  }

  private drop(): void {
    this.generation++;
    this.ports = null;
  }
}
