import type { ChangeSubscriber } from '../db/change-feed';
import type { PortEntity } from './port.entity';

/**
 * The port table (a few dozen rows, changed only by imports) held in memory across requests, so
 * that `port(code:)`, `ports` and every lookup of a port by code read no SQL (`port(name:)` still
 * reads the table: its case-insensitive match is PostgreSQL's). It serves only while
 * its change feed is live (src/db/change-feed.ts): a committed change to `port` drops it, a lost
 * feed turns it off (callers then read the table, as without a cache) until the feed is back.
 * Freshness: a change is seen once its notification has arrived, a few milliseconds after the
 * commit; a request already reading the old copy finishes with it.
 *
 * The rows are frozen (shared by concurrent requests) and ordered by code. A failed load is not
 * kept: the next request loads again.
 */
export class ReferenceCache implements ChangeSubscriber {
  private ports: Promise<readonly PortEntity[]> | null = null;
  /** Bumped by every drop, so that a load begun before a change is not kept after it. */
  private generation = 0;
  private on = false;

  /** @param loadPorts reads every port, ordered by code (one statement) */
  constructor(private readonly loadPorts: () => Promise<PortEntity[]>) {}

  changed(table: string): void {
    if (table === 'port') this.drop();
  }

  live(on: boolean): void {
    this.on = on;
    this.drop();
  }

  /** Every port ordered by code, from memory (loading it once) while live; null while off (read the table instead). */
  allPorts(): Promise<readonly PortEntity[]> | null {
    if (!this.on) return null;
    if (this.ports === null) {
      const generation = this.generation;
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
