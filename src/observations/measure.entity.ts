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
}
