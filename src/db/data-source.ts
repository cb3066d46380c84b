import { DataSource } from 'typeorm';
import { types } from 'pg';
import type { Pool } from 'pg';
import { SubjectEntity } from '../subjects/subject.entity';
import { PortEntity } from '../subjects/port.entity';
import { PortEventEntity } from '../subjects/port-event.entity';
import { PartnerEntity } from '../partners/partner.entity';
import { MeasureEntity } from '../observations/measure.entity';
import { ObservationEntity } from '../observations/observation.entity';
import { ExchangeRateEntity } from '../observations/exchange-rate.entity';
import { SourceEntity } from '../sources/source.entity';
import { ImportBatchEntity } from '../import/import-batch.entity';
import { InitialSchema1732867200000 } from './migrations/1732867200000-initial-schema';
import { Scale1733000000000 } from './migrations/1733000000000-scale';
import { ApiKeys1767225600000 } from './migrations/1767225600000-api-keys';
import { ReferenceChanges1767312000000 } from './migrations/1767312000000-reference-changes';
import { MeasurePartOf1767398400000 } from './migrations/1767398400000-measure-part-of';
import { SupersededIndex1767484800000 } from './migrations/1767484800000-superseded-index';
import { RollupStatistics1767571200000 } from './migrations/1767571200000-rollup-statistics';
import { OneCurrentKey1767657600000 } from './migrations/1767657600000-one-current-key';
import { SqlCounter } from './sql-counter';

// Dates stay ISO strings ('2023-11-30'): a JS Date would shift them by the time zone.
types.setTypeParser(1082, (v: string) => v);
// numeric (1700) and bigint (20) already arrive as strings: exact, never floats.

/** Every entity of the schema. */
export const ENTITIES = [
  SubjectEntity, PortEntity, PortEventEntity, PartnerEntity, MeasureEntity,
  ObservationEntity, ExchangeRateEntity, SourceEntity, ImportBatchEntity,
];

/** Every migration, in order. */
export const MIGRATIONS = [InitialSchema1732867200000, Scale1733000000000, ApiKeys1767225600000, ReferenceChanges1767312000000, MeasurePartOf1767398400000, SupersededIndex1767484800000,
  RollupStatistics1767571200000, OneCurrentKey1767657600000];

/** Options of the pool: timeouts in milliseconds, and whether serving statements are prepared. */
export interface PoolOptions {
  /** How long acquiring a new connection may take (default 10000). */
  connectMs?: number;
  /** statement_timeout of every connection (default 0: none). */
  statementMs?: number;
  /**
   * Whether the serving path prepares its statements under names (src/db/sql.ts) and the
   * connections start with {@link CONNECTION_OPTIONS}; default true. False for the embedded
   * database (PGlite serves every connection from one session, so the statements of a connection
   * the pool has closed, idle for 10 s, would never be freed) and with DB_PREPARED_STATEMENTS=false.
   */
  preparedStatements?: boolean;
}

const preparing = new WeakMap<DataSource, boolean>();

/** Whether `ds` was made (by {@link createDataSource}) to prepare serving statements under names. */
export function preparesStatements(ds: DataSource): boolean {
  return preparing.get(ds) ?? false;
}

/**
 * Settings every connection of the pool starts with (the startup packet's `options`):
 * `plan_cache_mode=force_generic_plan`, so that a prepared statement (src/db/sql.ts) is planned
 * once per connection, for any parameters, instead of for each execution. Under the default
 * (`auto`) PostgreSQL kept planning the benchmark's statements for their parameters, since its
 * generic estimate of `unnest($1::text[])` (10 rows) made the generic plan look ten times dearer
 * than a custom plan for one port, though both plans were the same index scans; planning then
 * cost about a third of each execution (0.25 to 0.5 ms of 1 to 1.5). Every serving statement reads by
 * indexed codes and dates, whose plans do not depend on the values (test/scale.test.ts checks
 * the generic plans of a single-port operation). The setting holds for every statement on these
 * connections: TypeORM's parameterised ones too (API keys by hash, reference lookups by code:
 * unique indexes either way), and serving texts past MAX_NAMED_STATEMENTS, which are planned
 * generically at each execution. Imports, whose statements run once over data of any skew, plan
 * as `auto` (`SET LOCAL` in src/import/import.service.ts).
 */
export const CONNECTION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

/**
 * A TypeORM DataSource for a PostgreSQL URL. Never synchronises: the schema comes from the
 * migrations. `counter` receives every statement (see {@link SqlCounter}). Its connections start
 * with {@link CONNECTION_OPTIONS} unless `options.preparedStatements` is false.
 */
export function createDataSource(url: string, poolSize: number, counter: SqlCounter = new SqlCounter(), options: PoolOptions = {}): DataSource {
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logger: counter,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: options.connectMs ?? 10000,
      ...(options.preparedStatements ?? true ? { options: CONNECTION_OPTIONS } : {}),
      ...(options.statementMs ? { statement_timeout: options.statementMs } : {}),
    },
  });
  preparing.set(ds, options.preparedStatements ?? true);
  return ds;
}

/** The counter attached to a DataSource made by {@link createDataSource}. */
export function sqlCounterOf(ds: DataSource): SqlCounter {
  return ds.logger as SqlCounter;
}

/** Runs pending migrations; returns the names of those it ran. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const ran = await ds.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}

/** The pg pool a DataSource's driver opened (undefined before `initialize`). */
export function poolOf(ds: DataSource): Pool | undefined {
  return (ds.driver as unknown as { master?: Pool }).master;
}

/** Connections of a DataSource's pg pool: all, idle, and requests waiting for one (for metrics). */
export function poolStats(ds: DataSource): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = poolOf(ds);
  if (!pool || typeof pool.totalCount !== 'number') return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options?.max ?? 0 };
}
