import { Decimal, toPlain } from '../../src/stats/decimal';
import { choosePreferred, comparePreference, ConflictCandidate, ConflictInputError } from '../../src/stats/conflict';

const d = (s: string) => new Decimal(s);
const c = (id: string, value: string | null, status: ConflictCandidate['status'], sourceDate: string | null): ConflictCandidate => ({
  id,
  value: value === null ? null : d(value),
  status,
  sourceDate,
});

describe('choosePreferred', () => {
  it('real 2014 conflict: border_trade_value XZ, Xinhua 12100 (2015-02-25) vs yearbook 12174.39 (undated)', () => {
    const xinhua = c('2', '12100', 'REPORTED', '2015-02-25');
    const yearbook = c('3', '12174.39', 'REPORTED', null);
    for (const order of [[xinhua, yearbook], [yearbook, xinhua]]) {
      const r = choosePreferred(order);
      expect(r.preferred).toBe(xinhua); // dated source beats undated yearbook
      expect(r.alternatives).toEqual([yearbook]);
      expect(r.conflict).toBe(true);
      // 12174.39 - 12100 = 74.39
      expect(toPlain(r.spreadAbs as Decimal)).toBe('74.39');
      // 74.39 x 100 / 12100 = 0.61479.. -> 0.61
      expect(toPlain(r.spreadRelPct as Decimal)).toBe('0.61');
    }
  });

  it('real 2014 Xizang-Nepal: 12200 reported beats 10000 lower bound even though the bound is a later source', () => {
    const ecns = c('7', '12200', 'REPORTED', '2015-07-21');
    const lb = c('9', '10000', 'LOWER_BOUND', '2016-03-05');
    const r = choosePreferred([lb, ecns]);
    expect(r.preferred.id).toBe('7');
    // 12200 - 10000 = 2200; 2200 x 100 / 12200 = 18.0327.. -> 18.03
    expect(toPlain(r.spreadAbs as Decimal)).toBe('2200');
    expect(toPlain(r.spreadRelPct as Decimal)).toBe('18.03');
  });

  it('a value beats no value, whatever the status', () => {
    const r = choosePreferred([c('1', null, 'REPORTED', '2024-01-01'), c('2', '5', 'ESTIMATED', null)]);
    expect(r.preferred.id).toBe('2');
    expect(r.conflict).toBe(false);
    expect(toPlain(r.spreadAbs as Decimal)).toBe('0');
  });

  it('later publication date wins; partial dates compare as text', () => {
    expect(choosePreferred([c('1', '10', 'REPORTED', '2015-02-25'), c('2', '11', 'REPORTED', '2016-03-05')]).preferred.id).toBe('2');
    expect(choosePreferred([c('1', '10', 'REPORTED', '2016-03'), c('2', '11', 'REPORTED', '2016-02-28')]).preferred.id).toBe('1');
    // same month, the exact date is more precise
    expect(choosePreferred([c('1', '10', 'REPORTED', '2016-03'), c('2', '11', 'REPORTED', '2016-03-05')]).preferred.id).toBe('2');
    expect(choosePreferred([c('1', '10', 'REPORTED', '2016'), c('2', '11', 'REPORTED', '2016-01')]).preferred.id).toBe('2');
  });

  it('status order REPORTED > PROVISIONAL > DERIVED > ESTIMATED > LOWER_BOUND', () => {
    const r = choosePreferred([
      c('1', '1', 'LOWER_BOUND', '2020-01-01'),
      c('2', '2', 'ESTIMATED', '2020-01-01'),
      c('3', '3', 'DERIVED', '2020-01-01'),
      c('4', '4', 'PROVISIONAL', '2020-01-01'),
      c('5', '5', 'REPORTED', '2019-01-01'),
    ]);
    expect([r.preferred, ...r.alternatives].map((x) => x.id)).toEqual(['5', '4', '3', '2', '1']);
    // spread 5 - 1 = 4; 4 x 100 / 5 = 80.00
    expect(toPlain(r.spreadRelPct as Decimal)).toBe('80');
  });

  it('ties go to the smaller id, numerically for digit ids', () => {
    // the two identical four-port rows (4560, +80.2 %), same date
    const r = choosePreferred([c('10', '4560', 'REPORTED', '2024-01-16'), c('9', '4560.0', 'REPORTED', '2024-01-16')]);
    expect(r.preferred.id).toBe('9'); // 9 < 10 numerically
    expect(r.conflict).toBe(false); // 4560 equals 4560.0
    expect(toPlain(r.spreadAbs as Decimal)).toBe('0');
    expect(toPlain(r.spreadRelPct as Decimal)).toBe('0');
    expect(comparePreference(c('a', '1', 'REPORTED', null), c('b', '1', 'REPORTED', null))).toBeLessThan(0);
  });

  it('spreads are null without values; relative spread null for a zero preferred value', () => {
    const none = choosePreferred([c('1', null, 'REPORTED', null), c('2', null, 'REPORTED', '2020')]);
    expect(none.preferred.id).toBe('2');
    expect(none.spreadAbs).toBeNull();
    expect(none.spreadRelPct).toBeNull();
    expect(none.conflict).toBe(false);
    const zero = choosePreferred([c('1', '0', 'REPORTED', '2021-01-01'), c('2', '3', 'REPORTED', '2020-01-01')]);
    expect(zero.preferred.id).toBe('1');
    expect(toPlain(zero.spreadAbs as Decimal)).toBe('3');
    expect(zero.spreadRelPct).toBeNull();
  });

  it('a single candidate', () => {
    const r = choosePreferred([c('1', '13850', 'REPORTED', '2015-02-25')]);
    expect(r.alternatives).toEqual([]);
    expect(r.conflict).toBe(false);
  });

  it('rejects bad input', () => {
    expect(() => choosePreferred([])).toThrow(ConflictInputError);
    expect(() => choosePreferred([c('1', '1', 'REPORTED', '25/02/2015')])).toThrow(/bad source date "25\/02\/2015"/);
    expect(() => choosePreferred([c('1', '1', 'WHATEVER' as ConflictCandidate['status'], null)])).toThrow(/unknown status/);
  });
});
