/**
 * Currency conversion of figures with sourced exchange rates. Pure: imports only ./decimal and ./period.
 *
 * A rate is kept as the published pair `baseAmount baseCurrency = quoteAmount quoteCurrency`
 * (4560 CNY = 642.2 USD), so it stays exact; it converts in either direction.
 * Rule: a figure converts with a rate whose period contains the figure's own period; among
 * several, the one with the narrowest period, then the lowest id. Converted values are rounded
 * half-up to 4 decimal places (then printed without trailing zeros). Growth in a currency is
 * always computed from values in that currency, never by converting a growth rate.
 */
import { Decimal, divideRounded, toDecimal } from './decimal';
import { containsPeriod, Period, periodDays } from './period';

/** Currencies of the data's money units (CNY_MN, USD_MN, NPR_MN). */
export type CurrencyCode = 'CNY' | 'USD' | 'NPR';

/** A sourced rate: `baseAmount` of `baseCurrency` equals `quoteAmount` of `quoteCurrency` over `period`. */
export interface RatePair {
  id: number;
  baseCurrency: string;
  baseAmount: string;
  quoteCurrency: string;
  quoteAmount: string;
  period: Period;
}

/** Why a conversion gave no value. */
export type ConversionNullReason = 'NOT_A_CURRENCY' | 'NO_VALUE' | 'NO_RATE_FOR_PERIOD';

/** Result of {@link convertValue}: the value in the target currency (null with a reason) and the rate used. */
export interface Conversion<R extends RatePair = RatePair> {
  value: Decimal | null;
  rate: R | null;
  nullReason: ConversionNullReason | null;
}

/** The currency of a unit code: `CNY_MN` → `CNY`; null for non-money units (TONNES, COUNT…). */
export function currencyOfUnit(unit: string): CurrencyCode | null {
  const m = /^(CNY|USD|NPR)_MN$/.exec(unit);
  return m ? (m[1] as CurrencyCode) : null;
}

/** Picks the rate for a period under the rule above, or null. */
export function pickRate<R extends RatePair>(rates: readonly R[], from: string, to: string, period: Period): R | null {
  const fits = rates.filter(
    (r) => ((r.baseCurrency === from && r.quoteCurrency === to) || (r.baseCurrency === to && r.quoteCurrency === from)) && containsPeriod(r.period, period),
  );
  fits.sort((a, b) => periodDays(a.period) - periodDays(b.period) || a.id - b.id);
  return fits[0] ?? null;
}

/**
 * Converts `value` (in `unit`, a money unit) to `to` with the rate of the figure's own period.
 * Same currency: the value itself, no rate. Scale is kept (millions stay millions).
 * @returns value rounded half-up to 4 dp, the rate used, or null with a reason.
 */
export function convertValue<R extends RatePair>(value: string | null, unit: string, to: CurrencyCode, period: Period, rates: readonly R[]): Conversion<R> {
  const from = currencyOfUnit(unit);
  if (!from) return { value: null, rate: null, nullReason: 'NOT_A_CURRENCY' };
  if (value === null) return { value: null, rate: null, nullReason: 'NO_VALUE' };
  if (from === to) return { value: toDecimal(value), rate: null, nullReason: null };
  const rate = pickRate(rates, from, to, period);
  if (!rate) return { value: null, rate: null, nullReason: 'NO_RATE_FOR_PERIOD' };
  const v = toDecimal(value);
  const [num, den] = rate.baseCurrency === from ? [rate.quoteAmount, rate.baseAmount] : [rate.baseAmount, rate.quoteAmount];
  return { value: divideRounded(v.times(toDecimal(num)), toDecimal(den), 4), rate, nullReason: null };
}

/** The rate as one number, quote per base, rounded half-up to `dp` places (for display only). */
export function rateValue(r: Pick<RatePair, 'baseAmount' | 'quoteAmount'>, dp = 6): Decimal {
  return divideRounded(toDecimal(r.quoteAmount), toDecimal(r.baseAmount), dp);
}
