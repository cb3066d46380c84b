import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { poolOf, preparesStatements } from './data-source';

/**
 * Most distinct statement texts given a name (see {@link Sql}); any further text runs unnamed.
 * It bounds what each connection holds on the server: a figure page's generic plan takes about
 * 185 KB of the backend's memory (measured: 1,000 of the page statement's filter combinations
 * held 185 MB on one connection), so at most about 18 MB per connection, 150 MB for a pool of 8.
 * The texts the serving path uses in practice are a few dozen. Names go to texts in order of
 * first use, for the life of the process: a client that varies its filters to exhaust them makes
 * later texts run unnamed, planned (generically, see CONNECTION_OPTIONS) at every request.
 */
export const MAX_NAMED_STATEMENTS = 100;

/** Number of each statement text given a name, in order of first use (process-wide). */
const statementNumbers = new Map<string, number>();
/** Number of each pooled connection, in order of first use. */
const connectionNumbers = new WeakMap<PoolClient, number>();
let connections = 0;
/**
 * Tells this instance of the module from any other loaded in the same process (a test runner
 * loads modules afresh for each test file), whose numbers start at 1 too.
 */
const INSTANCE = Math.floor(Math.random() * 36 ** 4).toString(36);

/**
 * The name under which a statement text is prepared on a connection, `lp<instance>_<text>_<connection>`, or
 * undefined once {@link MAX_NAMED_STATEMENTS} texts have names. A name is never given to two
 * texts. It names the connection too because the embedded server multiplexes every connection
 * onto one PGlite session, where two connections preparing the same name collide ("prepared
 * statement already exists"); on a PostgreSQL server, prepared statements are per connection anyway.
 */
function statementName(text: string, client: PoolClient): string | undefined {
  let n = statementNumbers.get(text);
  if (n === undefined) {
    if (statementNumbers.size >= MAX_NAMED_STATEMENTS) return undefined;
    n = statementNumbers.size + 1;
    statementNumbers.set(text, n);
  }
  let c = connectionNumbers.get(client);
  if (c === undefined) {
    c = ++connections;
    connectionNumbers.set(client, c);
  }
  return `lp${INSTANCE}_${n}_${c}`;
}

/**
 * Read statements of the serving path, sent straight to the pg pool that the TypeORM DataSource
 * opened and owns (same connections, statement timeout and lifecycle), without TypeORM's
 * per-call QueryRunner: the gateway's reads are hand-written, parameterised SQL and gain nothing
 * from it. Every statement is still reported to the DataSource's logger (the SqlCounter of
 * src/db/sql-counter.ts), so statement counts and EXPLAIN checks see these too; a failing
 * statement is reported as a query error and rethrown as pg raised it (src/errors.ts reads the
 * SQLSTATE and message). Writes and migrations stay on TypeORM (transactions, entities).
 *
 * Statements are prepared (unless the DataSource was made without, as for the embedded database:
 * src/db/data-source.ts PoolOptions): each connection parses a text once, under a name
 * ({@link statementName}), and afterwards only binds and executes it; the connections start with
 * `plan_cache_mode=force_generic_plan` (src/db/data-source.ts CONNECTION_OPTIONS), so the plan
 * made at the first execution serves every later one. Planning was most of the server's work on
 * the benchmark's short statements: benchmark Q4's page statement ran at about 1,600 per second
 * planned each time and 2,600 with its plan reused (pgbench, 4 clients, 2026-12-03). PostgreSQL
 * replans by itself when a table or index a plan uses changes (the bulk import's index rebuild);
 * when a change alters a statement's result columns (a migration while serving), it refuses the
 * prepared statement instead ("cached plan must not change result type"): that connection is
 * discarded and the statement runs again on another (each connection of the pool may hold the
 * stale statement once), where it is prepared afresh.
 */
export class Sql {
  /** Whether statements are prepared under names (fixed when the DataSource was made). */
  private readonly prepared: boolean;

  constructor(private readonly ds: DataSource) {
    this.prepared = preparesStatements(ds);
  }

  /**
   * Runs one parameterised statement and resolves with its rows (numeric and bigint as strings,
   * dates as 'YYYY-MM-DD' strings: the type parsers of src/db/data-source.ts).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    this.ds.logger.logQuery(text, params);
    try {
      // Each refusal of a stale prepared statement discards its connection (released with the
      // error), so at most as many retries as the pool holds connections.
      const pool = poolOf(this.ds) as Pool;
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.run<T>(text, params);
        } catch (err) {
          if (!isStalePreparedStatement(err) || attempt >= (pool.options.max ?? 10)) throw err;
        }
      }
    } catch (err) {
      this.ds.logger.logQueryError(err as Error, text, params);
      throw err;
    }
  }

  /** One execution on a pooled connection, prepared under its name when the DataSource prepares statements. */
  private async run<T>(text: string, params: unknown[]): Promise<T[]> {
    const pool = poolOf(this.ds) as Pool;
    // As pool.query does: a connection that failed (its error event, or an error of the
    // statement) is released with the error, which discards it from the pool.
    const client = await pool.connect();
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.removeListener('error', release);
      client.release(err);
    };
    client.once('error', release);
    try {
      const name = this.prepared ? statementName(text, client) : undefined;
      const result = await client.query(name === undefined ? { text, values: params } : { name, text, values: params });
      release();
      return result.rows as T[];
    } catch (err) {
      release(err as Error);
      throw err;
    }
  }
}

/** Whether PostgreSQL refused a prepared statement whose result columns a schema change altered (SQLSTATE 0A000). */
function isStalePreparedStatement(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}

const selectLists = new WeakMap<object, string>();

/**
 * The SELECT list that reads an entity's table into objects shaped like the entity
 * (`parent_code AS "parentCode", ...`), from TypeORM's metadata, so the entity class stays the one
 * description of its columns. Remembered per entity class.
 * @param entity an entity class registered with `ds`
 */
export function entityColumns(ds: DataSource, entity: { new (): unknown }): string {
  let list = selectLists.get(entity);
  if (list === undefined) {
    list = ds.getMetadata(entity).columns.map((c) => `${c.databaseName} AS "${c.propertyName}"`).join(', ');
    selectLists.set(entity, list);
  }
  return list;
}
