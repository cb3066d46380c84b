import { DataSource } from 'typeorm';
import { types } from 'pg';
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
export const MIGRATIONS = [InitialSchema1732867200000, Scale1733000000000, ApiKeys1767225600000, ReferenceChanges1767312000000, MeasurePartOf1767398400000];

/** Timeouts of the pool, in milliseconds. */
export interface PoolTimeouts {
  /** How long acquiring a new connection may take (default 10000). */
  connectMs?: number;
  /** statement_timeout of every connection (default 0: none). */
  statementMs?: number;
}

/**
 * A TypeORM DataSource for a PostgreSQL URL. Never synchronises: the schema comes from the
 * migrations. `counter` receives every statement (see {@link SqlCounter}).
 */
export function createDataSource(url: string, poolSize: number, counter: SqlCounter = new SqlCounter(), timeouts: PoolTimeouts = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logger: counter,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: timeouts.connectMs ?? 10000,
      ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    },
  });
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

/** Connections of a DataSource's pg pool: all, idle, and requests waiting for one (for metrics). */
export function poolStats(ds: DataSource): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = (ds.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } } }).master;
  if (!pool || typeof pool.totalCount !== 'number') return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options?.max ?? 0 };
}
