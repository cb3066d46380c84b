/**
 * Labels for the API's codes, and citations. Values are shown exactly as the API gives them
 * (Decimal strings); nothing here rounds or converts a figure.
 */
import type { ObservationStatus, PeriodKind, PortEventKind, PortStatusKind, SourceCitationFragment, Unit } from './generated/graphql';

/** Unit codes as words (the schema's own descriptions). */
export const UNIT_LABEL: Record<Unit, string> = {
  CNY_MN: 'million yuan (CNY mn)',
  USD_MN: 'million US dollars (USD mn)',
  NPR_MN: 'million Nepalese rupees (NPR mn)',
  TONNES: 'tonnes',
  COUNT: 'count',
  VEHICLE_TRIPS: 'vehicle trips (in plus out)',
  PERSON_CROSSINGS: 'person crossings (each entry or exit)',
  PERSONS_PER_DAY: 'persons per day',
};

/** Period kinds as words. */
export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = {
  YEAR: 'calendar year',
  YEAR_TO_DATE: 'year to date (from 1 January)',
  HALF: 'half year',
  QUARTER: 'quarter',
  MONTH: 'month',
  DAY: 'day',
  SPAN: 'span of days',
  NEPALI_FISCAL_YEAR: 'Nepali fiscal year',
};

/** Observation statuses as words. */
export const STATUS_LABEL: Record<ObservationStatus, string> = {
  REPORTED: 'reported',
  LOWER_BOUND: 'lower bound (source: “more than”)',
  DERIVED: 'derived (computed from reported figures)',
  ESTIMATED: 'estimated',
  PROVISIONAL: 'provisional',
};

export const PORT_STATUS_LABEL: Record<PortStatusKind, string> = {
  OPEN: 'Open',
  CLOSED: 'Closed',
  NOT_YET_OPENED: 'Not yet opened',
  UNKNOWN: 'Unknown',
};

export const EVENT_LABEL: Record<PortEventKind, string> = {
  OPENED: 'Opened',
  CLOSED: 'Closed',
  REOPENED: 'Reopened',
};

/** "Publisher, “Title”, 2024-01-07" (the date left out when the source has none). */
export function citation(source: SourceCitationFragment): string {
  return `${source.publisher}, “${source.title}”${source.publishedOn ? `, ${source.publishedOn}` : ', undated'}`;
}

/** A percentage as the API gives it, with its sign and unit: "+14.6 %", "−59.2 %"; a dash when null. */
export function pct(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.startsWith('-') ? `−${value.slice(1)} %` : `+${value} %`;
}

/** Percentage points: "−3.99 pp"; a dash when null. */
export function pp(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.startsWith('-') ? `−${value.slice(1)} pp` : `+${value} pp`;
}
