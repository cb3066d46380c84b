import {
  addDays,
  comparePeriods,
  containsPeriod,
  daysInMonth,
  formatPeriod,
  isCalendarMonth,
  isIsoDate,
  monthPeriod,
  monthsOf,
  parsePeriod,
  Period,
  PeriodFormatError,
  periodDays,
  periodKind,
  priorComparablePeriod,
  validatePeriod,
} from '../../src/stats/period';

const P = (start: string, end: string): Period => ({ start, end });

describe('isIsoDate', () => {
  it('knows leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true); // 2024 divisible by 4
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false); // divisible by 100, not 400
    expect(isIsoDate('2000-02-29')).toBe(true); // divisible by 400
  });
  it('rejects impossible or malformed dates', () => {
    for (const s of ['2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-01', '20230101', '2023-01-01T00:00', '', '0000-01-01']) {
      expect(isIsoDate(s)).toBe(false);
    }
    expect(isIsoDate('2023-12-31')).toBe(true);
  });
});

describe('periodKind', () => {
  it.each<[string, string, string]>([
    ['2022-12-28', '2022-12-28', 'DAY'],
    ['2018-01-01', '2018-01-31', 'MONTH'],
    ['2024-02-01', '2024-02-29', 'MONTH'],
    ['2023-01-01', '2023-03-31', 'QUARTER'],
    ['2023-10-01', '2023-12-31', 'QUARTER'],
    ['2022-01-01', '2022-06-30', 'HALF'],
    ['2022-07-01', '2022-12-31', 'HALF'],
    ['2025-01-01', '2025-12-31', 'YEAR'],
    ['2023-01-01', '2023-11-30', 'YEAR_TO_DATE'],
    ['2016-01-01', '2016-02-29', 'YEAR_TO_DATE'],
    ['2021-01-01', '2021-09-30', 'YEAR_TO_DATE'],
    ['2023-07-16', '2024-07-15', 'NEPALI_FISCAL_YEAR'],
    ['2023-07-16', '2024-06-14', 'SPAN'], // eleven months of FY 2023/24
    ['2023-05-01', '2023-08-30', 'SPAN'],
    ['2023-09-01', '2024-08-31', 'SPAN'], // twelve whole months, not a calendar year
    ['2015-01-01', '2020-12-31', 'SPAN'], // several years
    ['2023-02-01', '2023-04-30', 'SPAN'], // three months, not a quarter
    ['2023-01-01', '2023-11-29', 'SPAN'], // not a month end
  ])('%s..%s is %s', (s, e, kind) => {
    expect(periodKind(P(s, e))).toBe(kind);
  });

  it('throws on an invalid period', () => {
    expect(() => periodKind(P('2023-02-30', '2023-03-01'))).toThrow(PeriodFormatError);
  });
});

describe('periodDays', () => {
  it('counts both ends', () => {
    expect(periodDays(P('2022-12-28', '2022-12-28'))).toBe(1);
    expect(periodDays(P('2024-01-01', '2024-12-31'))).toBe(366); // leap year
    expect(periodDays(P('2023-01-01', '2023-12-31'))).toBe(365);
    expect(periodDays(P('2024-01-01', '2024-02-29'))).toBe(60); // 31 + 29
    // 16 Jul 2023 .. 15 Jul 2024 contains 29 Feb 2024: 366 days
    expect(periodDays(P('2023-07-16', '2024-07-15'))).toBe(366);
    // 29 May .. 29 Oct 2019: 3 (May 29-31) + 30 + 31 + 31 + 30 + 29 = 154
    expect(periodDays(P('2019-05-29', '2019-10-29'))).toBe(154);
  });
});

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2023-10-31', 1)).toBe('2023-11-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('formatPeriod / parsePeriod', () => {
  const cases: [string, Period][] = [
    ['2022-12-28', P('2022-12-28', '2022-12-28')],
    ['2023-11', P('2023-11-01', '2023-11-30')],
    ['2024-02', P('2024-02-01', '2024-02-29')],
    ['2023-Q1', P('2023-01-01', '2023-03-31')],
    ['2023-Q2', P('2023-04-01', '2023-06-30')],
    ['2023-Q3', P('2023-07-01', '2023-09-30')],
    ['2023-Q4', P('2023-10-01', '2023-12-31')],
    ['2023-H1', P('2023-01-01', '2023-06-30')],
    ['2023-H2', P('2023-07-01', '2023-12-31')],
    ['2023', P('2023-01-01', '2023-12-31')],
    ['2023-01..2023-11', P('2023-01-01', '2023-11-30')],
    ['2016-01..2016-02', P('2016-01-01', '2016-02-29')],
    ['2023-09..2024-08', P('2023-09-01', '2024-08-31')],
    ['2015-01..2020-12', P('2015-01-01', '2020-12-31')],
    ['2023-05-01..2023-08-30', P('2023-05-01', '2023-08-30')],
    ['2019-05-29..2019-10-29', P('2019-05-29', '2019-10-29')],
    ['2023-07-16..2024-06-14', P('2023-07-16', '2024-06-14')],
    ['FY2023/24', P('2023-07-16', '2024-07-15')],
    ['FY1999/00', P('1999-07-16', '2000-07-15')],
  ];

  it.each(cases)('%s round-trips', (text, period) => {
    expect(formatPeriod(period)).toBe(text);
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(parsePeriod(text))).toBe(text);
  });

  it('accepts explicit spans of any kind and normalises on format', () => {
    expect(parsePeriod('2023-01..2023-03')).toEqual(P('2023-01-01', '2023-03-31'));
    expect(formatPeriod(parsePeriod('2023-01..2023-03'))).toBe('2023-Q1');
    expect(formatPeriod(parsePeriod('2023-01-01..2023-12-31'))).toBe('2023');
    expect(formatPeriod(parsePeriod('2023-07-16..2024-07-15'))).toBe('FY2023/24');
    expect(formatPeriod(parsePeriod('2023-11-01..2023-11-30'))).toBe('2023-11');
    expect(formatPeriod(parsePeriod('2022-12-28..2022-12-28'))).toBe('2022-12-28');
  });

  it.each<[string, RegExp]>([
    ['2023-02-29', /bad start date "2023-02-29"/],
    ['2023-13', /bad month "2023-13"/],
    ['2023-11-30..2023-01-01', /end 2023-01-01 before start 2023-11-30/],
    ['2023-11..2023-01', /end 2023-01-31 before start 2023-11-01/],
    ['2023-01-01..2023-02-30', /bad end date "2023-02-30"/],
    ['2023-Q5', /unknown form/],
    ['2023-H3', /unknown form/],
    ['FY2023/25', /fiscal year 2023 must end in 24, not 25/],
    ['Jan-Nov 2023', /unknown form/],
    ['2023-01-01..2023-11', /unknown form/],
    ['', /unknown form/],
  ])('rejects %j', (text, why) => {
    expect(() => parsePeriod(text)).toThrow(PeriodFormatError);
    expect(() => parsePeriod(text)).toThrow(why);
    expect(() => parsePeriod(text)).toThrow(`cannot parse period ${JSON.stringify(text)}`);
  });
});

describe('validatePeriod', () => {
  it('gives null or a reason', () => {
    expect(validatePeriod(P('2023-01-01', '2023-11-30'))).toBeNull();
    expect(validatePeriod(P('2023-02-29', '2023-03-01'))).toBe('bad start date "2023-02-29"');
    expect(validatePeriod(P('2023-01-01', '2023-11-31'))).toBe('bad end date "2023-11-31"');
    expect(validatePeriod(P('2023-11-30', '2023-01-01'))).toBe('end 2023-01-01 before start 2023-11-30');
  });
});

describe('priorComparablePeriod', () => {
  it('maps the leap day to 28 Feb of the year before', () => {
    // 2024-01-01..2024-02-29: 29 Feb is a month end -> 28 Feb 2023 (last day of Feb 2023)
    expect(priorComparablePeriod(P('2024-01-01', '2024-02-29'))).toEqual(P('2023-01-01', '2023-02-28'));
    expect(priorComparablePeriod(P('2024-02-29', '2024-02-29'))).toEqual(P('2023-02-28', '2023-02-28'));
  });
  it('maps a month end to the month end of a leap February', () => {
    // 28 Feb 2025 is the last day of Feb 2025 -> last day of Feb 2024 = 29th
    expect(priorComparablePeriod(P('2025-01-01', '2025-02-28'))).toEqual(P('2024-01-01', '2024-02-29'));
    // 28 Feb 2023 -> 28 Feb 2022 (both month ends, both the 28th)
    expect(priorComparablePeriod(P('2023-02-01', '2023-02-28'))).toEqual(P('2022-02-01', '2022-02-28'));
  });
  it('keeps other days of the month', () => {
    // 28 Feb 2024 is not a month end in 2024: keeps day 28
    expect(priorComparablePeriod(P('2024-02-28', '2024-02-28'))).toEqual(P('2023-02-28', '2023-02-28'));
    expect(priorComparablePeriod(P('2023-01-01', '2023-11-30'))).toEqual(P('2022-01-01', '2022-11-30'));
    expect(priorComparablePeriod(P('2023-07-16', '2024-07-15'))).toEqual(P('2022-07-16', '2023-07-15'));
    expect(priorComparablePeriod(P('2023-05-01', '2023-08-30'))).toEqual(P('2022-05-01', '2022-08-30'));
  });
  it('keeps the kind of whole-month periods', () => {
    const q = parsePeriod('2024-Q1');
    expect(formatPeriod(priorComparablePeriod(q))).toBe('2023-Q1');
    expect(formatPeriod(priorComparablePeriod(parsePeriod('2024-02')))).toBe('2023-02');
    expect(formatPeriod(priorComparablePeriod(parsePeriod('FY2023/24')))).toBe('FY2022/23');
  });
  it('throws on an invalid period', () => {
    expect(() => priorComparablePeriod(P('2023-11-30', '2023-01-01'))).toThrow(PeriodFormatError);
  });
});

describe('months', () => {
  it('monthsOf lists whole months or gives null', () => {
    expect(monthsOf(P('2023-11-01', '2024-02-29'))).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsOf(P('2023-01-01', '2023-01-31'))).toEqual(['2023-01']);
    expect(monthsOf(P('2023-01-01', '2023-11-30'))).toHaveLength(11);
    expect(monthsOf(P('2023-07-16', '2024-07-15'))).toBeNull();
    expect(monthsOf(P('2023-01-01', '2023-02-27'))).toBeNull();
    expect(monthsOf(P('2022-12-28', '2022-12-28'))).toBeNull();
  });
  it('monthPeriod gives the whole month', () => {
    expect(monthPeriod('2024-02')).toEqual(P('2024-02-01', '2024-02-29'));
    expect(monthPeriod('2023-02')).toEqual(P('2023-02-01', '2023-02-28'));
    expect(monthPeriod('2023-04')).toEqual(P('2023-04-01', '2023-04-30'));
    expect(() => monthPeriod('2023-13')).toThrow(PeriodFormatError);
    expect(() => monthPeriod('2023-1')).toThrow(PeriodFormatError);
  });
});

describe('containsPeriod / comparePeriods', () => {
  it('containment is inclusive', () => {
    const y = parsePeriod('2023');
    expect(containsPeriod(y, parsePeriod('2023-11'))).toBe(true);
    expect(containsPeriod(y, y)).toBe(true);
    expect(containsPeriod(y, parsePeriod('FY2023/24'))).toBe(false);
    expect(containsPeriod(parsePeriod('2023-11'), y)).toBe(false);
  });
  it('orders by start then end', () => {
    const list = ['2023', '2023-01..2023-11', '2022-12-28', '2023-Q1', '2023-05-01..2023-08-30'].map(parsePeriod);
    expect(list.sort(comparePeriods).map(formatPeriod)).toEqual([
      '2022-12-28',
      '2023-Q1',
      '2023-01..2023-11',
      '2023',
      '2023-05-01..2023-08-30',
    ]);
    expect(comparePeriods(parsePeriod('2023'), parsePeriod('2023-01..2023-12'))).toBe(0);
  });
});

describe('supported dates (1900-01-01..2099-12-31)', () => {
  test.each(['0001', '0001-03', '1899-12', 'FY2099/00', '2100-Q1', '1899-12-31..1900-01-31'])('%s is refused', (text) => {
    expect(() => parsePeriod(text)).toThrow(/outside the supported dates 1900-01-01\.\.2099-12-31/);
  });
  test.each([['1900', '1900-01-01'], ['2099-12', '2099-12-01'], ['FY2098/99', '2098-07-16']])('%s is accepted', (text, start) => {
    expect(parsePeriod(text).start).toBe(start);
  });
  test('a period in 1900 has its comparable prior in 1899, a valid period that no argument or stored figure may name', () => {
    const prior = priorComparablePeriod(parsePeriod('1900'));
    expect(prior).toEqual({ start: '1899-01-01', end: '1899-12-31' });
    expect([validatePeriod(prior), periodKind(prior), formatPeriod(prior)]).toEqual([null, 'YEAR', '1899']);
    expect(priorComparablePeriod(parsePeriod('1900-03'))).toEqual({ start: '1899-03-01', end: '1899-03-31' });
    // Priors of priors (an operation may nest prior { prior { ... } }) go on back, where nothing is stored.
    expect(priorComparablePeriod(priorComparablePeriod(prior))).toEqual({ start: '1897-01-01', end: '1897-12-31' });
    expect(validatePeriod({ start: '0001-01-01', end: '0001-12-31' })).toBeNull();
    expect(() => priorComparablePeriod({ start: '0001-01-01', end: '0001-12-31' })).toThrow(/no year before 0001-01-01/);
    expect(validatePeriod({ start: '2099-12-31', end: '2100-01-31' })).toMatch(/lies outside the supported dates/);
    expect(() => parsePeriod('1899')).toThrow(/outside the supported dates/);
  });
  test('validatePeriod says why', () => {
    expect(validatePeriod({ start: '2100-01-01', end: '2100-12-31' })).toBe('2100-01-01..2100-12-31 lies outside the supported dates 1900-01-01..2099-12-31');
    expect(validatePeriod({ start: '2023-01-01', end: '2023-12-31' })).toBeNull();
  });
});

test('isCalendarMonth: the 1st to the last day of one month, leap years included; the same as periodKind MONTH', () => {
  expect(isCalendarMonth('2024-02-01', '2024-02-29')).toBe(true);
  expect(isCalendarMonth('2023-02-01', '2023-02-28')).toBe(true);
  expect(isCalendarMonth('2024-02-01', '2024-02-28')).toBe(false);
  expect(isCalendarMonth('2023-11-01', '2023-11-30')).toBe(true);
  expect(isCalendarMonth('2021-07-01', '2021-09-30')).toBe(false);
  expect(isCalendarMonth('2021-08-01', '2021-08-15')).toBe(false);
  expect(isCalendarMonth('2021-08-02', '2021-08-31')).toBe(false);
  expect(isCalendarMonth('2020-12-01', '2021-12-31')).toBe(false);
  expect(isCalendarMonth('2021', '2021-12-31')).toBe(false);
  // Agrees with periodKind on every valid period from the 1st or 2nd of each month of 2023–2024 to the last, second last or 15th day of a month.
  for (let y = 2023; y <= 2024; y++) {
    for (let m = 1; m <= 12; m++) {
      for (const sd of [1, 2]) {
        for (const [ey, em] of [[y, m], [y, m + 1], [y + 1, m]]) {
          if (em > 12) continue;
          for (const ed of [daysInMonth(ey, em), daysInMonth(ey, em) - 1, 15]) {
            const p = { start: `${y}-${String(m).padStart(2, '0')}-0${sd}`, end: `${ey}-${String(em).padStart(2, '0')}-${String(ed).padStart(2, '0')}` };
            if (validatePeriod(p) !== null) continue;
            expect({ p, month: isCalendarMonth(p.start, p.end) }).toEqual({ p, month: periodKind(p) === 'MONTH' });
          }
        }
      }
    }
  }
});
