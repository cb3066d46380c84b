import { Client, Notification } from 'pg';
import type { Logger } from '../logger';

/** The channel the reference tables' triggers notify (migration 1767312000000), with the table's name as payload. */
export const REFERENCE_CHANNEL = 'landports_reference';

/** The triggers on `port` that notify {@link REFERENCE_CHANNEL} (migration 1767312000000). */
export const PORT_TRIGGERS = ['port_changed', 'port_truncated'] as const;

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

/** Options of {@link ReferenceChangeFeed}, in milliseconds. */
export interface ChangeFeedOptions {
  /** First delay before reconnecting after a lost connection or a failed check (default 1000); doubled per failure. */
  retryMs?: number;
  /** Longest delay between attempts (default 30000). */
  maxRetryMs?: number;
  /** How long a check (connecting, LISTEN, the test notification coming back) may take (default 2000). */
  probeMs?: number;
  /** How often a live feed checks its connection again (default 5000). */
  heartbeatMs?: number;
}

/** Why a check of the feed's connection failed. */
type CheckFailure = 'silent' | 'no-triggers';

/**
 * LISTENs on {@link REFERENCE_CHANNEL} over one dedicated connection (outside the pool, named
 * `landports-reference-feed` in pg_stat_activity) and tells its subscribers of each committed
 * change to a reference table.
 *
 * It is live only while it knows it would hear of a change. Before going live, and then every
 * `heartbeatMs` (5 s), it checks within `probeMs` (2 s) that a notification sent from a second
 * connection of its own (another session, as a change comes from) arrives on the listening one (a
 * pooler in transaction mode accepts LISTEN but does not deliver other sessions' notifications;
 * a connection that died silently, behind a NAT or a failover, never answers) and that the port
 * table's notifying triggers exist and are enabled ALWAYS (a database the migration has not
 * reached, `DISABLE TRIGGER`, or a plain `ENABLE TRIGGER` that replica-mode writes would bypass).
 * {@link live} is also false once the last successful check is older than heartbeatMs + probeMs,
 * even before the overdue check fails, so a silent failure is never trusted for longer than that
 * (7 s by default). On any failure it tells `live(false)` at once, closes the connection and tries
 * again after a delay that doubles from `retryMs` to `maxRetryMs`; each kind of failure is logged
 * once until the feed is live again. A hot standby refuses LISTEN: the feed stays off there.
 * Needs a PostgreSQL server: the embedded PGlite does not deliver notifications to its socket
 * clients, and the gateway starts no feed on it (src/main.ts).
 */
export class ReferenceChangeFeed {
  /** The listening connection of the latest attempt (null between attempts and after stop). */
  private current: Client | null = null;
  /** The connection the checks send their notification from: another session, as a real change comes from. */
  private sender: Client | null = null;
  private stopped = false;
  private delay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly subscribers: ChangeSubscriber[] = [];
  private isLive = false;
  /** When a check last succeeded (ms since the epoch). */
  private confirmedAt = 0;
  private probes = 0;
  /** Failures already logged since the feed was last live. */
  private readonly warned = new Set<string>();
  private readonly probeMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly url: string, private readonly logger: Logger, private readonly options: ChangeFeedOptions = {}) {
    this.delay = options.retryMs ?? 1000;
    this.probeMs = options.probeMs ?? 2000;
    this.heartbeatMs = options.heartbeatMs ?? 5000;
  }

  /** Whether a change committed now would be heard: LISTEN is in force and the last check succeeded within heartbeatMs + probeMs. */
  get live(): boolean {
    return this.isLive && Date.now() - this.confirmedAt <= this.heartbeatMs + this.probeMs;
  }

  /** Adds a subscriber; it is told the feed's current state at once. */
  subscribe(s: ChangeSubscriber): void {
    this.subscribers.push(s);
    s.live(this.isLive);
  }

  /** Connects, LISTENs and checks. Resolves after the first attempt, live or not (a failed attempt is retried in the background); never rejects. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Stops listening and closes the connection; no reconnection afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const c = this.current;
    this.current = null;
    this.setLive(false);
    const sender = this.sender;
    this.sender = null;
    await Promise.all([c?.end().catch(() => undefined), sender?.end().catch(() => undefined)]);
  }

  private setLive(on: boolean): void {
    if (!on && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    if (this.isLive === on) return;
    this.isLive = on;
    for (const s of this.subscribers) s.live(on);
  }

  private warnOnce(kind: string, message: string, err?: unknown): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.logger.warn(err ? { err } : {}, `reference change feed: ${message}; the port table is read at every request until it is back`);
  }

  private newClient(): Client {
    return new Client({
      connectionString: this.url, application_name: 'landports-reference-feed',
      connectionTimeoutMillis: this.probeMs, keepAlive: true, keepAliveInitialDelayMillis: 10000,
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = this.newClient();
    const sender = this.newClient();
    this.current = c;
    this.sender = sender;
    sender.on('error', (err) => {
      if (c === this.current) this.warnOnce('lost', 'connection lost', err);
      this.lost(c);
    });
    sender.on('end', () => this.lost(c));
    c.on('notification', (n) => {
      if (n.channel !== REFERENCE_CHANNEL || c !== this.current || n.payload?.startsWith('probe:')) return;
      for (const s of this.subscribers) s.changed(n.payload ?? '');
    });
    // Errors after connecting (the server ended the connection, a network failure) end the feed's use of it.
    c.on('error', (err) => {
      if (c === this.current) this.warnOnce('lost', 'connection lost', err);
      this.lost(c);
    });
    c.on('end', () => this.lost(c));
    try {
      await Promise.all([c.connect(), sender.connect()]);
      await within(c.query(`LISTEN ${REFERENCE_CHANNEL}`), this.probeMs, 'LISTEN');
      const failure = await this.check(c, sender);
      if (c !== this.current) {
        close(c, sender);
        return;
      }
      if (failure) {
        this.failed(c, sender, failure);
        return;
      }
      this.delay = this.options.retryMs ?? 1000;
      this.warned.clear();
      this.setLive(true);
      this.heartbeat = setInterval(() => void this.beat(c, sender), this.heartbeatMs);
      this.heartbeat.unref();
    } catch (err) {
      if (c === this.current) this.warnOnce('connect', 'could not connect and LISTEN', err);
      this.lost(c);
      close(c, sender);
    }
  }

  /** One heartbeat: the check again; a failure ends this connection. */
  private async beat(c: Client, sender: Client): Promise<void> {
    if (c !== this.current || !this.isLive) return;
    let failure: CheckFailure | null;
    try {
      failure = await this.check(c, sender);
    } catch {
      failure = 'silent';
    }
    if (failure && c === this.current) this.failed(c, sender, failure);
  }

  private failed(c: Client, sender: Client, failure: CheckFailure): void {
    if (failure === 'no-triggers') {
      this.warnOnce(failure, `the triggers ${PORT_TRIGGERS.join(' and ')} on table port are missing or not enabled ALWAYS (run npm run migrate, or ALTER TABLE port ENABLE ALWAYS TRIGGER ...)`);
    } else {
      this.warnOnce(failure, `a test notification sent from another session did not come back within ${this.probeMs} ms (a pooler in transaction mode, or a dead connection? REFERENCE_CACHE=false turns the cache off)`);
    }
    this.lost(c);
    close(c, sender);
  }

  /**
   * Sends a notification from `sender` (another session, as a committed change comes from; payload
   * `probe:...`, which no table is named) and waits for it to arrive on the listening `c`, within
   * probeMs; in the same statement, checks that the port table's triggers exist and are enabled
   * ALWAYS (so that they fire under session_replication_role = replica too). Null when all is well.
   * Behind a pooler in transaction mode, the listening session is not linked to `c` while it
   * waits, and the notification never arrives.
   */
  private async check(c: Client, sender: Client): Promise<CheckFailure | null> {
    const payload = `probe:${process.pid}:${++this.probes}`;
    let onNotification: ((n: Notification) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const back = new Promise<boolean>((resolve) => {
      onNotification = (n) => {
        if (n.channel === REFERENCE_CHANNEL && n.payload === payload) resolve(true);
      };
      c.on('notification', onNotification);
      timer = setTimeout(() => resolve(false), this.probeMs);
    });
    try {
      const { rows } = await within(sender.query(
        `SELECT pg_notify($1, $2), (SELECT count(*)::int FROM pg_trigger
           WHERE tgrelid = to_regclass('port') AND tgname = ANY($3::text[]) AND tgenabled = 'A') AS triggers`,
        [REFERENCE_CHANNEL, payload, PORT_TRIGGERS],
      ), this.probeMs, 'the check');
      if (!(await back)) return 'silent';
      if (rows[0].triggers !== PORT_TRIGGERS.length) return 'no-triggers';
      this.confirmedAt = Date.now();
      return null;
    } catch {
      return 'silent';
    } finally {
      clearTimeout(timer);
      if (onNotification) c.off('notification', onNotification);
    }
  }

  /** The connection `c` (or its sender) is gone or failed its check: off, and (unless stopped) a new attempt after the current delay. */
  private lost(c: Client): void {
    if (c !== this.current) return;
    this.current = null;
    this.sender = null;
    this.setLive(false);
    if (this.stopped || this.retryTimer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 30000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, wait);
    this.retryTimer.unref();
  }
}

/** Closes the feed's connections at once: end() would wait on a socket that died silently. */
function close(...clients: Client[]): void {
  for (const c of clients) {
    (c as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    void c.end().catch(() => undefined);
  }
}

/** `p`, or a rejection once `ms` have passed. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
