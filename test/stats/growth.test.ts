import { Decimal, divideRounded, toPlain } from '../../src/stats/decimal';
import { seededInts } from '../support/seeded';
import {
  DEFAULT_TOLERANCE_PP,
  growthDiscrepancyPp,
  impliedPriorValue,
  multipleRoundingBandPct,
  multipleToPercent,
  withinTolerance,
  yoyGrowthPct,
  yoyGrowthPctText,
} from '../../src/stats/growth';

const d = (s: string) => new Decimal(s);
const plain = (x: Decimal | null) => (x === null ? null : toPlain(x));

describe('yoyGrowthPct', () => {
  it('computes (current/prior - 1) x 100 to 2 dp', () => {
    // 300 / 200 = 1.5 -> +50.00 %
    expect(plain(yoyGrowthPct(d('300'), d('200')).pct)).toBe('50');
    // four ports Jan-Nov 2023: 4560 vs implied prior 2530.52:
    // (4560 - 2530.52) x 100 / 2530.52 = 202948 / 2530.52 = 80.2001169.. -> 80.20
    expect(plain(yoyGrowthPct(d('4560'), d('2530.52')).pct)).toBe('80.2');
    expect(yoyGrowthPct(d('4560'), d('2530.52')).nullReason).toBeNull();
  });

  it('handles negative growth (Xizang 2014)', () => {
    // 13850 vs 20659.31: -6809.31 x 100 / 20659.31 = -32.9600068.. -> -32.96
    expect(plain(yoyGrowthPct(d('13850'), d('20659.31')).pct)).toBe('-32.96');
    // halving: 100 vs 200 -> -50.00
    expect(plain(yoyGrowthPct(d('100'), d('200')).pct)).toBe('-50');
  });

  it('rounds exact ties half away from zero', () => {
    // 200.01 vs 200: 0.01 x 100 / 200 = 0.005 -> 0.01
    expect(plain(yoyGrowthPct(d('200.01'), d('200')).pct)).toBe('0.01');
    // 199.99 vs 200: -0.005 -> -0.01
    expect(plain(yoyGrowthPct(d('199.99'), d('200')).pct)).toBe('-0.01');
    // 1 vs 3: (1-3)/3 x 100 = -66.666.. -> -66.67
    expect(plain(yoyGrowthPct(d('1'), d('3')).pct)).toBe('-66.67');
  });

  it('reports why growth is null', () => {
    expect(yoyGrowthPct(null, d('200'))).toEqual({ pct: null, nullReason: 'NO_CURRENT_VALUE' });
    expect(yoyGrowthPct(null, undefined)).toEqual({ pct: null, nullReason: 'NO_CURRENT_VALUE' });
    expect(yoyGrowthPct(d('300'), undefined)).toEqual({ pct: null, nullReason: 'NO_PRIOR_OBSERVATION' });
    expect(yoyGrowthPct(d('300'), null)).toEqual({ pct: null, nullReason: 'PRIOR_VALUE_MISSING' });
    // a base of 0: growth undefined
    expect(yoyGrowthPct(d('300'), d('0'))).toEqual({ pct: null, nullReason: 'PRIOR_VALUE_ZERO' });
    expect(yoyGrowthPct(d('0'), d('0.00'))).toEqual({ pct: null, nullReason: 'PRIOR_VALUE_ZERO' });
  });

  it('a current value of 0 is -100 %', () => {
    expect(plain(yoyGrowthPct(d('0'), d('250')).pct)).toBe('-100');
  });
});

describe('yoyGrowthPctText (what lists of totals show)', () => {
  it('gives the plain text of the same growth, worked out by hand', () => {
    expect(yoyGrowthPctText('4560', '2530.52')).toEqual({ pct: '80.2', nullReason: null });
    expect(yoyGrowthPctText('13850', '20659.31')).toEqual({ pct: '-32.96', nullReason: null });
    expect(yoyGrowthPctText('300', '200')).toEqual({ pct: '50', nullReason: null });
    expect(yoyGrowthPctText('199.99', '200')).toEqual({ pct: '-0.01', nullReason: null });
    expect(yoyGrowthPctText('0', '250')).toEqual({ pct: '-100', nullReason: null });
    // -0.0001 x 100 / 100 = -0.0001 -> -0.00 at 2 dp: zero, never "-0"
    expect(yoyGrowthPctText('99.9999', '100')).toEqual({ pct: '0', nullReason: null });
    // 0.00000000000000000001 more than a prior of 3: 3.3e-19 % -> 0
    expect(yoyGrowthPctText('3.00000000000000000001', '3')).toEqual({ pct: '0', nullReason: null });
  });

  it('gives the same null reasons', () => {
    expect(yoyGrowthPctText(null, '200')).toEqual({ pct: null, nullReason: 'NO_CURRENT_VALUE' });
    expect(yoyGrowthPctText('300', undefined)).toEqual({ pct: null, nullReason: 'NO_PRIOR_OBSERVATION' });
    expect(yoyGrowthPctText('300', null)).toEqual({ pct: null, nullReason: 'PRIOR_VALUE_MISSING' });
    expect(yoyGrowthPctText('0', '0.00')).toEqual({ pct: null, nullReason: 'PRIOR_VALUE_ZERO' });
  });

  it('agrees with toPlain(yoyGrowthPct) on 2,000 seeded pairs, signs, scales and ties included', () => {
    const next = seededInts(4560802);
    for (let i = 0; i < 2000; i++) {
      const text = () => {
        const digits = String(next(10_000_000));
        const scale = next(5);
        const s = scale === 0 ? digits : `${digits.padStart(scale + 1, '0').slice(0, -scale)}.${digits.padStart(scale + 1, '0').slice(-scale)}`;
        return next(4) === 0 ? `-${s}` : s;
      };
      const [current, prior] = [text(), text()];
      const exact = yoyGrowthPct(current, prior);
      expect({ current, prior, ...yoyGrowthPctText(current, prior) }).toEqual({ current, prior, pct: plain(exact.pct), nullReason: exact.nullReason });
    }
  });
});

describe('impliedPriorValue', () => {
  it('inverts a reported percent', () => {
    // four land ports Jan-Nov 2023: 4560 / 1.802 = 2530.52164.. -> 2530.52
    expect(plain(impliedPriorValue(d('4560'), d('80.2')))).toBe('2530.52');
    // Xizang 2014: 13850 / (1 - 0.3296) = 13850 / 0.6704 = 20659.30787.. -> 20659.31
    expect(plain(impliedPriorValue(d('13850'), d('-32.96')))).toBe('20659.31');
    // Xizang Jan-Sep 2021, 1.2倍 = +120 %: 2614 / 2.2 = 1188.1818.. -> 1188.18
    expect(plain(impliedPriorValue(d('2614'), multipleToPercent(d('1.2'))))).toBe('1188.18');
    // 0 % growth: the prior equals the current
    expect(plain(impliedPriorValue(d('12100'), d('0')))).toBe('12100');
  });

  it('is null for missing inputs or a fall of 100 % or more', () => {
    expect(impliedPriorValue(null, d('80.2'))).toBeNull();
    expect(impliedPriorValue(d('4560'), null)).toBeNull();
    expect(impliedPriorValue(d('0'), d('-100'))).toBeNull(); // 1 + g/100 = 0
    expect(impliedPriorValue(d('10'), d('-150'))).toBeNull();
  });

  it('recomputing growth from the implied prior gives back the reported growth', () => {
    // 2614 vs 1188.18: 1425.82 x 100 / 1188.18 = 120.000336.. -> 120.00
    expect(plain(yoyGrowthPct(d('2614'), impliedPriorValue(d('2614'), d('120'))).pct)).toBe('120');
  });
});

describe('growthDiscrepancyPp', () => {
  it('is reported minus computed in percentage points, exact', () => {
    // 80.2 - 80.20 = 0 pp
    expect(plain(growthDiscrepancyPp(d('80.2'), d('80.20')))).toBe('0');
    // Xinhua reported border trade 2014 +2.18 %; a computed 1.5 % would be 0.68 pp lower
    expect(plain(growthDiscrepancyPp(d('2.18'), d('1.5')))).toBe('0.68');
    // reported -32.96, computed -30.1: -32.96 - (-30.1) = -2.86 pp
    expect(plain(growthDiscrepancyPp(d('-32.96'), d('-30.1')))).toBe('-2.86');
    // 0.1 - 0.3 = -0.2 exactly (float would give -0.19999999999999998)
    expect(plain(growthDiscrepancyPp(d('0.1'), d('0.3')))).toBe('-0.2');
  });
  it('is null unless both are present', () => {
    expect(growthDiscrepancyPp(null, d('1'))).toBeNull();
    expect(growthDiscrepancyPp(d('1'), null)).toBeNull();
  });
});

describe('multiples (增长N倍)', () => {
  it('N倍 is +N x 100 %', () => {
    expect(plain(multipleToPercent(d('1.2')))).toBe('120'); // Xizang Jan-Sep 2021
    expect(plain(multipleToPercent(d('2.3')))).toBe('230'); // B&R imports Jan-Sep 2023
    expect(plain(multipleToPercent(d('0.5')))).toBe('50');
  });

  it('a multiple rounded to one decimal leaves a band of +-5 points', () => {
    // 1.2倍 covers true multiples [1.15, 1.25) -> [115, 125) %
    const band = multipleRoundingBandPct(d('120'));
    expect(plain(band.low)).toBe('115');
    expect(plain(band.high)).toBe('125');
    // 2.3倍 -> [225, 235)
    const b2 = multipleRoundingBandPct(d('230'));
    expect([plain(b2.low), plain(b2.high)]).toEqual(['225', '235']);
    // an integer multiple (decimals 0): 2倍 covers [1.5, 2.5) -> [150, 250)
    const b3 = multipleRoundingBandPct(d('200'), 0);
    expect([plain(b3.low), plain(b3.high)]).toEqual(['150', '250']);
    expect(() => multipleRoundingBandPct(d('120'), -1)).toThrow(RangeError);
  });

  it('the band gives a range of implied priors', () => {
    // 2614 / 2.25 = 1161.777.. -> 1161.78 ; 2614 / 2.15 = 1215.813.. -> 1215.81
    const band = multipleRoundingBandPct(d('120'));
    expect(plain(impliedPriorValue(d('2614'), band.high))).toBe('1161.78');
    expect(plain(impliedPriorValue(d('2614'), band.low))).toBe('1215.81');
  });
});

describe('tolerance', () => {
  it('defaults are 0.5 pp for percents and 10 pp for rounded multiples', () => {
    expect(plain(DEFAULT_TOLERANCE_PP.PERCENT)).toBe('0.5');
    expect(plain(DEFAULT_TOLERANCE_PP.MULTIPLE_ROUNDED)).toBe('10');
  });

  it('is inclusive at the boundary and symmetric', () => {
    expect(withinTolerance(d('0.5'), 'PERCENT')).toBe(true);
    expect(withinTolerance(d('-0.5'), 'PERCENT')).toBe(true);
    expect(withinTolerance(d('0.51'), 'PERCENT')).toBe(false);
    expect(withinTolerance(d('-0.51'), 'PERCENT')).toBe(false);
    // 1.2倍 reported as 120 while the figures give 128.4: 8.4 pp off
    expect(withinTolerance(d('-8.4'), 'MULTIPLE_ROUNDED')).toBe(true);
    expect(withinTolerance(d('10.01'), 'MULTIPLE_ROUNDED')).toBe(false);
  });

  it('accepts an override', () => {
    expect(withinTolerance(d('0.8'), 'PERCENT', d('1'))).toBe(true);
    expect(withinTolerance(d('6'), 'MULTIPLE_ROUNDED', d('5'))).toBe(false);
    expect(() => withinTolerance(d('0'), 'PERCENT', d('-1'))).toThrow(RangeError);
  });
});

describe('yoyGrowthPct in integers', () => {
  it('equals the decimal.js computation ((c − p) × 100, then divideRounded) for 5,000 pairs, given as text or as Decimals', () => {
    const next = seededInts(777);
    const value = () => `${next(4) === 0 ? '-' : ''}${next(100000)}${next(2) ? `.${next(100000)}` : ''}`;
    for (let i = 0; i < 5000; i++) {
      const c = value();
      let p = value();
      if (new Decimal(p).isZero()) p = '1.5';
      const expected = toPlain(divideRounded(new Decimal(c).minus(p).mul(100), new Decimal(p), 2));
      expect([c, p, plain(yoyGrowthPct(c, p).pct)]).toEqual([c, p, expected]);
      expect([c, p, plain(yoyGrowthPct(d(c), d(p)).pct)]).toEqual([c, p, expected]);
    }
  });

  it('text inputs: 4560 against 2530.52 is +80.20 %; a zero prior written 0.00 is PRIOR_VALUE_ZERO; bad text is refused', () => {
    expect(plain(yoyGrowthPct('4560', '2530.52').pct)).toBe('80.2');
    expect(yoyGrowthPct('4560', '0.00')).toEqual({ pct: null, nullReason: 'PRIOR_VALUE_ZERO' });
    expect(() => yoyGrowthPct('4,560', '2530.52')).toThrow('not a plain decimal: "4,560" (thousands separators are not allowed)');
  });
});
