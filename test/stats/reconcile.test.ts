import { Decimal, toPlain } from '../../src/stats/decimal';
import { yoyGrowthPct } from '../../src/stats/growth';
import { classifyGrowth, ReconcileItem, reconcileGrowth } from '../../src/stats/reconcile';

const d = (s: string) => new Decimal(s);
const item = (id: string, reported: string | null, basis: ReconcileItem['basis'], computed: string | null): ReconcileItem => ({
  id,
  reportedPct: reported === null ? null : d(reported),
  basis,
  computedPct: computed === null ? null : d(computed),
});

describe('classifyGrowth', () => {
  it('percent within 0.5 pp', () => {
    // four ports: reported 80.2, computed from 4560 vs 2530.52 = 80.20 -> 0 pp
    const computed = yoyGrowthPct(d('4560'), d('2530.52')).pct;
    const r = classifyGrowth({ id: 'p', reportedPct: d('80.2'), basis: 'PERCENT', computedPct: computed });
    expect(r?.classification).toBe('WITHIN_TOLERANCE');
    expect(toPlain(r?.discrepancyPp as Decimal)).toBe('0');
    expect(toPlain(r?.tolerancePp as Decimal)).toBe('0.5');
  });

  it('percent beyond 0.5 pp', () => {
    // Xinhua 2014 border trade +2.18 % vs a computed 1.5 %: 0.68 pp > 0.5
    const r = classifyGrowth(item('b', '2.18', 'PERCENT', '1.5'));
    expect(r?.classification).toBe('BEYOND_TOLERANCE');
    expect(toPlain(r?.discrepancyPp as Decimal)).toBe('0.68');
  });

  it('rounded multiple within 10 pp', () => {
    // 1.2倍 = 120 reported, the figures give 128.4: -8.4 pp, within 10
    const r = classifyGrowth(item('m', '120', 'MULTIPLE_ROUNDED', '128.4'));
    expect(r?.classification).toBe('WITHIN_TOLERANCE');
    expect(toPlain(r?.discrepancyPp as Decimal)).toBe('-8.4');
  });

  it('tolerance override per basis', () => {
    expect(classifyGrowth(item('m', '120', 'MULTIPLE_ROUNDED', '128.4'), { MULTIPLE_ROUNDED: d('5') })?.classification).toBe('BEYOND_TOLERANCE');
    expect(classifyGrowth(item('b', '2.18', 'PERCENT', '1.5'), { PERCENT: d('1') })?.classification).toBe('WITHIN_TOLERANCE');
    // overriding one basis leaves the other at its default
    expect(toPlain(classifyGrowth(item('p', '1', 'PERCENT', '1'), { MULTIPLE_ROUNDED: d('5') })?.tolerancePp as Decimal)).toBe('0.5');
  });

  it('uncheckable and not applicable', () => {
    expect(classifyGrowth(item('u', '72.5', 'PERCENT', null))).toMatchObject({ classification: 'UNCHECKABLE', reason: 'NO_COMPUTED_GROWTH', discrepancyPp: null });
    expect(classifyGrowth(item('v', '72.5', null, '70'))).toMatchObject({ classification: 'UNCHECKABLE', reason: 'NO_GROWTH_BASIS' });
    expect(classifyGrowth(item('n', null, null, '10'))).toBeNull();
  });
});

describe('reconcileGrowth', () => {
  it('orders beyond-tolerance by |discrepancy| desc then id, then within, then uncheckable', () => {
    const out = reconcileGrowth([
      item('w1', '10', 'PERCENT', '10.2'), // -0.2 within
      item('b2', '10', 'PERCENT', '12'), // -2 beyond
      item('u1', '5', 'PERCENT', null), // uncheckable
      item('b1', '30', 'PERCENT', '27'), // +3 beyond
      item('b3', '5', 'PERCENT', '7'), // -2 beyond, ties with b2 -> by id
      item('m1', '120', 'MULTIPLE_ROUNDED', '135'), // -15 beyond
      item('x', null, null, '3'), // nothing reported: left out
      item('w2', '10', 'PERCENT', '10.5'), // -0.5 within (boundary)
      item('u0', '5', null, '5'), // uncheckable, no basis
    ]);
    expect(out.map((r) => r.id)).toEqual(['m1', 'b1', 'b2', 'b3', 'w2', 'w1', 'u0', 'u1']);
    expect(out.map((r) => r.classification)).toEqual([
      'BEYOND_TOLERANCE',
      'BEYOND_TOLERANCE',
      'BEYOND_TOLERANCE',
      'BEYOND_TOLERANCE',
      'WITHIN_TOLERANCE',
      'WITHIN_TOLERANCE',
      'UNCHECKABLE',
      'UNCHECKABLE',
    ]);
    expect(out.map((r) => (r.discrepancyPp === null ? null : toPlain(r.discrepancyPp)))).toEqual(['-15', '3', '-2', '-2', '-0.5', '-0.2', null, null]);
  });

  it('empty in, empty out', () => {
    expect(reconcileGrowth([])).toEqual([]);
  });
});
