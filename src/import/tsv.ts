import { parse } from 'csv-parse/sync';
import { DecimalFormatError, parseDecimal } from '../stats/decimal';
import { isIsoDate, isSupportedDate, SUPPORTED_DATES } from '../stats/period';
import { ObservationStatus, statusFromNote } from '../stats/status';

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
 * are reported, not guessed at.
 * @returns the records, or the errors (missing columns; wrong cell counts).
 */
export function readTsv(text: string, requiredColumns: readonly string[]): { records: TsvRecord[]; errors: RowError[] } {
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

/** The identity of an observation within one source: its key plus its source. */
export function observationKey(r: Pick<ObservationRow, 'measure' | 'subject' | 'partner' | 'flow' | 'periodStart' | 'periodEnd' | 'unit' | 'source'>): string {
  return [r.measure, r.subject, r.partner, r.flow, r.periodStart, r.periodEnd, r.unit, sourceKey(r.source)].join('|');
}

/** The most digits a stored decimal may have before and after its point. */
export const DECIMAL_DIGITS = { integer: 20, fraction: 10 } as const;

function decimalCell(raw: string, column: string, line: number, errors: RowError[], allowNegative: boolean): string | null {
  if (raw === '') return null;
  try {
    const d = parseDecimal(raw);
    if (!allowNegative && d.isNegative()) {
      errors.push({ row: line, column, message: `must not be negative, got "${raw}"` });
      return null;
    }
    const [int, frac = ''] = raw.replace(/^-/, '').split('.');
    if (int.replace(/^0+(?=\d)/, '').length > DECIMAL_DIGITS.integer || frac.length > DECIMAL_DIGITS.fraction) {
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
 * Validates the records of an observations file against the reference codes.
 * Checks: known measure, subject, partner, flow and unit; real ISO dates in order; a value that is
 * a plain non-negative decimal (or blank when growth is given); growth a plain decimal with a basis
 * (`percent` or `multiple_rounded`) and never a basis without growth; a publisher and title; a
 * source date of the form YYYY, YYYY-MM or YYYY-MM-DD; no row repeating another's key and source.
 * @returns the rows, and every error found (all of them, not just the first).
 */
export function validateObservationRecords(records: TsvRecord[], refs: ReferenceCodes): { rows: ObservationRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: ObservationRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells: c } of records) {
    const before = errors.length;
    const bad = (column: string, message: string) => errors.push({ row: line, column, message });
    const known = (column: string, set: ReadonlySet<string> | readonly string[], what: string) => {
      const v = c[column];
      const has = set instanceof Set ? set.has(v) : (set as readonly string[]).includes(v);
      if (v === '') bad(column, `is empty; a ${what} is required`);
      else if (!has) bad(column, `unknown ${what} "${v}"`);
    };
    known('measure', refs.measures, 'measure code');
    known('subject', refs.subjects, 'subject code');
    known('partner', refs.partners, 'partner code');
    known('flow', FLOWS, 'flow (total, import or export)');
    known('unit', UNITS, `unit (${UNITS.join(', ')})`);
    const startOk = isIsoDate(c.period_start) && isSupportedDate(c.period_start);
    const endOk = isIsoDate(c.period_end) && isSupportedDate(c.period_end);
    const dateWhy = (d: string) => (isIsoDate(d)
      ? `${d} lies outside the supported dates ${SUPPORTED_DATES.start}..${SUPPORTED_DATES.end}`
      : `"${d}" is not a real date of the form YYYY-MM-DD`);
    if (!startOk) bad('period_start', dateWhy(c.period_start));
    if (!endOk) bad('period_end', dateWhy(c.period_end));
    if (startOk && endOk && c.period_end < c.period_start) bad('period_end', `${c.period_end} is before period_start ${c.period_start}`);
    const value = decimalCell(c.value, 'value', line, errors, false);
    const growth = decimalCell(c.reported_yoy_growth_pct, 'reported_yoy_growth_pct', line, errors, true);
    let basis: ObservationRow['growthBasis'] = null;
    if (c.growth_basis === 'percent') basis = 'PERCENT';
    else if (c.growth_basis === 'multiple_rounded') basis = 'MULTIPLE_ROUNDED';
    else if (c.growth_basis !== '') bad('growth_basis', `unknown growth basis "${c.growth_basis}" (percent or multiple_rounded)`);
    if (c.growth_basis !== '' && c.reported_yoy_growth_pct === '') bad('growth_basis', 'is given but reported_yoy_growth_pct is blank');
    if (c.growth_basis === '' && c.reported_yoy_growth_pct !== '') bad('growth_basis', 'is blank but reported_yoy_growth_pct is given; say percent or multiple_rounded');
    if (c.value === '' && c.reported_yoy_growth_pct === '') bad('value', 'is blank and no growth is given: the row publishes nothing');
    if (c.source_publisher === '') bad('source_publisher', 'is empty; every figure cites its source');
    if (c.source_title === '') bad('source_title', 'is empty; every figure cites its source');
    if (c.source_url !== '' && !/^https?:\/\/\S+$/.test(c.source_url)) bad('source_url', `"${c.source_url}" is not an http(s) address`);
    if (c.source_date !== '' && !isPartialDate(c.source_date)) bad('source_date', `"${c.source_date}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    if (errors.length > before) continue;
    const row: ObservationRow = {
      line,
      measure: c.measure,
      subject: c.subject,
      partner: c.partner,
      flow: c.flow,
      periodStart: c.period_start,
      periodEnd: c.period_end,
      value,
      unit: c.unit,
      reportedYoyGrowthPct: growth,
      growthBasis: basis,
      status: statusFromNote(c.note),
      note: c.note === '' ? null : c.note,
      source: {
        publisher: c.source_publisher,
        title: c.source_title,
        url: c.source_url === '' ? null : c.source_url,
        date: c.source_date === '' ? null : c.source_date,
      },
    };
    const key = observationKey(row);
    const first = seen.get(key);
    if (first !== undefined) {
      bad('(row)', `repeats the figure of row ${first} (same measure, subject, partner, flow, period, unit and source)`);
      continue;
    }
    seen.set(key, line);
    rows.push(row);
  }
  return { rows, errors };
}
