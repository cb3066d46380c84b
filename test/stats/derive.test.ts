import { Decimal, toPlain } from '../../src/stats/decimal';
import { DerivationError, DerivInput, differenceOfCumulative, differencePair, sumOfMonths } from '../../src/stats/derive';
import { formatPeriod, monthPeriod, parsePeriod } from '../../src/stats/period';

const d = (s: string) => new Decimal(s);
const obs = (id: string, period: string, value: string | null, status: DerivInput['status'] = 'REPORTED'): DerivInput => ({
  id,
  period: parsePeriod(period),
  value: value === null ? null : d(value),
  status,
});

describe('differenceOfCumulative', () => {
  it('Jan-Nov minus Jan-Oct gives November', () => {
    // 4560 (four ports Jan-Nov 2023) - 4100 (an illustrative Jan-Oct figure) = 460 for 2023-11
    const r = differenceOfCumulative(obs('a', '2023-01..2023-11', '4560'), obs('b', '2023-01..2023-10', '4100'));
    expect(r.period).toEqual({ start: '2023-11-01', end: '2023-11-30' });
    expect(formatPeriod(r.period)).toBe('2023-11');
    expect(toPlain(r.value as Decimal)).toBe('460');
    expect(r.status).toBe('DERIVED');
    expect(r.method).toBe('DIFFERENCE');
    expect(r.inputs).toEqual(['a', 'b']);
  });

  it('real figures: Xizang 2021 Jan-Nov 3650 minus Jan-Sep 2614 = 1036 for Oct-Nov', () => {
    const r = differenceOfCumulative(obs('n', '2021-01..2021-11', '3650'), obs('s', '2021-01..2021-09', '2614'));
    expect(formatPeriod(r.period)).toBe('2021-10..2021-11');
    expect(toPlain(r.value as Decimal)).toBe('1036');
  });

  it('real figures: Xizang-Nepal 2014 full year 12200 minus Jan-Nov 10650 = 1550 for December', () => {
    const r = differenceOfCumulative(obs('y', '2014', '12200'), obs('jn', '2014-01..2014-11', '10650'));
    expect(formatPeriod(r.period)).toBe('2014-12');
    expect(toPlain(r.value as Decimal)).toBe('1550');
  });

  it('works for non-month spans and leap years', () => {
    // cumulative since 29 May: ..29 Oct minus ..31 Aug -> 1 Sep..29 Oct; 100.5 - 60.25 = 40.25
    const r = differenceOfCumulative(obs('l', '2019-05-29..2019-10-29', '100.5'), obs('e', '2019-05-29..2019-08-31', '60.25'));
    expect(r.period).toEqual({ start: '2019-09-01', end: '2019-10-29' });
    expect(toPlain(r.value as Decimal)).toBe('40.25');
    // Jan-Mar 2024 minus Jan-Feb 2024 (ends on the leap day) -> March 2024
    const q = differenceOfCumulative(obs('q', '2024-Q1', '30'), obs('jf', '2024-01..2024-02', '18'));
    expect(formatPeriod(q.period)).toBe('2024-03');
  });

  it('propagates status: a lower-bound subtrahend gives ESTIMATED, a lower-bound minuend LOWER_BOUND', () => {
    expect(differenceOfCumulative(obs('a', '2023', '5000'), obs('b', '2023-01..2023-11', '4560', 'LOWER_BOUND')).status).toBe('ESTIMATED');
    expect(differenceOfCumulative(obs('a', '2023', '5000', 'LOWER_BOUND'), obs('b', '2023-01..2023-11', '4560')).status).toBe('LOWER_BOUND');
  });

  it('a missing value gives a null value but keeps the period', () => {
    const r = differenceOfCumulative(obs('a', '2023-01..2023-09', null), obs('b', '2023-01..2023-08', '100'));
    expect(r.value).toBeNull();
    expect(formatPeriod(r.period)).toBe('2023-09');
  });

  it('rejects different starts and wrong order', () => {
    expect(() => differenceOfCumulative(obs('a', '2023-01..2023-11', '1'), obs('b', '2023-02..2023-10', '1'))).toThrow(DerivationError);
    expect(() => differenceOfCumulative(obs('a', '2023-01..2023-11', '1'), obs('b', '2023-02..2023-10', '1'))).toThrow(/starts differ/);
    expect(() => differenceOfCumulative(obs('a', '2023-01..2023-10', '1'), obs('b', '2023-01..2023-11', '1'))).toThrow(/must end strictly before/);
    expect(() => differenceOfCumulative(obs('a', '2023-01..2023-10', '1'), obs('b', '2023-01..2023-10', '1'))).toThrow(DerivationError);
    const bad: DerivInput = { id: 'x', period: { start: '2023-01-01', end: '2023-02-30' }, value: d('1'), status: 'REPORTED' };
    expect(() => differenceOfCumulative(bad, obs('b', '2023-01', '1'))).toThrow(/invalid period/);
  });
});

describe('sumOfMonths', () => {
  const q1 = parsePeriod('2024-Q1');

  it('sums a complete set of months (leap February included)', () => {
    // 10.5 + 20.25 + 30 = 60.75
    const r = sumOfMonths(q1, [obs('m3', '2024-03', '30'), obs('m1', '2024-01', '10.5'), obs('m2', '2024-02', '20.25')]);
    expect(toPlain(r.value as Decimal)).toBe('60.75');
    expect(r.missingMonths).toEqual([]);
    expect(r.status).toBe('DERIVED');
    expect(r.method).toBe('SUM');
    expect(r.inputs).toEqual(['m1', 'm2', 'm3']);
    expect(r.period).toEqual({ start: '2024-01-01', end: '2024-03-31' });
  });

  it('a missing month gives null and names the month', () => {
    const r = sumOfMonths(q1, [obs('m1', '2024-01', '10'), obs('m3', '2024-03', '30')]);
    expect(r.value).toBeNull();
    expect(r.missingMonths).toEqual(['2024-02']);
    expect(r.inputs).toEqual(['m1', 'm3']);
  });

  it('a month without a value counts as missing', () => {
    const r = sumOfMonths(q1, [obs('m1', '2024-01', '10'), obs('m2', '2024-02', null), obs('m3', '2024-03', '30')]);
    expect(r.value).toBeNull();
    expect(r.missingMonths).toEqual(['2024-02']);
  });

  it('no inputs: every month missing', () => {
    const r = sumOfMonths(parsePeriod('2023-11..2024-01'), []);
    expect(r.missingMonths).toEqual(['2023-11', '2023-12', '2024-01']);
    expect(r.value).toBeNull();
  });

  it('propagates a lower bound', () => {
    const r = sumOfMonths(parsePeriod('2023-01..2023-02'), [obs('a', '2023-01', '5'), obs('b', '2023-02', '7', 'LOWER_BOUND')]);
    expect(toPlain(r.value as Decimal)).toBe('12');
    expect(r.status).toBe('LOWER_BOUND');
  });

  it('rejects bad targets and inputs', () => {
    expect(() => sumOfMonths(parsePeriod('FY2023/24'), [])).toThrow(/not a whole number of calendar months/);
    expect(() => sumOfMonths(q1, [obs('x', '2024-01..2024-02', '1')])).toThrow(/not exactly one calendar month/);
    expect(() => sumOfMonths(q1, [obs('x', '2024-01-01..2024-01-30', '1')])).toThrow(DerivationError);
    expect(() => sumOfMonths(q1, [obs('x', '2024-04', '1')])).toThrow(/outside the target/);
    expect(() => sumOfMonths(q1, [obs('x', '2024-01', '1'), obs('y', '2024-01', '2')])).toThrow(/x and y both cover 2024-01/);
    expect(monthPeriod('2024-02')).toEqual(parsePeriod('2024-02'));
  });
});

describe('differencePair', () => {
  const c = (period: string, tag: string) => ({ period: parsePeriod(period), tag });

  it('Xizang 2021: Jan-Nov and Jan-Sep give Oct-Nov', () => {
    const p = differencePair(parsePeriod('2021-10..2021-11'), [c('2021-01..2021-11', 'nov'), c('2021-01..2021-09', 'sep'), c('2021-01..2021-10', 'oct')]);
    expect(p && [p.later.tag, p.earlier.tag]).toEqual(['nov', 'sep']);
  });

  it('December from a full year and Jan-Nov', () => {
    const p = differencePair(parsePeriod('2014-12'), [c('2014', 'year'), c('2014-01..2014-11', 'ytd')]);
    expect(p && [p.later.tag, p.earlier.tag]).toEqual(['year', 'ytd']);
  });

  it('the latest common start wins; a pair with different starts does not fit', () => {
    const target = parsePeriod('2016-11..2016-12');
    const cands = [c('2015-01-01..2016-12-31', 'long-later'), c('2015-01-01..2016-10-31', 'long-earlier'), c('2016', 'year'), c('2016-01..2016-10', 'ytd')];
    const p = differencePair(target, cands);
    expect(p && [p.later.tag, p.earlier.tag]).toEqual(['year', 'ytd']);
    expect(differencePair(target, [c('2016', 'year'), c('2015-01-01..2016-10-31', 'other-start')])).toBeNull();
  });

  it('null when the earlier figure does not end the day before the target, or nothing fits', () => {
    expect(differencePair(parsePeriod('2023-11'), [c('2023-01..2023-11', 'a'), c('2023-01..2023-09', 'b')])).toBeNull();
    expect(differencePair(parsePeriod('2023-11'), [])).toBeNull();
  });
});
