import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What an observation counts (data/measures.tsv), e.g. `trade_value`, `cargo_weight`. */
@Entity({ name: 'measure' })
export class MeasureEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** TOTAL, PRODUCT or PHYSICAL. */
  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  description: string;

  /** The broader measure whose figures include this one's (data/measures.tsv `part_of`); null when none. */
  @Column({ name: 'part_of_code', type: 'text', nullable: true })
  partOfCode: string | null;
}
