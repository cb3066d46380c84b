/**
 * Plain records that repositories return and resolvers pass on: rows as stored, decimals as
 * exact strings, dates as ISO strings. No ORM and no GraphQL here.
 */

/** A source as stored. `publishedOn` is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or null. */
export interface SourceRecord {
  id: number;
  publisher: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
}

/** One stored observation (one vintage), with its source. */
export interface FigureRecord {
  id: string;
  measureCode: string;
  subjectCode: string;
  partnerCode: string;
  flow: string;
  periodStart: string;
  periodEnd: string;
  /** Exact decimal string in `unit`, or null. */
  value: string | null;
  unit: string;
  reportedYoyGrowthPct: string | null;
  growthBasis: 'PERCENT' | 'MULTIPLE_ROUNDED' | null;
  status: 'REPORTED' | 'PROVISIONAL' | 'ESTIMATED' | 'LOWER_BOUND' | 'DERIVED';
  note: string | null;
  recordedAt: Date;
  supersededAt: Date | null;
  source: SourceRecord;
  /** The vintage date the figure was fetched at (null or absent: latest); its prior is looked up at the same. */
  asOf?: string | null;
}

/** The key that makes figures comparable: everything but the period and the source. */
export interface SeriesKey {
  measureCode: string;
  subjectCode: string;
  partnerCode: string;
  flow: string;
  unit: string;
}

/** A series key at one period. */
export interface FigureKey extends SeriesKey {
  periodStart: string;
  periodEnd: string;
}

/** A sourced exchange rate: `baseAmount` of `baseCurrency` = `quoteAmount` of `quoteCurrency`. */
export interface ExchangeRateRecord {
  id: number;
  baseCurrency: string;
  baseAmount: string;
  quoteCurrency: string;
  quoteAmount: string;
  periodStart: string;
  periodEnd: string;
  note: string | null;
  source: SourceRecord;
}
