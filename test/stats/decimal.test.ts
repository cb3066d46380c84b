import { Decimal as DecimalJs } from 'decimal.js';
import { seededInts } from '../support/seeded';
import { Decimal, DECIMAL_DIGITS, DecimalFormatError, isPlainDecimalWithinLimits, divideRounded, divideScaledRounded, minusScaled, parseDecimal, percentScaledRounded, roundHalfUp, scaledOf, sumPlainDecimals, toDecimal, toPlain } from '../../src/stats/decimal';

describe('Decimal configuration', () => {
  it('has precision >= 40 and ROUND_HALF_UP', () => {
    expect(Decimal.precision).toBeGreaterThanOrEqual(40);
    expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_UP);
  });

  it('is exact where floats are not: 0.1 + 0.2 = 0.3', () => {
    // float: 0.1 + 0.2 = 0.30000000000000004
    expect(new Decimal('0.1').plus('0.2').eq('0.3')).toBe(true);
  });
});

describe('toDecimal', () => {
  it('returns a project Decimal as it is (immutable: nothing can change it through the other reference)', () => {
    const d = new Decimal('4560');
    expect(toDecimal(d)).toBe(d);
    expect(toPlain(toDecimal(d).plus(1))).toBe('4561');
    expect(toPlain(d)).toBe('4560');
  });

  it("re-creates a value of another decimal.js configuration under the project's (64 digits, not decimal.js's default 20)", () => {
    const foreign = new DecimalJs('1');
    const d = toDecimal(foreign);
    expect(d).not.toBe(foreign);
    expect(d.div(3).toFixed()).toBe(`0.${'3'.repeat(64)}`);
    expect(foreign.div(3).toFixed()).toBe(`0.${'3'.repeat(20)}`);
  });

  it('refuses NaN and infinities, whatever their configuration', () => {
    expect(() => toDecimal(new Decimal(NaN))).toThrow(DecimalFormatError);
    expect(() => toDecimal(new Decimal(Infinity))).toThrow(DecimalFormatError);
    expect(() => toDecimal(new DecimalJs(-Infinity))).toThrow(DecimalFormatError);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['4560', '4560'],
    ['0.8258', '0.8258'],
    ['-32.96', '-32.96'],
    ['12174.39', '12174.39'],
    ['0', '0'],
    ['4560.00', '4560'],
  ])('parses %s', (text, plain) => {
    expect(toPlain(parseDecimal(text))).toBe(plain);
  });

  it.each([
    ['', /empty/],
    [' 4560', /whitespace/],
    ['4 560', /whitespace/],
    ['+80.2', /leading "\+"/],
    ['1e3', /exponent/],
    ['12,174.39', /thousands separators/],
    ['.5', /digit is required before/],
    ['12.', /digit is required after/],
    ['1.2.3', /more than one decimal point/],
    ['abc', /only an optional leading/],
    ['--1', /only an optional leading/],
    ['NaN', /only an optional leading/],
    ['Infinity', /only an optional leading/],
  ])('rejects %j', (text, why) => {
    expect(() => parseDecimal(text)).toThrow(DecimalFormatError);
    expect(() => parseDecimal(text)).toThrow(why);
  });

  it('names the offending text in the message', () => {
    expect(() => parseDecimal('1,000')).toThrow('not a plain decimal: "1,000"');
  });
});

describe('toPlain', () => {
  test('a decimal.js value with a long run of zeros before its last digit, and trailing zeros after it', () => {
    const zeros = '0'.repeat(100_000);
    expect(toPlain(new Decimal(`0.${zeros}1${zeros}`))).toBe(`0.${zeros}1`);
    expect(toPlain(new Decimal(`-7${zeros}.5${zeros}`))).toBe(`-7${zeros}.5`);
  });

  it('never uses exponent notation and strips trailing zeros', () => {
    expect(toPlain(new Decimal('4560'))).toBe('4560');
    expect(toPlain(new Decimal('2530.520'))).toBe('2530.52');
    expect(toPlain(new Decimal('1e21'))).toBe('1000000000000000000000');
    expect(toPlain(new Decimal('1e-9'))).toBe('0.000000001');
    expect(toPlain(new Decimal('-0'))).toBe('0');
    expect(toPlain(new Decimal('-32.960'))).toBe('-32.96');
  });

  it('gives the same text for a decimal string (as PostgreSQL prints numeric) as for its Decimal', () => {
    for (const text of ['4560', '2530.520', '12174.3900', '-32.960', '0', '0.000', '-0', '-0.00', '0.0049', '007.50', '100', '-100.0', '99999999.9999']) {
      expect({ text, plain: toPlain(text) }).toEqual({ text, plain: toPlain(new Decimal(text)) });
    }
    expect(toPlain('2530.520')).toBe('2530.52');
    expect(toPlain('-0.00')).toBe('0');
    expect(toPlain('007.50')).toBe('7.5');
    expect(() => toPlain('1e3x')).toThrow(DecimalFormatError);
  });

  it('accepts values from a plain decimal.js constructor', () => {
    expect(toPlain(new DecimalJs('12174.390'))).toBe('12174.39');
  });

  it('rejects NaN and infinity', () => {
    expect(() => toPlain(new Decimal(NaN))).toThrow(DecimalFormatError);
    expect(() => toPlain(new Decimal(Infinity))).toThrow(DecimalFormatError);
  });
});

describe('rounding helpers', () => {
  it('roundHalfUp rounds ties away from zero', () => {
    expect(toPlain(roundHalfUp(new Decimal('2.345'), 2))).toBe('2.35');
    expect(toPlain(roundHalfUp(new Decimal('-2.345'), 2))).toBe('-2.35');
    expect(toPlain(roundHalfUp(new Decimal('2.3449'), 2))).toBe('2.34');
  });

  it('divideRounded rounds the exact quotient once', () => {
    // 1/3 = 0.333.. -> 0.33; 2/3 = 0.666.. -> 0.67; 1/8 = 0.125 (exact tie) -> 0.13; -1/8 -> -0.13
    expect(toPlain(divideRounded(new Decimal(1), new Decimal(3), 2))).toBe('0.33');
    expect(toPlain(divideRounded(new Decimal(2), new Decimal(3), 2))).toBe('0.67');
    expect(toPlain(divideRounded(new Decimal(1), new Decimal(8), 2))).toBe('0.13');
    expect(toPlain(divideRounded(new Decimal(-1), new Decimal(8), 2))).toBe('-0.13');
    expect(toPlain(divideRounded(new Decimal(1), new Decimal(-8), 2))).toBe('-0.13');
    // 455600 / 180.2 = 2528.30188.. -> 2528.3
    expect(toPlain(divideRounded(new Decimal(455600), new Decimal('180.2'), 2))).toBe('2528.3');
    expect(() => divideRounded(new Decimal(1), new Decimal(0), 2)).toThrow(RangeError);
  });

  it('divideRounded is exact whatever the number of digits, and never gives -0', () => {
    // 45 digits / 7 (worked out with Python's decimal at 200 digits): ...620.714.. -> ...620.71
    expect(toPlain(divideRounded(new Decimal('123456789012345678901234567890123456789012345'), new Decimal(7), 2)))
      .toBe('17636684144620811271604938270017636684144620.71');
    expect(toPlain(divideRounded(new Decimal(-1), new Decimal(3), 4))).toBe('-0.3333');
    // -0.0049 rounds to zero: plain "0", not "-0"
    expect(divideRounded(new Decimal('-0.0049'), new Decimal(1), 2).isNeg()).toBe(false);
    // the real case: Jan-Nov 2023 four-port 4560 against the implied 2530.52 -> +80.20 %
    expect(toPlain(divideRounded(new Decimal('4560').minus('2530.52').mul(100), new Decimal('2530.52'), 2))).toBe('80.2');
    expect(toPlain(divideRounded(new Decimal(7), new Decimal(2), 0))).toBe('4');
  });
});

describe('plain decimal text and scaled values, without decimal.js', () => {
  /** Deterministic pseudo-random plain decimal strings: signs, leading and trailing zeros, zero itself. */
  function* plainStrings(n: number): Generator<string> {
    const next = seededInts(12345);
    const digits = (len: number) => Array.from({ length: len }, () => String(next(10))).join('');
    for (let i = 0; i < n; i++) {
      const sign = next(3) === 0 ? '-' : '';
      const int = '0'.repeat(next(3)) + digits(1 + next(12));
      const frac = next(3) === 0 ? '' : `.${digits(next(8) + 1)}${'0'.repeat(next(4))}`;
      yield `${sign}${int}${frac}`;
    }
  }

  it('toPlain of text equals toPlain of the same value through decimal.js, for 20,000 strings', () => {
    for (const s of plainStrings(20000)) expect([s, toPlain(s)]).toEqual([s, toPlain(new Decimal(s))]);
  });

  it('toPlain of text: hand-worked cases', () => {
    expect(['000.500', '-0.000', '-000', '0', '0.0', '100', '-12.50', '007', '1.0', '-0.05', '10.010', '4560'].map((s) => toPlain(s)))
      .toEqual(['0.5', '0', '0', '0', '0', '100', '-12.5', '7', '1', '-0.05', '10.01', '4560']);
  });

  it('scaledOf reads text and decimal.js values alike; minusScaled is exact', () => {
    expect(scaledOf('-2530.52')).toEqual({ coefficient: BigInt(-253052), scale: 2 });
    expect(scaledOf('4560')).toEqual({ coefficient: BigInt(4560), scale: 0 });
    expect(scaledOf(new Decimal('1e3'))).toEqual({ coefficient: BigInt(1000), scale: 0 });
    expect(scaledOf(new Decimal('0.000001'))).toEqual({ coefficient: BigInt(1), scale: 6 });
    expect(() => scaledOf('1e3')).toThrow(DecimalFormatError);
    expect(() => scaledOf(new DecimalJs(NaN))).toThrow(DecimalFormatError);
    // 4560 − 2530.52 = 2029.48
    expect(minusScaled(scaledOf('4560'), scaledOf('2530.52'))).toEqual({ coefficient: BigInt(202948), scale: 2 });
    expect(minusScaled(scaledOf('0.1'), scaledOf('0.25'))).toEqual({ coefficient: BigInt(-15), scale: 2 });
  });

  it('divideScaledRounded is divideRounded: 2029.48 × 100 / 2530.52 = 80.20; −1 / 8 to 2 dp = −0.13 (half away from zero)', () => {
    expect(toPlain(divideScaledRounded({ coefficient: BigInt(20294800), scale: 2 }, scaledOf('2530.52'), 2))).toBe('80.2');
    expect(toPlain(divideScaledRounded(scaledOf('-1'), scaledOf('8'), 2))).toBe('-0.13');
    expect(() => divideScaledRounded(scaledOf('1'), scaledOf('0.00'), 2)).toThrow(RangeError);
  });
});

describe('percentScaledRounded', () => {
  it('2029.48 of 2530.52 is 80.20 %; 1 of 3 is 33.33 %; 2 of 3 is 66.67 %; -1 of 8 is -12.5 %', () => {
    const pct = (n: string, d: string) => toPlain(percentScaledRounded(scaledOf(n), scaledOf(d)));
    expect([pct('2029.48', '2530.52'), pct('1', '3'), pct('2', '3'), pct('-1', '8')]).toEqual(['80.2', '33.33', '66.67', '-12.5']);
    expect(() => percentScaledRounded(scaledOf('1'), scaledOf('0'))).toThrow(RangeError);
  });
});

describe('isPlainDecimalWithinLimits', () => {
  test.each([
    ['0', true], ['-0', true], ['4560', true], ['0.8258', true],
    ['12345678901234567890', true], ['123456789012345678901', false], // 20 integer digits, then 21
    ['000000000000000000000000012345678901234567890', true], // leading zeros are not counted
    ['1.1234567890', true], ['1.12345678901', false], // 10 fraction digits, then 11
    ['', false], ['-', false], ['.5', false], ['5.', false], ['1e5', false], ['+5', false], ['1,000', false], ['1.2.3', false],
  ])('%j: %s', (text, ok) => {
    expect(isPlainDecimalWithinLimits(text)).toBe(ok);
    if (ok) expect(() => parseDecimal(text)).not.toThrow();
  });

  test('the limits are the ones stored figures have (20 and 10 digits)', () => {
    expect(DECIMAL_DIGITS).toEqual({ integer: 20, fraction: 10 });
  });
});

describe('sumPlainDecimals', () => {
  test('adds exactly, with the most decimal places any term has (as PostgreSQL sum prints numerics)', () => {
    expect(sumPlainDecimals(['10.5', '11', '12', '43', '52', '61', '101'])).toBe('290.5');
    expect(sumPlainDecimals(['10.5', '11', '0.001'])).toBe('21.501');
    expect(sumPlainDecimals(['1.50', '2'])).toBe('3.50');
    // 0.1 + 0.2 is 0.30000000000000004 in floats.
    expect(sumPlainDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumPlainDecimals(['007.50', '0.25'])).toBe('7.75');
    expect(sumPlainDecimals(['-2530.52', '1000'])).toBe('-1530.52');
    expect(sumPlainDecimals(['-0.5', '0.5'])).toBe('0.0');
    expect(sumPlainDecimals([])).toBe('0');
  });
  test('past 2^53 it adds as BigInt, still exactly', () => {
    // 4,560,000,000.0000001 has 17 digits: not exact as a double.
    expect(sumPlainDecimals(['4560000000.0000001', '4560000000.0000001'])).toBe('9120000000.0000002');
    expect(sumPlainDecimals(['9007199254740991', '1'])).toBe('9007199254740992');
    expect(sumPlainDecimals(['99999999999999999999.9999999999', '0.0000000001'])).toBe('100000000000000000000.0000000000');
  });
  test('agrees with decimal.js on 2,000 seeded sums of up to 12 terms of up to 20 + 10 digits', () => {
    const next = seededInts(4560);
    const digits = (n: number) => Array.from({ length: n }, () => String(next(10))).join('');
    for (let k = 0; k < 2000; k++) {
      const terms = Array.from({ length: 1 + next(12) }, () => {
        const places = next(11);
        return `${next(4) === 0 ? '-' : ''}${digits(1 + next(next(2) === 0 ? 20 : 8))}${places > 0 ? `.${digits(places)}` : ''}`;
      });
      const scale = Math.max(...terms.map((t) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0)));
      const expected = terms.reduce((a, t) => a.plus(t), new Decimal(0)).toFixed(scale);
      expect({ terms, sum: sumPlainDecimals(terms) }).toEqual({ terms, sum: expected === `-${(0).toFixed(scale)}` ? (0).toFixed(scale) : expected });
    }
  });
  test('refuses text that is not a plain decimal', () => {
    for (const bad of ['1e5', '.5', '5.', '1.2.3', '-', '', 'NaN', ' 1']) expect(() => sumPlainDecimals(['1', bad])).toThrow(DecimalFormatError);
  });
});
