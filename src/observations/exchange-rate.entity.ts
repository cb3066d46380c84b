import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sourced exchange rate for a period: `base_amount` of `base_currency` equals `quote_amount`
 * of `quote_currency`. Kept as the published pair so the rate stays exact
 * (4560 CNY = 642.2 USD, not a rounded 0.1408).
 */
@Entity({ name: 'exchange_rate' })
export class ExchangeRateEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'base_currency', type: 'text' })
  baseCurrency: string;

  @Column({ name: 'base_amount', type: 'numeric' })
  baseAmount: string;

  @Column({ name: 'quote_currency', type: 'text' })
  quoteCurrency: string;

  @Column({ name: 'quote_amount', type: 'numeric' })
  quoteAmount: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ name: 'source_id', type: 'integer' })
  sourceId: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
