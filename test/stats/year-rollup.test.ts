/**
 * YearRollupBuilder and subjectYearRollup (src/totals/year-rollup.ts) on hand-worked figures (made
 * up, not real data). That the builder's rows equal refreshYearRollup's own from stored figures is
 * test/rollup.test.ts's.
 */
import { RollupFigure, subjectYearRollup, YearRollupBuilder, YearRollupRow } from '../../src/totals/year-rollup';

const fig = (partial: Partial<RollupFigure>): RollupFigure => ({
  subject: 'XZ', measure: 'trade_value', partner: 'NP', flow: 'import', unit: 'CNY_MN', periodStart: '2021-01-01', periodEnd: '2021-01-31',
  value: '1', status: 'REPORTED', source: { date: null }, ...partial,
});

test('one row per key and year, months in place, totals exact; figures without a value or of other periods left out', () => {
  const b = new YearRollupBuilder();
  b.add(fig({ periodStart: '2021-03-01', periodEnd: '2021-03-31', value: '0.1' }));
  b.add(fig({ periodStart: '2021-12-01', periodEnd: '2021-12-31', value: '0.2' }));
  b.add(fig({ periodStart: '2021-07-01', periodEnd: '2021-07-31', value: null }));
  b.add(fig({ periodStart: '2021-07-01', periodEnd: '2021-09-30', value: '700' }));
  b.add(fig({ periodStart: '2022-01-01', periodEnd: '2022-01-31', value: '5' }));
  b.add(fig({ flow: 'export', value: '7.50' }));
  expect(b.rows()).toEqual([
    { subjectCode: 'XZ', measureCode: 'trade_value', unit: 'CNY_MN', year: 2021, flow: 'import', partnerCode: 'NP',
      months: [null, null, '0.1', null, null, null, null, null, null, null, null, '0.2'], total: '0.3', monthCount: 2 },
    { subjectCode: 'XZ', measureCode: 'trade_value', unit: 'CNY_MN', year: 2022, flow: 'import', partnerCode: 'NP',
      months: ['5', null, null, null, null, null, null, null, null, null, null, null], total: '5', monthCount: 1 },
    { subjectCode: 'XZ', measureCode: 'trade_value', unit: 'CNY_MN', year: 2021, flow: 'export', partnerCode: 'NP',
      months: ['7.50', null, null, null, null, null, null, null, null, null, null, null], total: '7.50', monthCount: 1 },
  ]);
});

test('of two figures of one key and month, the preferred: status, then the later dated source, then the one written first', () => {
  const january = (value: string, status: RollupFigure['status'], date: string | null) => fig({ value, status, source: { date } });
  const pick = (...figures: RollupFigure[]) => {
    const b = new YearRollupBuilder();
    for (const f of figures) b.add(f);
    return b.rows()[0].months[0];
  };
  expect(pick(january('1', 'PROVISIONAL', '2022'), january('2', 'REPORTED', null))).toBe('2');
  expect(pick(january('1', 'REPORTED', null), january('2', 'REPORTED', '2020'))).toBe('2');
  expect(pick(january('1', 'REPORTED', '2021-06'), january('2', 'REPORTED', '2021-06-30'))).toBe('2');
  expect(pick(january('1', 'REPORTED', '2021-06-30'), january('2', 'REPORTED', '2021-06'))).toBe('1');
  expect(pick(january('1', 'REPORTED', '2021'), january('2', 'REPORTED', '2021'))).toBe('1');
  expect(pick(january('2', 'REPORTED', '2021'), january('1', 'REPORTED', '2021'))).toBe('2');
  expect(pick(january('1', 'LOWER_BOUND', '2021'), january('2', 'ESTIMATED', '2020'), january('3', 'DERIVED', null))).toBe('3');
});

test('keys with more codes than a numeric key holds are kept apart by text, as the others are', () => {
  const b = new YearRollupBuilder();
  for (let i = 0; i < 2 ** 14 + 2; i++) b.add(fig({ partner: `P${i}`, value: String(i) }));
  b.add(fig({ partner: `P${2 ** 14 + 1}`, periodStart: '2021-02-01', periodEnd: '2021-02-28', value: '0.5' }));
  b.add(fig({ partner: 'P0', periodStart: '2021-02-01', periodEnd: '2021-02-28', value: '0.5' }));
  const rows = b.rows();
  expect(rows).toHaveLength(2 ** 14 + 2);
  expect(rows[0]).toMatchObject({ partnerCode: 'P0', total: '0.5', monthCount: 2 });
  expect(rows[2 ** 14 + 1]).toMatchObject({ partnerCode: `P${2 ** 14 + 1}`, months: [String(2 ** 14 + 1), '0.5', null, null, null, null, null, null, null, null, null, null], total: '16385.5' });
});

test('subjectYearRollup: month by month sums over country partners only, with how many values each adds', () => {
  const row = (partnerCode: string, months: (string | null)[], flow = 'import'): YearRollupRow => ({
    subjectCode: 'XZ', measureCode: 'trade_value', unit: 'CNY_MN', year: 2021, flow, partnerCode, months: [...months, ...Array(12 - months.length).fill(null)],
    total: 'unused', monthCount: 0,
  });
  const rows = [
    row('NP', ['10.5', '11', null]),
    row('IN', ['5', null, null]),
    row('ALL', ['99', '99', '99']),
    row('GROUP-BRI', ['1000']),
    row('NP', ['7'], 'export'),
    row('ALL', ['1'], 'total'),
  ];
  expect(subjectYearRollup(rows, new Set(['NP', 'IN']))).toEqual([
    { subjectCode: 'XZ', measureCode: 'trade_value', unit: 'CNY_MN', year: 2021, flow: 'import',
      months: ['15.5', '11', null, null, null, null, null, null, null, null, null, null], counts: [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    { subjectCode: 'XZ', measureCode: 'trade_value', unit: 'CNY_MN', year: 2021, flow: 'export',
      months: ['7', null, null, null, null, null, null, null, null, null, null, null], counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  ]);
});
