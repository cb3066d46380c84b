import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No planner statistics for the rollups' month arrays (observation_year_rollup.months,
 * subject_year_rollup.months and counts): no statement filters, joins or groups by them, and
 * gathering them was most of what ANALYZE of the two tables cost, which a bulk load runs in its
 * transaction (src/import/import.service.ts): 0.36 s against 0.13 s without them, 90,450 rollup
 * rows (2026-12-04). The key columns' statistics, which the serving statements' plans read, are
 * gathered as before.
 */
export class RollupStatistics1767571200000 implements MigrationInterface {
  name = 'RollupStatistics1767571200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE observation_year_rollup ALTER COLUMN months SET STATISTICS 0');
    await q.query('ALTER TABLE subject_year_rollup ALTER COLUMN months SET STATISTICS 0, ALTER COLUMN counts SET STATISTICS 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE observation_year_rollup ALTER COLUMN months SET STATISTICS -1');
    await q.query('ALTER TABLE subject_year_rollup ALTER COLUMN months SET STATISTICS -1, ALTER COLUMN counts SET STATISTICS -1');
  }
}
