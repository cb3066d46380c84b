import { Client, Notification } from 'pg';
import type { Logger } from '../logger';

/** The channel the reference tables' triggers notify (migration 1767312000000), with the table's name as payload. */
export const REFERENCE_CHANNEL = 'landports_reference';

/** What a {@link ReferenceChangeFeed} tells its subscribers. */
export interface ChangeSubscriber {
  /** A committed change to `table` (a table name, e.g. "port"). */
  changed(table: string): void;
  /**
   * The feed went live (true: every change committed from now on will be told) or was lost
   * (false: changes may go untold until it is live again).
   */
  live(on: boolean): void;
}

/** How long the feed waits for its own test notification before deciding that notifications are not delivered. */
const PROBE_MS = 2000;

/** Options of {@link ReferenceChangeFeed}: reconnection delays in milliseconds. */
export interface ChangeFeedOptions {
  /** First delay before reconnecting after a lost connection (default 1000); doubled per failure. */
  retryMs?: number;
  /** Longest delay between attempts (default 30000). */
  maxRetryMs?: number;
}

/**
 * LISTENs on {@link REFERENCE_CHANNEL} over one dedicated connection (outside the pool, named
 * `landports-reference-feed` in pg_stat_activity) and tells its subscribers of each committed
 * change to a reference table. When the connection is lost it tells them `live(false)` at once,
 * then reconnects with a doubling delay and tells `live(true)` once LISTEN is in force again, so a
 * subscriber that caches must serve from its cache only while live. Before going live it checks
 * that a notification it sends itself comes back (within 2 s): a pooler in transaction mode
 * accepts LISTEN but does not deliver, and the feed then stays off for good (and says so once).
 * A hot standby refuses LISTEN: the feed keeps retrying and stays off. Needs a PostgreSQL server:
 * the embedded PGlite does not deliver notifications to its socket clients, and the gateway does
 * not start a feed on it (src/main.ts).
 */
export class ReferenceChangeFeed {
  /** The connection of the latest attempt (null between attempts and after stop). */
  private current: Client | null = null;
  private stopped = false;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly subscribers: ChangeSubscriber[] = [];
  private isLive = false;
  private probes = 0;

  constructor(private readonly url: string, private readonly logger: Logger, private readonly options: ChangeFeedOptions = {}) {
    this.delay = options.retryMs ?? 1000;
  }

  /** Whether LISTEN is in force on a connection that is up. */
  get live(): boolean {
    return this.isLive;
  }

  /** Adds a subscriber; it is told the feed's current state at once. */
  subscribe(s: ChangeSubscriber): void {
    this.subscribers.push(s);
    s.live(this.isLive);
  }

  /** Connects and LISTENs. Resolves after the first attempt, live or not (a failed attempt is retried in the background); never rejects. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Stops listening and closes the connection; no reconnection afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.current;
    this.current = null;
    this.setLive(false);
    await c?.end().catch(() => undefined);
  }

  private setLive(on: boolean): void {
    if (this.isLive === on) return;
    this.isLive = on;
    for (const s of this.subscribers) s.live(on);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = new Client({ connectionString: this.url, application_name: 'landports-reference-feed', keepAlive: true });
    this.current = c;
    c.on('notification', (n) => {
      if (n.channel !== REFERENCE_CHANNEL || c !== this.current || n.payload?.startsWith('probe:')) return;
      for (const s of this.subscribers) s.changed(n.payload ?? '');
    });
    // Errors after connecting (the server ended the connection, a network failure) end the feed's use of it.
    c.on('error', (err) => {
      if (c === this.current) this.logger.warn({ err }, 'reference change feed: connection lost; reference caches off until it is back');
      this.lost(c);
    });
    c.on('end', () => this.lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${REFERENCE_CHANNEL}`);
      if (!(await this.delivers(c))) {
        // A pooler in transaction mode (PgBouncer) accepts LISTEN but never delivers: stay off for good.
        this.logger.warn(`reference change feed: a test notification did not come back within ${PROBE_MS} ms (a pooler in transaction mode?); reference caches stay off (set REFERENCE_CACHE=false to silence this)`);
        this.stopped = true;
        this.lost(c);
        await c.end().catch(() => undefined);
        return;
      }
      if (c !== this.current) {
        await c.end().catch(() => undefined);
        return;
      }
      this.delay = this.options.retryMs ?? 1000;
      this.setLive(true);
    } catch (err) {
      if (c === this.current) this.logger.warn({ err }, 'reference change feed: could not LISTEN; reference caches off, retrying');
      this.lost(c);
      await c.end().catch(() => undefined);
    }
  }

  /** Whether a notification sent on `c` (payload `probe:...`, which no table is named) comes back to it within PROBE_MS. */
  private async delivers(c: Client): Promise<boolean> {
    const payload = `probe:${process.pid}:${++this.probes}`;
    let onNotification: ((n: Notification) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const back = new Promise<boolean>((resolve) => {
      onNotification = (n) => {
        if (n.channel === REFERENCE_CHANNEL && n.payload === payload) resolve(true);
      };
      c.on('notification', onNotification);
      timer = setTimeout(() => resolve(false), PROBE_MS);
    });
    try {
      await c.query('SELECT pg_notify($1, $2)', [REFERENCE_CHANNEL, payload]);
      return await back;
    } finally {
      clearTimeout(timer);
      if (onNotification) c.off('notification', onNotification);
    }
  }

  /** The connection `c` is gone: off, and (unless stopped) a new attempt after the current delay. */
  private lost(c: Client): void {
    if (c !== this.current) return;
    this.current = null;
    this.setLive(false);
    if (this.stopped || this.timer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 30000);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
    this.timer.unref();
  }
}
