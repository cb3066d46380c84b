/**
 * validateObservationRecords on its own (no database): the edges of its fast paths (plain
 * decimals scanned without building a Decimal, dates checked character by character, a repeated
 * date or citation taken from the row before) give the same answers and messages as the full checks.
 */
import { OBSERVATION_COLUMNS, ReferenceCodes, RowError, TsvRecord, validateObservationRecords } from '../src/import/tsv';

const REFS: ReferenceCodes = { measures: new Set(['trade_value']), subjects: new Set(['XZ']), partners: new Set(['ALL', 'NP']) };

const BASE: Record<(typeof OBSERVATION_COLUMNS)[number], string> = {
  measure: 'trade_value', subject: 'XZ', partner: 'ALL', flow: 'total', period_start: '2023-01-01', period_end: '2023-01-31',
  value: '100', unit: 'CNY_MN', reported_yoy_growth_pct: '', growth_basis: '', source_publisher: 'Landports test fixture',
  source_title: 'validate', source_url: '', source_date: '2024', note: '',
};

/** Records from partial rows over BASE, numbered from line 2 as in a file. */
function records(...rows: Partial<typeof BASE>[]): TsvRecord[] {
  return rows.map((r, i) => ({ line: i + 2, cells: { ...BASE, ...r } }));
}

function errorsOf(...rows: Partial<typeof BASE>[]): RowError[] {
  return validateObservationRecords(records(...rows), REFS).errors;
}

const DIGITS = 'has more digits than a published figure needs (at most 20 before the point and 10 after)';

test('decimals at the digit limits: leading zeros do not count, 21 digits or 11 decimals are refused', () => {
  const { rows, errors } = validateObservationRecords(records(
    { value: '12345678901234567890' },
    { value: '000000000012345678901234567890', partner: 'NP' },
    { value: '0.1234567890', period_start: '2023-02-01', period_end: '2023-02-28' },
    { value: '0', reported_yoy_growth_pct: '-0.5', growth_basis: 'percent', period_start: '2023-03-01', period_end: '2023-03-31' },
  ), REFS);
  expect(errors).toEqual([]);
  expect(rows.map((r) => [r.value, r.reportedYoyGrowthPct, r.growthBasis])).toEqual([
    ['12345678901234567890', null, null], ['000000000012345678901234567890', null, null], ['0.1234567890', null, null], ['0', '-0.5', 'PERCENT'],
  ]);
  expect(errorsOf({ value: '123456789012345678901' }, { value: '1.12345678901' })).toEqual([
    { row: 2, column: 'value', message: DIGITS },
    { row: 3, column: 'value', message: DIGITS },
  ]);
});

test('a value of -0 is negative, as decimal.js says, and the error says to write 0; malformed decimals get the parser\'s reason', () => {
  expect(errorsOf({ value: '-0' }, { value: '-0.00' }, { value: '12.' }, { value: '.5' }, { value: '1,000' }, { value: '٣' })).toEqual([
    { row: 2, column: 'value', message: 'must not be negative, got "-0" (write 0)' },
    { row: 3, column: 'value', message: 'must not be negative, got "-0.00" (write 0)' },
    { row: 4, column: 'value', message: 'not a plain decimal: "12." (a digit is required after the decimal point)' },
    { row: 5, column: 'value', message: 'not a plain decimal: ".5" (a digit is required before the decimal point)' },
    { row: 6, column: 'value', message: 'not a plain decimal: "1,000" (thousands separators are not allowed)' },
    { row: 7, column: 'value', message: 'not a plain decimal: "٣" (only an optional leading "-", digits and one decimal point are allowed)' },
  ]);
});

test('dates: leap days, the ends of the supported range, and a bad date right after the same good one', () => {
  expect(errorsOf(
    { period_start: '2024-02-29', period_end: '2024-02-29' },
    { period_start: '1900-01-01', period_end: '2099-12-31', partner: 'NP' },
  )).toEqual([]);
  expect(errorsOf(
    { period_start: '2023-02-01', period_end: '2023-02-29' },
    { period_start: '1899-12-31', period_end: '2100-01-01' },
    { period_start: '2023-1-01', period_end: '2023-04-31' },
    { period_start: '2023-01-01', period_end: '' },
    { period_start: '2023-03-01', period_end: '2023-02-28' },
  )).toEqual([
    { row: 2, column: 'period_end', message: '"2023-02-29" is not a real date of the form YYYY-MM-DD' },
    { row: 3, column: 'period_start', message: '1899-12-31 lies outside the supported dates 1900-01-01..2099-12-31' },
    { row: 3, column: 'period_end', message: '2100-01-01 lies outside the supported dates 1900-01-01..2099-12-31' },
    { row: 4, column: 'period_start', message: '"2023-1-01" is not a real date of the form YYYY-MM-DD' },
    { row: 4, column: 'period_end', message: '"2023-04-31" is not a real date of the form YYYY-MM-DD' },
    { row: 5, column: 'period_end', message: '"" is not a real date of the form YYYY-MM-DD' },
    { row: 6, column: 'period_end', message: '2023-02-28 is before period_start 2023-03-01' },
  ]);
});

test('growth and basis rules, every error of a row in column order', () => {
  expect(errorsOf(
    { growth_basis: 'percent' },
    { reported_yoy_growth_pct: '3' },
    { reported_yoy_growth_pct: '3', growth_basis: 'ratio' },
    { value: '', measure: 'nope', flow: 'both', unit: '' },
  )).toEqual([
    { row: 2, column: 'growth_basis', message: 'is given but reported_yoy_growth_pct is blank' },
    { row: 3, column: 'growth_basis', message: 'is blank but reported_yoy_growth_pct is given; say percent or multiple_rounded' },
    { row: 4, column: 'growth_basis', message: 'unknown growth basis "ratio" (percent or multiple_rounded)' },
    { row: 5, column: 'measure', message: 'unknown measure code "nope"' },
    { row: 5, column: 'flow', message: 'unknown flow (total, import or export) "both"' },
    { row: 5, column: 'unit', message: 'is empty; a unit (CNY_MN, USD_MN, NPR_MN, TONNES, COUNT, VEHICLE_TRIPS, PERSON_CROSSINGS, PERSONS_PER_DAY) is required' },
    { row: 5, column: 'value', message: 'is blank and no growth is given: the row publishes nothing' },
  ]);
});

test('a growth no never-negative figure can have: below -100 %, or -100 % with a value other than 0 (found by a helper)', () => {
  expect(errorsOf(
    { value: '123.4', reported_yoy_growth_pct: '-150', growth_basis: 'percent' },
    { value: '5', reported_yoy_growth_pct: '-100', growth_basis: 'percent' },
    { value: '', reported_yoy_growth_pct: '-100.01', growth_basis: 'multiple_rounded' },
    // Possible: a fall to zero, a fall of 99.99 %, a growth published alone, a rise.
    { value: '0', reported_yoy_growth_pct: '-100', growth_basis: 'percent', period_start: '2023-02-01', period_end: '2023-02-28' },
    { value: '0.00', reported_yoy_growth_pct: '-100.0', growth_basis: 'percent', period_start: '2023-03-01', period_end: '2023-03-31' },
    { value: '1', reported_yoy_growth_pct: '-99.99', growth_basis: 'percent', period_start: '2023-04-01', period_end: '2023-04-30' },
    { value: '', reported_yoy_growth_pct: '-100', growth_basis: 'percent', period_start: '2023-05-01', period_end: '2023-05-31' },
    { value: '7', reported_yoy_growth_pct: '250', growth_basis: 'multiple_rounded', period_start: '2023-06-01', period_end: '2023-06-30' },
  )).toEqual([
    { row: 2, column: 'reported_yoy_growth_pct', message: '-150 % is below -100 %: a figure that is never negative cannot fall by more than all of itself' },
    { row: 3, column: 'reported_yoy_growth_pct', message: 'is -100 % (a fall to zero) but value is 5, not 0' },
    { row: 4, column: 'reported_yoy_growth_pct', message: '-100.01 % is below -100 %: a figure that is never negative cannot fall by more than all of itself' },
  ]);
});

test('citations: rows citing the same source share it; a repeat is caught across a change of citation', () => {
  const { rows, errors } = validateObservationRecords(records(
    {},
    { partner: 'NP' },
    { source_title: 'other', source_url: 'https://example.org/a' },
    { source_title: 'other', source_url: 'https://example.org/a', partner: 'NP', note: 'a lower bound' },
    { partner: 'NP' },
  ), REFS);
  expect(errors).toEqual([{ row: 6, column: '(row)', message: 'repeats the figure of row 3 (same measure, subject, partner, flow, period, unit and source)' }]);
  expect(rows.map((r) => [r.line, r.source.title, r.source.url, r.source.date, r.status])).toEqual([
    [2, 'validate', null, '2024', 'REPORTED'], [3, 'validate', null, '2024', 'REPORTED'],
    [4, 'other', 'https://example.org/a', '2024', 'REPORTED'], [5, 'other', 'https://example.org/a', '2024', 'LOWER_BOUND'],
  ]);
  expect(rows[1].source).toBe(rows[0].source);
  expect(rows[2].source).not.toBe(rows[1].source);
});

test('repeats are found by every part of the key, and past what a numeric key holds (2,048 periods and citations, 16,384 partners)', () => {
  const repeatOf = (first: number) => ({ row: 0, column: '(row)', message: `repeats the figure of row ${first} (same measure, subject, partner, flow, period, unit and source)` });
  // Rows differing in one part of the key only are no repeats; the same key again is.
  const distinct = [{}, { partner: 'NP' }, { flow: 'import' }, { unit: 'USD_MN' }, { period_end: '2023-03-31' }, { period_start: '2022-01-01' }, { source_title: 'other' }];
  expect(errorsOf(...distinct)).toEqual([]);
  expect(errorsOf(...distinct, { flow: 'import' }, {})).toEqual([{ ...repeatOf(4), row: 9 }, { ...repeatOf(2), row: 10 }]);
  // 2,100 one-day periods: past the 2,048th, keys are compared as text, still exactly.
  const days = Array.from({ length: 2100 }, (_, i) => new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10));
  const byDay = days.map((d) => ({ period_start: d, period_end: d }));
  expect(errorsOf(...byDay)).toEqual([]);
  expect(errorsOf(...byDay, byDay[2099], byDay[5])).toEqual([{ ...repeatOf(2101), row: 2102 }, { ...repeatOf(7), row: 2103 }]);
  // 16,400 partners: past the 16,384th, series are keyed by text.
  const many = Array.from({ length: 16400 }, (_, i) => `P${i}`);
  const refs = { ...REFS, partners: new Set(many) };
  const rows = [...many.map((partner) => ({ partner })), { partner: 'P16399' }, { partner: 'P3' }];
  expect(validateObservationRecords(records(...rows), refs).errors).toEqual([{ ...repeatOf(16401), row: 16402 }, { ...repeatOf(5), row: 16403 }]);
});
