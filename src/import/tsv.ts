import { parse } from 'csv-parse/sync';
import { DECIMAL_DIGITS, DecimalFormatError, isPlainDecimalWithinLimits, parseDecimal } from '../stats/decimal';
import { isIsoDate, isSupportedDate, SUPPORTED_DATES } from '../stats/period';
import { ObservationStatus, statusFromNote } from '../stats/status';
import { SeriesNumbers, SERIES_NUMBER_ROOM } from '../stats/series';

/** One problem with one cell (or a whole row) of an input file. Rows are file line numbers (the header is line 1). */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A file was refused. `errors` lists every bad cell; nothing was written. */
export class ImportValidationError extends Error {
  constructor(readonly fileName: string, readonly errors: RowError[]) {
    super(
      `${fileName}: ${errors.length} error${errors.length === 1 ? '' : 's'}, nothing was imported\n` +
        errors.map((e) => `  row ${e.row}, column ${e.column}: ${e.message}`).join('\n'),
    );
    this.name = 'ImportValidationError';
  }
}

/** A record of a TSV file: its cells by column name, and its line number in the file. */
export interface TsvRecord {
  line: number;
  cells: Record<string, string>;
}

/**
 * Reads a tab-separated file with a header row (UTF-8; quotes are honoured where a cell starts
 * with one, as in a few notes of the real data). Rows whose cell count differs from the header's
 * are reported, not guessed at. With `unknownColumns` 'refuse', a header column that is not one of
 * `requiredColumns` is an error too (a misspelt "notes" beside "note" would otherwise be dropped
 * without a word); with 'ignore' (the reference files, which carry columns no table keeps) it is
 * read and left unused.
 * @returns the records, or the errors (missing, repeated or unknown columns; wrong cell counts).
 */
export function readTsv(text: string, requiredColumns: readonly string[], unknownColumns: 'refuse' | 'ignore' = 'ignore'): { records: TsvRecord[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { records: [], errors: [{ row: lineAt(text, nul), column: '(row)', message: 'contains a NUL character: the file is binary or not UTF-8 text' }] };
  }
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: '\t',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (e) {
    // csv-parse reports e.g. a quote opened and never closed; it names the line where it gave up.
    const err = e as Error & { lines?: number; code?: string };
    const why = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell starting on or before this line is never closed (a " without its closing ")' : err.message;
    return { records: [], errors: [{ row: err.lines ?? 1, column: '(row)', message: why }] };
  }
  if (rows.length === 0) return { records: [], errors: [{ row: 1, column: '(header)', message: 'the file is empty' }] };
  const header = rows[0].record.map((h) => h.trim());
  for (const col of requiredColumns) {
    if (!header.includes(col)) errors.push({ row: 1, column: col, message: 'required column is missing from the header' });
  }
  header.forEach((h, i) => {
    if (header.indexOf(h) !== i) errors.push({ row: 1, column: h, message: `appears more than once in the header (columns ${header.indexOf(h) + 1} and ${i + 1})` });
    else if (unknownColumns === 'refuse' && !requiredColumns.includes(h)) {
      errors.push({ row: 1, column: h || `(column ${i + 1})`, message: `is not a column of this file (column ${i + 1}; the columns are ${requiredColumns.join(', ')})` });
    }
  });
  const records: TsvRecord[] = [];
  for (const { record, info } of rows.slice(1)) {
    if (record.length !== header.length) {
      errors.push({ row: info.lines, column: '(row)', message: `has ${record.length} cells, the header has ${header.length}` });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = record[i].trim()));
    records.push({ line: info.lines, cells });
  }
  return { records, errors };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Decodes a file's bytes as UTF-8 text, refusing what is not: a UTF-16 byte-order mark, or a
 * byte sequence that is not UTF-8 (with the line where it occurs), rather than importing
 * replacement characters.
 * @throws ImportValidationError naming the file and line.
 */
export function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportValidationError(fileName, [{ row: 1, column: '(file)', message: 'is UTF-16 text; save it as UTF-8' }]);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 10) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new ImportValidationError(fileName, [{ row: line, column: '(row)', message: 'is not UTF-8 text (the file must be UTF-8)' }]);
  }
}

/** The columns of an observations file, in the order of data/xizang-trade-figures.tsv. */
export const OBSERVATION_COLUMNS = [
  'measure', 'subject', 'partner', 'flow', 'period_start', 'period_end', 'value', 'unit',
  'reported_yoy_growth_pct', 'growth_basis', 'source_publisher', 'source_title', 'source_url', 'source_date', 'note',
] as const;

/** Units an observation may have. */
export const UNITS = ['CNY_MN', 'USD_MN', 'NPR_MN', 'TONNES', 'COUNT', 'VEHICLE_TRIPS', 'PERSON_CROSSINGS', 'PERSONS_PER_DAY'] as const;
/** Flows, seen from the subject. */
export const FLOWS = ['total', 'import', 'export'] as const;

/** The codes an import may use, as stored in the reference tables. */
export interface ReferenceCodes {
  measures: ReadonlySet<string>;
  subjects: ReadonlySet<string>;
  partners: ReadonlySet<string>;
}

/** A citation as published. `date` is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or null. */
export interface SourceCitation {
  publisher: string;
  title: string;
  url: string | null;
  date: string | null;
}

/** A validated observation row. Decimals stay strings, exactly as the file wrote them. */
export interface ObservationRow {
  line: number;
  measure: string;
  subject: string;
  partner: string;
  flow: string;
  periodStart: string;
  periodEnd: string;
  value: string | null;
  unit: string;
  reportedYoyGrowthPct: string | null;
  growthBasis: 'PERCENT' | 'MULTIPLE_ROUNDED' | null;
  /** LOWER_BOUND when the note says "lower bound", else REPORTED. */
  status: ObservationStatus;
  note: string | null;
  source: SourceCitation;
}

/** `YYYY`, `YYYY-MM` or a real `YYYY-MM-DD`, in a year of {@link SUPPORTED_DATES}. */
export function isPartialDate(s: string): boolean {
  const ok = /^\d{4}$/.test(s) || /^\d{4}-(0[1-9]|1[0-2])$/.test(s) || isIsoDate(s);
  return ok && s.slice(0, 4) >= SUPPORTED_DATES.start.slice(0, 4) && s.slice(0, 4) <= SUPPORTED_DATES.end.slice(0, 4);
}

/** The stable identity of a citation (publisher, title, address, date), stored as source.natural_key. */
export function sourceKey(s: SourceCitation): string {
  return JSON.stringify([s.publisher, s.title, s.url ?? '', s.date ?? '']);
}

/**
 * The identity of an observation within one source, as a text key: its key (measure, subject,
 * partner, flow, period, unit) plus `citation`, a number standing for its {@link sourceKey} (one
 * number per key), so two rows have equal keys exactly when they publish the same figure from
 * the same source.
 */
export function observationKey(r: Pick<ObservationRow, 'measure' | 'subject' | 'partner' | 'flow' | 'periodStart' | 'periodEnd' | 'unit'>, citation: number): string {
  return `${r.measure}|${r.subject}|${r.partner}|${r.flow}|${r.periodStart}|${r.periodEnd}|${r.unit}|${citation}`;
}

function decimalCell(raw: string, column: string, line: number, errors: RowError[], allowNegative: boolean): string | null {
  if (raw === '') return null;
  // Fast path: a plain decimal within the digit limits is scanned once, without building a
  // Decimal (for a plain decimal, negative means a leading "-", -0 included, as decimal.js says).
  if (typeof raw === 'string' && isPlainDecimalWithinLimits(raw) && (allowNegative || raw.charCodeAt(0) !== 45)) return raw;
  try {
    const d = parseDecimal(raw);
    if (!allowNegative && d.isNegative()) {
      errors.push({ row: line, column, message: `must not be negative, got "${raw}"${d.isZero() ? ' (write 0)' : ''}` });
      return null;
    }
    // A plain decimal (parseDecimal accepted it) that the fast path refused has too many digits.
    if (!isPlainDecimalWithinLimits(raw)) {
      errors.push({ row: line, column, message: `has more digits than a published figure needs (at most ${DECIMAL_DIGITS.integer} before the point and ${DECIMAL_DIGITS.fraction} after)` });
      return null;
    }
    return raw;
  } catch (e) {
    errors.push({ row: line, column, message: e instanceof DecimalFormatError ? e.message : String(e) });
    return null;
  }
}

/**
 * Why a published growth (percent, plain decimal text) cannot be, for a figure that is never
 * negative (every measure here): below -100 % it fell by more than all of itself, and at -100 % it
 * fell to zero, so its value (when given) must be 0. Null when it can be. `value` is the row's
 * value text (null when blank).
 */
export function impossibleGrowth(growth: string, value: string | null): string | null {
  if (growth.charCodeAt(0) !== 45) return null; // not negative
  const g = parseDecimal(growth);
  if (g.lessThan(-100)) return `${growth} % is below -100 %: a figure that is never negative cannot fall by more than all of itself`;
  if (g.equals(-100) && value !== null && !parseDecimal(value).isZero()) return `is -100 % (a fall to zero) but value is ${value}, not 0`;
  return null;
}

const FLOW_SET: ReadonlySet<string> = new Set(FLOWS);
const UNIT_SET: ReadonlySet<string> = new Set(UNITS);
const FLOW_WHAT = 'flow (total, import or export)';
const UNIT_WHAT = `unit (${UNITS.join(', ')})`;
const HTTP_URL = /^https?:\/\/\S+$/;

/** Reports a code cell that is empty or not among the known codes (no-op for a known code). */
function checkKnown(v: string, set: ReadonlySet<string>, column: string, what: string, line: number, errors: RowError[]): void {
  if (v === '') errors.push({ row: line, column, message: `is empty; a ${what} is required` });
  else if (!set.has(v)) errors.push({ row: line, column, message: `unknown ${what} "${v}"` });
}

function dateWhy(d: string): string {
  return isIsoDate(d)
    ? `${d} lies outside the supported dates ${SUPPORTED_DATES.start}..${SUPPORTED_DATES.end}`
    : `"${d}" is not a real date of the form YYYY-MM-DD`;
}

/**
 * Validates the records of an observations file against the reference codes.
 * Checks: known measure, subject, partner, flow and unit; real ISO dates in order; a value that is
 * a plain non-negative decimal (or blank when growth is given); growth a plain decimal with a basis
 * (`percent` or `multiple_rounded`) and never a basis without growth; a publisher and title; a
 * source date of the form YYYY, YYYY-MM or YYYY-MM-DD; no row repeating another's key and source.
 * Rows sharing a citation share one {@link SourceCitation} object (and its {@link sourceKey}).
 * Cost: linear in the records; nothing is allocated per row beyond the row itself (its key is a
 * number: src/stats/series.ts; about 0.5 s per million synthetic rows, 1.5 s with keys as text).
 * @returns the rows, and every error found (all of them, not just the first).
 */
export function validateObservationRecords(records: TsvRecord[], refs: ReferenceCodes): { rows: ObservationRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: ObservationRow[] = [];
  // Rows seen, by key (to find a repeat): by a number made of the series' number and a small id of
  // the period and citation, which a Map looks up several times faster than the key as text (the
  // text made most of the validation's time: 1.25 s of 1.5 per million rows); by the text where a
  // number cannot hold the key (src/stats/series.ts).
  const seenByNumber = new Map<number, number>();
  const seenByText = new Map<string, number>();
  const series = new SeriesNumbers();
  const periodIds = new Map<string, number>();
  let periodId = -1;
  let okStartOfId = '';
  let okEndOfId = '';
  let citationOfId = -1;
  // The last dates and citation seen: consecutive rows of a file mostly repeat them.
  let okStart = '';
  let okEnd = '';
  let lastSource: SourceCitation | null = null;
  // Each distinct citation (by sourceKey) gets a small number, which stands for it in row keys:
  // a short key per row instead of one that repeats the whole citation.
  const citationNumbers = new Map<string, number>();
  let lastCitation = 0;
  for (const { line, cells: c } of records) {
    const before = errors.length;
    checkKnown(c.measure, refs.measures, 'measure', 'measure code', line, errors);
    checkKnown(c.subject, refs.subjects, 'subject', 'subject code', line, errors);
    checkKnown(c.partner, refs.partners, 'partner', 'partner code', line, errors);
    checkKnown(c.flow, FLOW_SET, 'flow', FLOW_WHAT, line, errors);
    checkKnown(c.unit, UNIT_SET, 'unit', UNIT_WHAT, line, errors);
    const start = c.period_start;
    const end = c.period_end;
    const startOk = (start === okStart && start !== '') || (isIsoDate(start) && isSupportedDate(start));
    const endOk = (end === okEnd && end !== '') || (isIsoDate(end) && isSupportedDate(end));
    if (startOk) okStart = start;
    else errors.push({ row: line, column: 'period_start', message: dateWhy(start) });
    if (endOk) okEnd = end;
    else errors.push({ row: line, column: 'period_end', message: dateWhy(end) });
    if (startOk && endOk && end < start) errors.push({ row: line, column: 'period_end', message: `${end} is before period_start ${start}` });
    const value = decimalCell(c.value, 'value', line, errors, false);
    const growthText = c.reported_yoy_growth_pct;
    const growth = decimalCell(growthText, 'reported_yoy_growth_pct', line, errors, true);
    if (growth !== null) {
      const why = impossibleGrowth(growth, value);
      if (why) errors.push({ row: line, column: 'reported_yoy_growth_pct', message: why });
    }
    const basisText = c.growth_basis;
    let basis: ObservationRow['growthBasis'] = null;
    if (basisText === '') {
      if (growthText !== '') errors.push({ row: line, column: 'growth_basis', message: 'is blank but reported_yoy_growth_pct is given; say percent or multiple_rounded' });
    } else {
      if (basisText === 'percent') basis = 'PERCENT';
      else if (basisText === 'multiple_rounded') basis = 'MULTIPLE_ROUNDED';
      else errors.push({ row: line, column: 'growth_basis', message: `unknown growth basis "${basisText}" (percent or multiple_rounded)` });
      if (growthText === '') errors.push({ row: line, column: 'growth_basis', message: 'is given but reported_yoy_growth_pct is blank' });
    }
    if (c.value === '' && growthText === '') errors.push({ row: line, column: 'value', message: 'is blank and no growth is given: the row publishes nothing' });
    const publisher = c.source_publisher;
    const title = c.source_title;
    const url = c.source_url;
    const date = c.source_date;
    if (publisher === '') errors.push({ row: line, column: 'source_publisher', message: 'is empty; every figure cites its source' });
    if (title === '') errors.push({ row: line, column: 'source_title', message: 'is empty; every figure cites its source' });
    if (url !== '' && !HTTP_URL.test(url)) errors.push({ row: line, column: 'source_url', message: `"${url}" is not an http(s) address` });
    if (date !== '' && !isPartialDate(date)) errors.push({ row: line, column: 'source_date', message: `"${date}" is not YYYY, YYYY-MM or YYYY-MM-DD` });
    if (errors.length > before) continue;
    const urlOrNull = url === '' ? null : url;
    const dateOrNull = date === '' ? null : date;
    if (lastSource === null || lastSource.publisher !== publisher || lastSource.title !== title || lastSource.url !== urlOrNull || lastSource.date !== dateOrNull) {
      lastSource = { publisher, title, url: urlOrNull, date: dateOrNull };
      const k = sourceKey(lastSource);
      let number = citationNumbers.get(k);
      if (number === undefined) citationNumbers.set(k, (number = citationNumbers.size));
      lastCitation = number;
    }
    const note = c.note;
    const row: ObservationRow = {
      line,
      measure: c.measure,
      subject: c.subject,
      partner: c.partner,
      flow: c.flow,
      periodStart: start,
      periodEnd: end,
      value,
      unit: c.unit,
      reportedYoyGrowthPct: growth,
      growthBasis: basis,
      status: note === '' ? 'REPORTED' : statusFromNote(note),
      note: note === '' ? null : note,
      source: lastSource,
    };
    // Consecutive rows mostly share their period and citation: their id is looked up when they change.
    if (periodId < 0 || start !== okStartOfId || end !== okEndOfId || lastCitation !== citationOfId) {
      const periodOf = `${start}|${end}|${lastCitation}`;
      periodId = periodIds.get(periodOf) ?? periodIds.size;
      if (periodId === periodIds.size) periodIds.set(periodOf, periodId);
      okStartOfId = start;
      okEndOfId = end;
      citationOfId = lastCitation;
    }
    const number = series.numberOf(row.subject, row.partner, row.measure, row.unit, row.flow);
    const key = number === null || periodId >= SERIES_NUMBER_ROOM ? observationKey(row, lastCitation) : number * SERIES_NUMBER_ROOM + periodId;
    const first = typeof key === 'number' ? seenByNumber.get(key) : seenByText.get(key);
    if (first !== undefined) {
      errors.push({ row: line, column: '(row)', message: `repeats the figure of row ${first} (same measure, subject, partner, flow, period, unit and source)` });
      continue;
    }
    if (typeof key === 'number') seenByNumber.set(key, line);
    else seenByText.set(key, line);
    rows.push(row);
  }
  return { rows, errors };
}
