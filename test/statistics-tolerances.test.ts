/** Tolerances of the growth reconciliation as the API and `npm run reconcile` read them (tolerancesOf). */
import { tolerancesOf } from '../src/statistics/reconciliation.service';
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
