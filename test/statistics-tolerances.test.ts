/** Tolerances of the growth reconciliation as the API and `npm run reconcile` read them (tolerancesOf). */
import 'reflect-metadata';
import { tolerancesOf } from '../src/statistics/reconciliation.service';
import { asOfArg } from '../src/statistics/derivation.service';
import { toPlain } from '../src/stats/decimal';

describe('tolerancesOf', () => {
  test('defaults 0.5 pp (percent) and 10 pp (multiple); given values kept exactly', () => {
    const d = tolerancesOf(undefined, null);
    expect([toPlain(d.percentPp), toPlain(d.multipleRoundedPp)]).toEqual(['0.5', '10']);
    const t = tolerancesOf('0.0000000001', '12345678901234567890');
    expect([toPlain(t.percentPp), toPlain(t.multipleRoundedPp)]).toEqual(['0.0000000001', '12345678901234567890']);
  });

  test('refuses, naming the argument: malformed, negative, or more digits than a figure has (the value that once held the server)', () => {
    expect(() => tolerancesOf('1e5', undefined)).toThrow('argument "tolerance.percentPp": not a plain decimal: "1e5" (exponent notation is not allowed)');
    expect(() => tolerancesOf(undefined, '-1', { percentPp: '--percent-pp', multipleRoundedPp: '--multiple-pp' })).toThrow('argument "--multiple-pp": must not be negative, got -1');
    expect(() => tolerancesOf(`0.${'0'.repeat(80_000)}1`, undefined)).toThrow('argument "tolerance.percentPp": has more digits than any figure needs (at most 20 before the point and 10 after)');
    expect(() => tolerancesOf('0.00000000001', undefined)).toThrow(/has more digits/);
    expect(() => tolerancesOf('-0', undefined)).toThrow('argument "tolerance.percentPp": must not be negative, got -0 (write 0)');
  });
});

describe('asOfArg (npm run reconcile --as-of, which no scalar checks)', () => {
  test('a real date from 1900 to 2099 is kept; absent is null', () => {
    expect(asOfArg('2024-02-29', '--as-of')).toBe('2024-02-29');
    expect(asOfArg(undefined)).toBeNull();
  });
  test.each([
    ['2023-02-30', 'argument "--as-of": 2023-02-30 is not a real date'],
    ['2100-01-01', 'argument "--as-of": 2100-01-01 lies outside the supported dates 1900-01-01..2099-12-31'],
    ['1899-12-31', 'argument "--as-of": 1899-12-31 lies outside the supported dates 1900-01-01..2099-12-31'],
    ['yesterday', 'argument "--as-of": expected YYYY-MM-DD, got "yesterday"'],
  ])('%s is refused before any SQL, naming the option', (text, message) => {
    expect(() => asOfArg(text, '--as-of')).toThrow(message);
  });
});
