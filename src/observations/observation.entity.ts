import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One published figure, as one source published it. The key of a figure is
 * (measure, subject, partner, flow, period, unit); with its source it identifies a series of
 * vintages: an import that changes the value supersedes the old row (sets `superseded_at`)
 * and inserts a new one, so nothing is overwritten or deleted.
 */
@Entity({ name: 'observation' })
export class ObservationEntity {
  /** bigint, as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'measure_code', type: 'text' })
  measureCode: string;

  @Column({ name: 'subject_code', type: 'text' })
  subjectCode: string;

  @Column({ name: 'partner_code', type: 'text' })
  partnerCode: string;

  /** total, import or export, seen from the subject. */
  @Column({ type: 'text' })
  flow: string;

  /** First day covered, ISO date, inclusive. */
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  /** Last day covered, ISO date, inclusive. */
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  /** Exact decimal as a string, in `unit`; null where only the growth was published. */
  @Column({ type: 'numeric', nullable: true })
  value: string | null;

  /** CNY_MN, USD_MN, NPR_MN, TONNES, COUNT, VEHICLE_TRIPS, PERSON_CROSSINGS or PERSONS_PER_DAY. */
  @Column({ type: 'text' })
  unit: string;

  /** Year-on-year growth as published, percent; null when none was published. */
  @Column({ name: 'reported_yoy_growth_pct', type: 'numeric', nullable: true })
  reportedYoyGrowthPct: string | null;

  /** PERCENT or MULTIPLE_ROUNDED; null when no growth was published. */
  @Column({ name: 'growth_basis', type: 'text', nullable: true })
  growthBasis: string | null;

  /** REPORTED or LOWER_BOUND (from the data's "lower bound" notes). */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'source_id', type: 'integer' })
  sourceId: number;

  @Column({ name: 'import_batch_id', type: 'integer' })
  importBatchId: number;

  /** When this vintage became known (its import time). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** When a later import replaced this vintage; null for the current one. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
