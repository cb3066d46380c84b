/** SeriesNumbers (src/stats/series.ts): equal series get equal numbers, different ones different, and none past a field's width. */
import { SeriesNumbers, SERIES_NUMBER_BITS, SERIES_NUMBER_ROOM } from '../../src/stats/series';

test('one number per series, different for a change in any of its five codes, all below 2^42', () => {
  const s = new SeriesNumbers();
  const base = ['XZ', 'NP', 'trade_value', 'CNY_MN', 'import'] as const;
  const n = s.numberOf(...base);
  expect(n).toBe(0);
  expect(s.numberOf('XZ', 'NP', 'trade_value', 'CNY_MN', 'import')).toBe(n);
  const variants = [
    s.numberOf('CN-GYIRONG', 'NP', 'trade_value', 'CNY_MN', 'import'), s.numberOf('XZ', 'IN', 'trade_value', 'CNY_MN', 'import'),
    s.numberOf('XZ', 'NP', 'cargo_weight', 'CNY_MN', 'import'), s.numberOf('XZ', 'NP', 'trade_value', 'USD_MN', 'import'),
    s.numberOf('XZ', 'NP', 'trade_value', 'CNY_MN', 'export'),
  ];
  // Ids in order of first sight: the second subject is 1 << 28, the second partner 1 << 14, and so on.
  expect(variants).toEqual([2 ** 28, 2 ** 14, 2 ** 6, 2 ** 2, 1]);
  expect(SERIES_NUMBER_BITS + Math.log2(SERIES_NUMBER_ROOM)).toBe(53);
});

test('null once a field has more codes than its bits hold; the codes before keep their numbers', () => {
  const s = new SeriesNumbers();
  for (let i = 0; i < 4; i++) expect(s.numberOf('XZ', 'NP', 'trade_value', 'CNY_MN', `flow${i}`)).toBe(i);
  expect(s.numberOf('XZ', 'NP', 'trade_value', 'CNY_MN', 'flow4')).toBeNull();
  expect(s.numberOf('XZ', 'NP', 'trade_value', 'CNY_MN', 'flow3')).toBe(3);
  let last: number | null = 0;
  // NP has id 0: 16,383 more partners fill the 14 bits.
  for (let i = 1; i < 2 ** 14; i++) last = s.numberOf('XZ', `P${i}`, 'trade_value', 'CNY_MN', 'flow0');
  expect(last).toBe((2 ** 14 - 1) * 2 ** 14);
  expect(s.numberOf('XZ', 'P-one-too-many', 'trade_value', 'CNY_MN', 'flow0')).toBeNull();
  expect(Number.isSafeInteger((2 ** 14 - 1) * 2 ** 28 + (2 ** 14 - 1) * 2 ** 14 + 2 ** 14 - 1)).toBe(true);
});
