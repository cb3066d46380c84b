/**
 * Reporting periods: inclusive spans of ISO calendar dates ('YYYY-MM-DD' strings, proleptic
 * Gregorian calendar, no time zone). Pure module, no imports.
 *
 * Kinds (see {@link periodKind}), checked in this order:
 *  - DAY: start = end.
 *  - MONTH: the 1st to the last day of one calendar month.
 *  - QUARTER: Jan 1–Mar 31, Apr 1–Jun 30, Jul 1–Sep 30 or Oct 1–Dec 31 of one year.
 *  - HALF: Jan 1–Jun 30 (H1) or Jul 1–Dec 31 (H2) of one year.
 *  - YEAR: Jan 1–Dec 31 of one year.
 *  - YEAR_TO_DATE: Jan 1 to the last day of month N of the same year, N in 2..11 except 3 and 6
 *    (Jan–Mar is a QUARTER, Jan–Jun a HALF, Jan–Jan a MONTH, Jan–Dec a YEAR).
 *  - NEPALI_FISCAL_YEAR: 16 Jul Y – 15 Jul Y+1, the fixed convention of the data (README trap 4).
 *  - SPAN: anything else (including multi-month spans not starting in January, and multi-year spans).
 *
 * Text forms (see {@link formatPeriod} / {@link parsePeriod}):
 *  `2022-12-28` (DAY), `2023-11` (MONTH), `2023-Q1`, `2023-H1`, `2023`, `2023-01..2023-11`
 *  (YEAR_TO_DATE and any other whole-month span), `2023-05-01..2023-08-30` (other spans),
 *  `FY2023/24` (Nepali fiscal year 2023-07-16..2024-07-15).
 */

/** An inclusive span of calendar dates, both ends 'YYYY-MM-DD'. */
export interface Period {
  start: string;
  end: string;
}

/** Classification of a {@link Period}; see the module comment for the exact rules. */
export type PeriodKind =
  | 'DAY'
  | 'MONTH'
  | 'QUARTER'
  | 'HALF'
  | 'YEAR'
  | 'YEAR_TO_DATE'
  | 'NEPALI_FISCAL_YEAR'
  | 'SPAN';

/** Thrown when period text cannot be parsed or a Period is invalid; the message names the text
 * and the reason (bad date, reversed span, unknown form). */
export class PeriodFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodFormatError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** True when `y` is a Gregorian leap year (2024 yes, 2023 no, 1900 no, 2000 yes). */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ymd(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** True when `s` is exactly 'YYYY-MM-DD' and a real calendar date (2024-02-29 yes, 2023-02-29 no,
 * year 0000 no). */
export function isIsoDate(s: string): boolean {
  // One pass over the character codes (ASCII digits only, as the pattern ISO_DATE): the import
  // checks two dates per row, a million times for a large file.
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const digit = (i: number) => {
    const c = s.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const mo = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  // NaN (a non-digit) fails every comparison below.
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(s: string): [number, number, number] {
  return [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
}

/** Day number (days since 1970-01-01) of a valid ISO date; algorithm of H. Hinnant. */
function dayNumber(s: string): number {
  let [y, m, d] = parts(s);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z0: number): string {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return ymd(y, m, d);
}

/** The ISO date `n` days after `date` (negative n goes back). Throws PeriodFormatError on a bad date. */
export function addDays(date: string, n: number): string {
  if (!isIsoDate(date)) throw new PeriodFormatError(`bad date ${JSON.stringify(date)}`);
  return fromDayNumber(dayNumber(date) + n);
}

/** True when a valid ISO date is the last day of its month (2024-02-29, 2025-02-28, 2023-11-30). */
export function isMonthEnd(date: string): boolean {
  const [y, m, d] = parts(date);
  return d === daysInMonth(y, m);
}

/**
 * Null when `p` is a valid period, else the reason: 'bad start date "…"', 'bad end date "…"',
 * 'end … before start …', or that it ends after the supported dates (a computed prior may start
 * before 1900, back to year 1; arguments and stored figures stay within {@link SUPPORTED_DATES}).
 */
export function validatePeriod(p: Period): string | null {
  if (!p || typeof p !== 'object') return 'not a period';
  if (!isIsoDate(p.start)) return `bad start date ${JSON.stringify(p.start)}`;
  if (!isIsoDate(p.end)) return `bad end date ${JSON.stringify(p.end)}`;
  if (p.end < p.start) return `end ${p.end} before start ${p.start}`;
  if (p.start < COMPUTED_DATES_START || p.end > SUPPORTED_DATES.end) return outOfRange(p);
  return null;
}

/**
 * The dates a stored figure, a period argument or a date argument may cover: 1900-01-01 to
 * 2099-12-31. Trade statistics need no others, and inside this range a fiscal year's end always
 * exists.
 */
export const SUPPORTED_DATES: Readonly<Period> = Object.freeze({ start: '1900-01-01', end: '2099-12-31' });

/**
 * The first date of a period computed from supported ones: priors of priors of a period in 1900
 * (`prior { prior { ... } }`, as deep as an operation may nest) lie in 1899, 1898 and so on, where
 * nothing is stored; so valid periods ({@link validatePeriod}) may start at any real date from
 * year 1 (PostgreSQL has no year 0, and {@link sameDateOneYearEarlier} refuses to go before year 1).
 */
const COMPUTED_DATES_START = '0001-01-01';

/** True when `date` (a real ISO date) lies within {@link SUPPORTED_DATES}. */
export function isSupportedDate(date: string): boolean {
  return date >= SUPPORTED_DATES.start && date <= SUPPORTED_DATES.end;
}

function outOfRange(p: Period): string {
  return `${p.start}..${p.end} lies outside the supported dates ${SUPPORTED_DATES.start}..${SUPPORTED_DATES.end}`;
}

/** Throws {@link PeriodFormatError} unless `p` is valid (see {@link validatePeriod}). */
export function assertValidPeriod(p: Period): void {
  const why = validatePeriod(p);
  if (why !== null) throw new PeriodFormatError(`invalid period ${JSON.stringify(p)}: ${why}`);
}

/** The value of the ASCII digits of `s` from `from` to before `to` (NaN when one is not a digit). */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True when a period of two valid ISO dates is exactly one calendar month: it starts on the 1st
 * and ends on the last day of the same month (2024-02-01..2024-02-29 yes; 2024-02-01..2024-02-28
 * and 2021-07-01..2021-09-30 no). What {@link periodKind} calls MONTH, without its validation and
 * without allocating: for loops over a million figures (src/totals/year-rollup.ts). False for text
 * that is not `YYYY-MM-DD`.
 */
export function isCalendarMonth(start: string, end: string): boolean {
  if (start.length !== 10 || end.length !== 10 || digitsAt(start, 8, 10) !== 1) return false;
  const y = digitsAt(start, 0, 4);
  const m = digitsAt(start, 5, 7);
  return digitsAt(end, 0, 4) === y && digitsAt(end, 5, 7) === m && digitsAt(end, 8, 10) === daysInMonth(y, m);
}

/** Kind of a valid period (see module comment). Throws {@link PeriodFormatError} when invalid. */
export function periodKind(p: Period): PeriodKind {
  assertValidPeriod(p);
  if (p.start === p.end) return 'DAY';
  const [sy, sm, sd] = parts(p.start);
  const [ey, em] = parts(p.end);
  if (sy === ey && sd === 1 && isMonthEnd(p.end)) {
    const months = em - sm + 1;
    if (months === 1) return 'MONTH';
    if (months === 3 && sm % 3 === 1) return 'QUARTER';
    if (months === 6 && (sm === 1 || sm === 7)) return 'HALF';
    if (months === 12) return 'YEAR';
    if (sm === 1) return 'YEAR_TO_DATE';
  }
  if (p.start === ymd(sy, 7, 16) && p.end === ymd(sy + 1, 7, 15)) return 'NEPALI_FISCAL_YEAR';
  return 'SPAN';
}

/** Number of days in `p`, both ends included (a DAY has 1; 2024 has 366). Throws on an invalid period. */
export function periodDays(p: Period): number {
  assertValidPeriod(p);
  return dayNumber(p.end) - dayNumber(p.start) + 1;
}

/** The period of one calendar month 'YYYY-MM' (e.g. '2024-02' -> 2024-02-01..2024-02-29).
 * Throws {@link PeriodFormatError} on a malformed month. */
export function monthPeriod(ym: string): Period {
  const m = YEAR_MONTH.exec(ym ?? '');
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  if (!m || y < 1 || mo < 1 || mo > 12) {
    throw new PeriodFormatError(`bad month ${JSON.stringify(ym)}: expected YYYY-MM`);
  }
  return { start: ymd(y, mo, 1), end: ymd(y, mo, daysInMonth(y, mo)) };
}

/** The 'YYYY-MM' months of `p` in order when `p` runs from the 1st of a month to the last day of
 * a month, else null (also null for an invalid period). 2023-01-01..2023-03-31 -> ['2023-01','2023-02','2023-03']. */
export function monthsOf(p: Period): string[] | null {
  if (validatePeriod(p) !== null) return null;
  const [sy, sm, sd] = parts(p.start);
  const [ey, em] = parts(p.end);
  if (sd !== 1 || !isMonthEnd(p.end)) return null;
  const out: string[] = [];
  let y = sy;
  let m = sm;
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${pad(y, 4)}-${pad(m, 2)}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Canonical text of a period:
 * DAY `2022-12-28`; MONTH `2023-11`; QUARTER `2023-Q1`; HALF `2023-H2`; YEAR `2023`;
 * NEPALI_FISCAL_YEAR `FY2023/24`; YEAR_TO_DATE and any other whole-month span `2023-01..2023-11`;
 * any other span `2023-05-01..2023-08-30`. Throws {@link PeriodFormatError} on an invalid period.
 * {@link parsePeriod} is its inverse.
 */
export function formatPeriod(p: Period): string {
  const kind = periodKind(p);
  const [sy, sm] = parts(p.start);
  switch (kind) {
    case 'DAY':
      return p.start;
    case 'MONTH':
      return p.start.slice(0, 7);
    case 'QUARTER':
      return `${pad(sy, 4)}-Q${(sm + 2) / 3}`;
    case 'HALF':
      return `${pad(sy, 4)}-H${sm === 1 ? 1 : 2}`;
    case 'YEAR':
      return pad(sy, 4);
    case 'NEPALI_FISCAL_YEAR':
      return `FY${pad(sy, 4)}/${pad((sy + 1) % 100, 2)}`;
    default:
      if (monthsOf(p) !== null) return `${p.start.slice(0, 7)}..${p.end.slice(0, 7)}`;
      return `${p.start}..${p.end}`;
  }
}

function fail(text: string, why: string): never {
  throw new PeriodFormatError(`cannot parse period ${JSON.stringify(text)}: ${why}`);
}

function checked(text: string, p: Period): Period {
  const why = validatePeriod(p);
  if (why !== null) fail(text, why);
  return p;
}

function monthOrFail(text: string, ym: string): Period {
  try {
    return monthPeriod(ym);
  } catch {
    return fail(text, `bad month ${JSON.stringify(ym)}`);
  }
}

/**
 * Parses every form produced by {@link formatPeriod} plus the explicit spans
 * `YYYY-MM-DD..YYYY-MM-DD` and `YYYY-MM..YYYY-MM` (whatever their kind, e.g. `2023-01..2023-03`
 * gives the Q1 period). `FY2023/24` requires the second year to be the next year's last two digits.
 * Throws {@link PeriodFormatError} naming the text and why: bad date / bad month, reversed span
 * (end before start), dates outside {@link SUPPORTED_DATES}, or unknown form.
 */
export function parsePeriod(text: string): Period {
  const p = parseAnyPeriod(text);
  if (!isSupportedDate(p.start) || !isSupportedDate(p.end)) fail(text, outOfRange(p));
  return p;
}

/** {@link parsePeriod} without the {@link SUPPORTED_DATES} check. */
function parseAnyPeriod(text: string): Period {
  if (typeof text !== 'string') fail(String(text), 'not a string');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text))) {
    return checked(text, { start: m[1], end: m[2] });
  }
  if ((m = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(text))) {
    const a = monthOrFail(text, m[1]);
    const b = monthOrFail(text, m[2]);
    return checked(text, { start: a.start, end: b.end });
  }
  if (ISO_DATE.test(text)) return checked(text, { start: text, end: text });
  if (YEAR_MONTH.test(text)) return monthOrFail(text, text);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(text))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (y < 1) fail(text, 'bad year');
    const first = 3 * q - 2;
    return { start: ymd(y, first, 1), end: ymd(y, first + 2, daysInMonth(y, first + 2)) };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(text))) {
    const y = Number(m[1]);
    if (y < 1) fail(text, 'bad year');
    return m[2] === '1' ? { start: ymd(y, 1, 1), end: ymd(y, 6, 30) } : { start: ymd(y, 7, 1), end: ymd(y, 12, 31) };
  }
  if ((m = /^(\d{4})$/.exec(text))) {
    const y = Number(m[1]);
    if (y < 1) fail(text, 'bad year');
    return { start: ymd(y, 1, 1), end: ymd(y, 12, 31) };
  }
  if ((m = /^FY(\d{4})\/(\d{2})$/.exec(text))) {
    const y = Number(m[1]);
    if (y < 1) fail(text, 'bad year');
    if (Number(m[2]) !== (y + 1) % 100) {
      fail(text, `fiscal year ${m[1]} must end in ${pad((y + 1) % 100, 2)}, not ${m[2]}`);
    }
    return { start: ymd(y, 7, 16), end: ymd(y + 1, 7, 15) };
  }
  return fail(
    text,
    'unknown form (expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, FYYYYY/yy, YYYY-MM..YYYY-MM or YYYY-MM-DD..YYYY-MM-DD)',
  );
}

/** One year earlier, by calendar: a month-end date maps to the same month's last day a year
 * earlier (2024-02-29 -> 2023-02-28, 2025-02-28 -> 2024-02-29); any other date keeps its day. */
export function sameDateOneYearEarlier(date: string): string {
  if (!isIsoDate(date)) throw new PeriodFormatError(`bad date ${JSON.stringify(date)}`);
  const [y, m, d] = parts(date);
  if (y <= 1) throw new PeriodFormatError(`no year before ${date}`);
  if (d === daysInMonth(y, m)) return ymd(y - 1, m, daysInMonth(y - 1, m));
  return ymd(y - 1, m, d);
}

/**
 * The comparable period one calendar year earlier (the base of a year-on-year growth): both ends
 * shifted with {@link sameDateOneYearEarlier}. Whole months stay whole months
 * (2024-01-01..2024-02-29 -> 2023-01-01..2023-02-28), Nepali fiscal years stay fiscal years.
 * Throws {@link PeriodFormatError} on an invalid period.
 */
export function priorComparablePeriod(p: Period): Period {
  assertValidPeriod(p);
  return { start: sameDateOneYearEarlier(p.start), end: sameDateOneYearEarlier(p.end) };
}

/** True when `inner` lies within `outer` (both inclusive; a period contains itself).
 * Throws {@link PeriodFormatError} when either is invalid. */
export function containsPeriod(outer: Period, inner: Period): boolean {
  assertValidPeriod(outer);
  assertValidPeriod(inner);
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sort comparator: by start, then by end (ISO strings compare chronologically). Returns -1, 0 or 1. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return 0;
}
