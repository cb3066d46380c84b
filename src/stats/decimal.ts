/**
 * Exact decimal arithmetic for the statistics core.
 *
 * Every figure in the data is a published decimal (4560, 0.8258, -32.96, 12174.39). JavaScript
 * floats cannot hold most of these exactly, so all values go through {@link Decimal}, a clone of
 * decimal.js configured for this project:
 *  - precision 64 significant digits (operations on published figures, which have at most about
 *    ten significant digits, are exact for +, -, x; division is correct to 64 digits and the
 *    results that are shown are rounded explicitly with {@link roundHalfUp} / {@link divideRounded});
 *  - rounding ROUND_HALF_UP (ties away from zero: 2.345 -> 2.35, -2.345 -> -2.35);
 *  - exponent notation disabled for toString() of ordinary magnitudes.
 *
 * Pure module: imports only decimal.js.
 */
import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The project's Decimal class: a decimal.js clone with precision 64 and ROUND_HALF_UP.
 * Use it as a value (`new Decimal('4560')`) and as a type (`Decimal`).
 */
export const Decimal = DecimalJs.clone({
  precision: 64,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** Instance type of {@link Decimal}. Instances from other decimal.js constructors are accepted by
 * every function of this module and re-created as project Decimals before any arithmetic. */
export type Decimal = DecimalJs;

/** Anything that can be turned into a project Decimal without losing exactness. */
export type DecimalLike = DecimalJs | string;

/** Thrown by {@link parseDecimal} when the text is not a plain decimal; the message says why. */
export class DecimalFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecimalFormatError';
  }
}

const PLAIN_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** The most digits a decimal may have before its point (leading zeros not counted) and after it: a stored figure's, or an argument's. */
export const DECIMAL_DIGITS = { integer: 20, fraction: 10 } as const;

/**
 * True when `s` is a plain decimal (`-?[0-9]+(\.[0-9]+)?`, as {@link parseDecimal} accepts) with
 * at most {@link DECIMAL_DIGITS} digits before the point (leading zeros not counted) and after it.
 * One pass over the character codes, stopping at the first digit past a limit: linear in the
 * text however long it is. False for anything else (callers say what is wrong).
 */
export function isPlainDecimalWithinLimits(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const intStart = i;
  let significant = -1;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) break;
    if (significant < 0 && ch !== 48) significant = i;
    if (significant >= 0 && i - significant >= DECIMAL_DIGITS.integer) return false;
  }
  const intEnd = i;
  if (intEnd === intStart) return false;
  if (i === n) return true;
  if (s.charCodeAt(i) !== 46) return false;
  const fracStart = ++i;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57 || i - fracStart >= DECIMAL_DIGITS.fraction) return false;
  }
  return i > fracStart;
}

/**
 * Parses a plain decimal as stored in the data file: optional leading minus, one or more digits,
 * optionally a point followed by one or more digits. Examples: `4560`, `0.8258`, `-32.96`, `12174.39`.
 * Rejected (throws {@link DecimalFormatError} naming the text and the reason): empty text, spaces,
 * a leading `+`, exponents (`1e3`), thousands separators (`12,174.39`), a bare point (`.5`, `12.`),
 * any other character.
 * @returns an exact {@link Decimal}; trailing zeros carry no meaning (`4560.00` equals `4560`).
 */
export function parseDecimal(text: string): Decimal {
  if (typeof text !== 'string') {
    throw new DecimalFormatError(`expected a string, got ${typeof text}`);
  }
  if (PLAIN_DECIMAL.test(text)) return new Decimal(text);
  const shown = JSON.stringify(text);
  let why: string;
  if (text.length === 0) why = 'it is empty';
  else if (/\s/.test(text)) why = 'it contains whitespace';
  else if (text.startsWith('+')) why = 'a leading "+" is not allowed';
  else if (/[eE]/.test(text)) why = 'exponent notation is not allowed';
  else if (/,/.test(text)) why = 'thousands separators are not allowed';
  else if (/^-?\./.test(text)) why = 'a digit is required before the decimal point';
  else if (/\.$/.test(text)) why = 'a digit is required after the decimal point';
  else if ((text.match(/\./g) ?? []).length > 1) why = 'it has more than one decimal point';
  else why = 'only an optional leading "-", digits and one decimal point are allowed';
  throw new DecimalFormatError(`not a plain decimal: ${shown} (${why})`);
}

/** Re-creates any decimal.js value (or plain decimal string) as a project {@link Decimal}; a
 * finite project Decimal is returned as it is (decimal.js values are immutable, so sharing one is
 * safe), a value of another decimal.js configuration is re-created under the project's.
 * Throws {@link DecimalFormatError} for NaN or infinite values. */
export function toDecimal(x: DecimalLike): Decimal {
  if (typeof x !== 'string' && x.constructor === Decimal && x.isFinite()) return x;
  const d = typeof x === 'string' ? parseDecimal(x) : new Decimal(x);
  if (!d.isFinite()) throw new DecimalFormatError(`not a finite decimal: ${String(x)}`);
  return d;
}

/**
 * {@link toPlain} of text already known to be a plain decimal (what PostgreSQL prints for
 * numeric), without decimal.js: leading zeros before the last integer digit and trailing zeros
 * after the point dropped, the point too when nothing follows it, and no negative zero.
 * One pass over the character codes (it runs for every decimal a list of totals shows).
 */
function plainText(text: string): string {
  const negative = text.charCodeAt(0) === 45; // '-'
  let start = negative ? 1 : 0;
  const point = text.indexOf('.', start);
  const intEnd = point < 0 ? text.length : point;
  while (start < intEnd - 1 && text.charCodeAt(start) === 48) start++; // '0'
  let end = text.length;
  if (point >= 0) {
    while (end > point + 1 && text.charCodeAt(end - 1) === 48) end--;
    if (end === point + 1) end = point;
  }
  if (end === start + 1 && text.charCodeAt(start) === 48) return '0';
  if (start === 0 && end === text.length) return text;
  const body = text.slice(start, end);
  return negative ? `-${body}` : body;
}

/**
 * Plain notation of a decimal: never an exponent, no trailing zeros after the point, no trailing
 * point, and no negative zero. `4560` -> "4560", `2530.520` -> "2530.52", `-0` -> "0".
 * Throws {@link DecimalFormatError} for NaN or infinity.
 */
export function toPlain(d: DecimalLike): string {
  if (typeof d === 'string' && PLAIN_DECIMAL.test(d)) return plainText(d);
  const x = toDecimal(d);
  if (x.isZero()) return '0';
  // toFixed gives plain notation; plainText trims it in one pass (a regex for trailing zeros took
  // time quadratic in their run: 25 s for "0." + 100,000 zeros + "1").
  return plainText(x.toFixed());
}

/** Rounds to `dp` decimal places, half away from zero (ROUND_HALF_UP). 2530.5216 -> 2530.52. */
export function roundHalfUp(d: DecimalJs, dp: number): Decimal {
  return toDecimal(d).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
}

/** A finite decimal as an integer coefficient and a scale: value = coefficient / 10^scale (4560.5 = 45605 / 10^1). */
export interface Scaled {
  coefficient: bigint;
  scale: number;
}

/**
 * The {@link Scaled} form of a decimal, exact. A plain decimal string is read as it is (`"-2530.52"`
 * -> -253052 / 10^2), without decimal.js; a decimal.js value through its plain notation.
 * Throws {@link DecimalFormatError} for text that is not a plain decimal, NaN or infinity.
 */
export function scaledOf(d: DecimalLike): Scaled {
  const text = typeof d === 'string' && PLAIN_DECIMAL.test(d) ? d : toDecimal(d).toFixed(); // plain notation, never an exponent
  const point = text.indexOf('.');
  return point < 0
    ? { coefficient: BigInt(text), scale: 0 }
    : { coefficient: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
}

const TEN = BigInt(10);
const ZERO = BigInt(0);

/**
 * The exact sum of plain decimal texts (`-?[0-9]+(\.[0-9]+)?`, as {@link parseDecimal} reads
 * them), written with as many decimal places as the most any of them has: what PostgreSQL's
 * `sum()` of the same numerics prints (`10.5` + `11` + `0.001` = `21.501`; `1.50` + `2` = `3.50`).
 * `"0"` for no values. Sums whose digits fit in a double's 53 bits (every synthetic and published
 * figure) are added as numbers, exactly; others as BigInt.
 * Throws {@link DecimalFormatError} for a text that is not a plain decimal.
 */
export function sumPlainDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) {
    const point = v.indexOf('.');
    if (point >= 0 && v.length - point - 1 > scale) scale = v.length - point - 1;
  }
  let sum = 0;
  for (const v of values) {
    const n = scaledNumber(v, scale);
    sum += n;
    if (!Number.isSafeInteger(sum) || !Number.isSafeInteger(n)) return sumAsBigInt(values, scale);
  }
  return scaledText(sum < 0 ? '-' : '', String(Math.abs(sum)), scale);
}

/** A plain decimal's digits at `scale` places as a number (exact only while it is a safe integer; {@link sumPlainDecimals} checks). */
function scaledNumber(v: string, scale: number): number {
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let n = 0;
  let places = -1;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 && places < 0 && i > (negative ? 1 : 0) && i < v.length - 1) {
      places = 0;
      continue;
    }
    if (c < 48 || c > 57) throw new DecimalFormatError(`not a plain decimal: ${JSON.stringify(v)}`);
    n = n * 10 + (c - 48);
    if (places >= 0) places++;
  }
  if (v.length === (negative ? 1 : 0)) throw new DecimalFormatError(`not a plain decimal: ${JSON.stringify(v)}`);
  n *= 10 ** (scale - Math.max(places, 0));
  return negative ? -n : n;
}

function sumAsBigInt(values: readonly string[], scale: number): string {
  let sum = ZERO;
  for (const v of values) {
    const { coefficient, scale: s } = scaledOf(v);
    sum += coefficient * TEN ** BigInt(scale - s);
  }
  return scaledText(sum < ZERO ? '-' : '', (sum < ZERO ? -sum : sum).toString(), scale);
}

/** The decimal text of a sign and the digits of a non-negative coefficient at `scale` places. */
function scaledText(sign: string, digits: string, scale: number): string {
  if (scale === 0) return sign + digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** Exact `a − b` of two {@link Scaled} values, at the larger of their scales. */
export function minusScaled(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { coefficient: a.coefficient * TEN ** BigInt(scale - a.scale) - b.coefficient * TEN ** BigInt(scale - b.scale), scale };
}

/**
 * Exact `num / den` of two {@link Scaled} values rounded to `dp` decimal places, half away from
 * zero (see {@link divideRounded}). Throws RangeError when den is zero.
 */
export function divideScaledRounded(num: Scaled, den: Scaled, dp: number): Decimal {
  return new Decimal(divideScaledRoundedText(num, den, dp));
}

/**
 * {@link divideScaledRounded} as text with exactly `dp` decimal places (`"80.20"`, `"-0.50"`,
 * never a negative zero), without making a decimal.js value: for lists that show one quotient per
 * row, where the text is all that is needed. Throws RangeError when den is zero.
 */
export function divideScaledRoundedText(num: Scaled, den: Scaled, dp: number): string {
  if (den.coefficient === ZERO) throw new RangeError('division by zero');
  const negative = (num.coefficient < ZERO) !== (den.coefficient < ZERO) && num.coefficient !== ZERO;
  const abs = (x: bigint) => (x < ZERO ? -x : x);
  // n / d × 10^dp = (cn × 10^(sd + dp)) / (cd × 10^sn)
  const top = abs(num.coefficient) * TEN ** BigInt(den.scale + dp);
  const bottom = abs(den.coefficient) * TEN ** BigInt(num.scale);
  let q = top / bottom;
  if ((top % bottom) * BigInt(2) >= bottom) q += BigInt(1);
  const digits = q.toString().padStart(dp + 1, '0');
  const text = dp === 0 ? digits : `${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
  return negative && q !== ZERO ? `-${text}` : text;
}

/**
 * `num × 100 / den` rounded to 2 decimal places, half away from zero, exactly: a percentage of two
 * {@link Scaled} values (growth, shares). 2029.48 of 2530.52 -> 80.20. Throws RangeError when den is zero.
 */
export function percentScaledRounded(num: Scaled, den: Scaled): Decimal {
  return new Decimal(percentScaledRoundedText(num, den));
}

/** {@link percentScaledRounded} as text with exactly 2 decimal places ({@link divideScaledRoundedText}). */
export function percentScaledRoundedText(num: Scaled, den: Scaled): string {
  return divideScaledRoundedText({ coefficient: num.coefficient * BigInt(100), scale: num.scale }, den, 2);
}

/**
 * Exact `n / d` rounded to `dp` decimal places, half away from zero, whatever the number of
 * digits. Unlike `n.div(d).toDP(dp)` this never double-rounds: both operands are taken as integer
 * coefficients and scales ({@link scaledOf}), the quotient is computed in integers (BigInt) with
 * its exact remainder, and the rounding decision is taken on that remainder.
 * Example: divideRounded(2029.48 × 100, 2530.52, 2) = 80.20 (the +80.2 % of 4560 against 2530.52).
 * Throws RangeError when d is zero.
 */
export function divideRounded(n: DecimalLike, d: DecimalLike, dp: number): Decimal {
  return divideScaledRounded(scaledOf(n), scaledOf(d), dp);
}

/** {@link toDecimal} of a stored decimal string, keeping null (a figure published without a value). */
export function toDecimalOrNull(x: DecimalLike | null): Decimal | null {
  return x === null ? null : toDecimal(x);
}

/** {@link toPlain}, keeping null (a derived figure that could not be computed). */
export function toPlainOrNull(d: DecimalJs | null): string | null {
  return d === null ? null : toPlain(d);
}
