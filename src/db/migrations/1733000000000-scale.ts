import { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshYearRollup } from '../../totals/totals.repository';

/**
 * Scale (issue 4): an index that serves a subject's figures in period order (keyset pages and
 * single-subject range queries read it in order and stop early), and the yearly rollup of
 * monthly figures that port totals, year-to-date sums and top partners read instead of millions
 * of observations. The import refreshes the rollup in its own transaction
 * (src/import/import.service.ts); `npm run migrate` fills it from what is stored.
 */
export class Scale1733000000000 implements MigrationInterface {
  name = 'Scale1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX observation_subject_period ON observation
        (subject_code, period_start, period_end, measure_code, partner_code, flow, unit, id)
        WHERE superseded_at IS NULL`);
    // One row per subject, measure, unit, year, flow and partner: months[1..12] hold the preferred
    // current monthly figure of each calendar month (NULL where none is stored), total their sum.
    await q.query(`
      CREATE TABLE observation_year_rollup (
        subject_code text NOT NULL REFERENCES subject(code),
        measure_code text NOT NULL,
        unit text NOT NULL,
        year integer NOT NULL,
        flow text NOT NULL,
        partner_code text NOT NULL,
        months numeric[] NOT NULL CHECK (cardinality(months) = 12),
        total numeric NOT NULL,
        month_count integer NOT NULL CHECK (month_count BETWEEN 1 AND 12),
        PRIMARY KEY (subject_code, measure_code, unit, year, flow, partner_code)
      )`);
    // The same months summed over the subject's country partners (never ALL or a group): what
    // port totals and year-to-date sums read; counts[m] = how many figures month m adds up.
    await q.query(`
      CREATE TABLE subject_year_rollup (
        subject_code text NOT NULL REFERENCES subject(code),
        measure_code text NOT NULL,
        unit text NOT NULL,
        year integer NOT NULL,
        flow text NOT NULL,
        months numeric[] NOT NULL CHECK (cardinality(months) = 12),
        counts integer[] NOT NULL CHECK (cardinality(counts) = 12),
        PRIMARY KEY (subject_code, measure_code, unit, year, flow)
      )`);
    await refreshYearRollup(q.manager, null);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS subject_year_rollup');
    await q.query('DROP TABLE IF EXISTS observation_year_rollup');
    await q.query('DROP INDEX IF EXISTS observation_subject_period');
  }
}
