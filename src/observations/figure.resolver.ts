import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Currency, GrowthNullReason, PeriodKind } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import type { Context } from '../context';
import { NotFoundError } from '../errors';
import { toDecimalOrNull, toPlain, toPlainOrNull } from '../stats/decimal';
import { growthDiscrepancyPp, impliedPriorValue } from '../stats/growth';
import { formatPeriod, Period as PeriodValue, periodDays, periodKind } from '../stats/period';
import { convertValue, CurrencyCode, rateValue } from '../stats/currency';
import { Figure } from './figure.type';
import { FigureFilter } from './figure-filter.input';
import { Period } from './period.type';
import { Measure } from './measure.type';
import { ConversionNullReason, CurrencyConversion, ExchangeRate } from './conversion.type';
import { Subject } from '../subjects/subject.type';
import { Partner } from '../partners/partner.type';
import type { ExchangeRateRecord, FigureRecord } from './figure.record';
import { figuresOf, normaliseCode, priorOf, toFigureQuery } from './figure.service';

/** Periods already described (a list of figures or port totals repeats a few spans many times). */
let described = new Map<string, Period>();

/**
 * The GraphQL Period of a stored span: its dates, kind, label and length in days (src/stats/period.ts).
 * Remembered by span (up to 4096 spans, then forgotten); the returned object is shared and must not be changed.
 */
export function periodOf(p: PeriodValue): Period {
  const key = `${p.start}..${p.end}`;
  let period = described.get(key);
  if (!period) {
    period = { start: p.start, end: p.end, kind: periodKind(p) as PeriodKind, label: formatPeriod(p), days: periodDays(p) };
    if (described.size >= 4096) described = new Map();
    described.set(key, period);
  }
  return period;
}

/** The GraphQL ExchangeRate of a stored rate. */
export function rateOf(r: ExchangeRateRecord): ExchangeRate {
  return { ...r, rate: toPlain(rateValue(r)), period: periodOf({ start: r.periodStart, end: r.periodEnd }) };
}

@ArgsType()
class FiguresArgs {
  @Field({ description: 'Subject code (XZ, PORT-GYIRONG, GROUP-XZ-4-LAND-PORTS, ...); case and surrounding spaces are ignored.' })
  @Length(1, 64)
  subject: string;

  @Field(() => FigureFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: FigureFilter;
}

/** Figures: the top-level query, and the fields derived from stored data (period, growth, conversion). */
@Resolver(() => Figure)
export class FigureResolver {
  @Directive(PUBLIC)
  @Query(() => [Figure], { description: "A subject's figures, filtered; ordered by period, measure, partner, flow." })
  async figures(@Args(() => FiguresArgs) { subject, filter }: FiguresArgs, @Ctx() ctx: Context): Promise<FigureRecord[]> {
    const code = normaliseCode(subject);
    const query = toFigureQuery(filter); // arguments are checked before any SQL runs
    if (!(await ctx.loaders.subject.load(code))) throw new NotFoundError('subject', code);
    return figuresOf(ctx, code, query);
  }

  @FieldResolver(() => Period)
  period(@Root() f: FigureRecord): Period {
    return periodOf({ start: f.periodStart, end: f.periodEnd });
  }

  @FieldResolver(() => Measure)
  async measure(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<Measure> {
    return (await ctx.loaders.measure.load(f.measureCode)) as Measure;
  }

  @FieldResolver(() => Subject)
  async subject(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<Subject> {
    return (await ctx.loaders.subject.load(f.subjectCode)) as Subject;
  }

  @FieldResolver(() => Partner)
  async partner(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<Partner> {
    return (await ctx.loaders.partner.load(f.partnerCode)) as Partner;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'Year-on-year growth in percent, computed from this value and the stored figure of the same measure, subject, partner, flow and unit for the same span one calendar year earlier (the preferred one where sources differ); rounded half-up to 2 places. Null with yoyGrowthNullReason.',
  })
  async yoyGrowthPct(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<string | null> {
    const g = await priorOf(ctx, f);
    return toPlainOrNull(g.growth.pct);
  }

  @FieldResolver(() => GrowthNullReason, { nullable: true, description: 'Why yoyGrowthPct is null; null when it is not.' })
  async yoyGrowthNullReason(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<GrowthNullReason | null> {
    return (await priorOf(ctx, f)).growth.nullReason as GrowthNullReason | null;
  }

  @FieldResolver(() => Figure, { nullable: true, description: 'The stored prior-year figure yoyGrowthPct was computed from (the preferred one where sources differ).' })
  async priorFigure(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<FigureRecord | null> {
    return (await priorOf(ctx, f)).prior;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'The prior-year value the reported growth implies: value / (1 + reportedYoyGrowthPct/100), rounded half-up to 2 places, in `unit`. For a rounded multiple it is approximate.',
  })
  impliedPriorValue(@Root() f: FigureRecord): string | null {
    const v = impliedPriorValue(toDecimalOrNull(f.value), toDecimalOrNull(f.reportedYoyGrowthPct));
    return toPlainOrNull(v);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'reportedYoyGrowthPct minus yoyGrowthPct, in percentage points; null unless both exist.' })
  async growthDiscrepancyPp(@Root() f: FigureRecord, @Ctx() ctx: Context): Promise<string | null> {
    const { growth } = await priorOf(ctx, f);
    const d = growthDiscrepancyPp(toDecimalOrNull(f.reportedYoyGrowthPct), growth.pct);
    return toPlainOrNull(d);
  }

  @FieldResolver(() => CurrencyConversion, { description: "The value in another currency, with the sourced rate of the figure's own period; null value with a reason when no rate is stored." })
  async converted(@Root() f: FigureRecord, @Arg('to', () => Currency, { defaultValue: Currency.USD }) to: Currency, @Ctx() ctx: Context): Promise<CurrencyConversion> {
    const period = { start: f.periodStart, end: f.periodEnd };
    const from = f.unit.slice(0, 3);
    const rates = f.unit.endsWith('_MN') && from !== to
      ? await ctx.loaders.rates.load({ from, to, periodStart: f.periodStart, periodEnd: f.periodEnd })
      : [];
    const c = convertValue(f.value, f.unit, to as CurrencyCode, period, rates.map((r) => ({ ...r, period: { start: r.periodStart, end: r.periodEnd } })));
    return {
      currency: to,
      value: toPlainOrNull(c.value),
      rate: c.rate ? rateOf(c.rate) : null,
      nullReason: c.nullReason as ConversionNullReason | null,
    };
  }
}
