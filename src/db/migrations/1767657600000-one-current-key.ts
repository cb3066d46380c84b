import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One index for the current vintages instead of two: observation_current_key, the unique key of a
 * current figure (subject, measure, partner, flow, unit, period, source), is remade with the columns
 * in the order of observation_subject_period (subject, then period, then the rest of the key), and
 * observation_subject_period is dropped. The one index enforces the same uniqueness (the same
 * columns, in another order) and serves what either served: lookups of a whole key, one subject's
 * figures in a period range, and pages of them in period order (src/observations/observation.repository.ts
 * findPages), which it gives in that order up to the unit; figures of one key from several sources
 * follow in source order, and a page puts them in id order itself (a few rows at a time).
 *
 * Why: a bulk load rebuilds every index of observation (src/import/import.service.ts), and each
 * 8-column index was a sort of the whole table: 1.8 s each for 1,005,000 synthetic figures, 1.5 s
 * for the one index in this order (2026-12-04, two cores). Every import also writes one index entry
 * fewer per figure.
 */
export class OneCurrentKey1767657600000 implements MigrationInterface {
  name = 'OneCurrentKey1767657600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX observation_subject_period');
    await q.query('DROP INDEX observation_current_key');
    await q.query(`
      CREATE UNIQUE INDEX observation_current_key ON observation
        (subject_code, period_start, period_end, measure_code, partner_code, flow, unit, source_id)
        WHERE superseded_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX observation_current_key');
    await q.query(`
      CREATE UNIQUE INDEX observation_current_key ON observation
        (subject_code, measure_code, partner_code, flow, unit, period_start, period_end, source_id)
        WHERE superseded_at IS NULL`);
    await q.query(`
      CREATE INDEX observation_subject_period ON observation
        (subject_code, period_start, period_end, measure_code, partner_code, flow, unit, id)
        WHERE superseded_at IS NULL`);
  }
}
