import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Read statements of the serving path, sent straight to the pg pool that the TypeORM DataSource
 * opened and owns (same connections, statement timeout and lifecycle), without TypeORM's
 * per-call QueryRunner: the gateway's reads are hand-written, parameterised SQL and gain nothing
 * from it. Every statement is still reported to the DataSource's logger (the SqlCounter of
 * src/db/sql-counter.ts), so statement counts and EXPLAIN checks see these too; a failing
 * statement is reported as a query error and rethrown as pg raised it (src/errors.ts reads the
 * SQLSTATE and message). Writes and migrations stay on TypeORM (transactions, entities).
 */
export class Sql {
  constructor(private readonly ds: DataSource) {}

  /**
   * Runs one parameterised statement and resolves with its rows (numeric and bigint as strings,
   * dates as 'YYYY-MM-DD' strings: the type parsers of src/db/data-source.ts).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    const pool = (this.ds.driver as unknown as { master: Pool }).master;
    this.ds.logger.logQuery(text, params);
    try {
      return (await pool.query(text, params)).rows as T[];
    } catch (err) {
      this.ds.logger.logQueryError(err as Error, text, params);
      throw err;
    }
  }
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
