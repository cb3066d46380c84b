import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `measure.part_of_code`: the broader measure whose figures include this one's (data/measures.tsv
 * `part_of`: garment_trade_value is part of labour_intensive_trade_value, which is part of
 * trade_value), so that a share can refuse a part its whole does not count (src/stats/share.ts
 * partOutsideWhole). Null for a measure that is part of no other. Filled by the reference load.
 */
export class MeasurePartOf1767398400000 implements MigrationInterface {
  name = 'MeasurePartOf1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE measure ADD COLUMN part_of_code text REFERENCES measure (code)');
    await q.query('ALTER TABLE measure ADD CONSTRAINT measure_part_of_other CHECK (part_of_code <> code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE measure DROP COLUMN part_of_code');
  }
}
