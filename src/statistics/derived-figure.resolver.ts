import { Args, Ctx, FieldResolver, Query, Resolver, Root, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { GrowthNullReason } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import type { Context } from '../context';
import { toPlainOrNull } from '../stats/decimal';
import { Period } from '../observations/period.type';
import { periodOf } from '../observations/figure.resolver';
import type { FigureRecord } from '../observations/figure.record';
import { DerivedFigure } from './derived-figure.type';
import { readSeriesPeriod, SeriesPeriodArgs } from './series-period.args';
import { derivedGrowth, deriveFigure, DerivedRecord, derivePrior } from './derivation.service';

/** The GraphQL shape of a derived record (its own fields; the rest are field resolvers). */
export function derivedFigureOf(d: DerivedRecord): DerivedFigure & { record: DerivedRecord } {
  return {
    ...d.series,
    value: d.value,
    status: d.status,
    method: d.method,
    inputs: d.inputs,
    inputsFromOneSource: new Set(d.inputs.map((f: FigureRecord) => f.source.id)).size <= 1,
    missingMonths: d.missingMonths,
    nullReason: d.nullReason,
    record: d,
  } as unknown as DerivedFigure & { record: DerivedRecord };
}

type Root_ = DerivedFigure & { record: DerivedRecord };

/** derivedFigure, and the growth of a derived figure against the same derivation one year earlier. */
@Resolver(() => DerivedFigure)
export class DerivedFigureResolver {
  @Directive(PUBLIC)
  @Query(() => DerivedFigure, {
    description: 'A series\' figure over a period (e.g. "2021-10..2021-11", "2024-03", "2023-Q4"): the stored figure, else the difference of two cumulative figures, else the sum of its months (null listing the missing ones). Inputs are fetched in one statement per vintage.',
  })
  async derivedFigure(@Args(() => SeriesPeriodArgs) args: SeriesPeriodArgs, @Ctx() ctx: Context): Promise<Root_> {
    const { key, period, asOf } = await readSeriesPeriod(ctx, args);
    return derivedFigureOf(await deriveFigure(ctx, key, period, asOf));
  }

  @FieldResolver(() => Period)
  period(@Root() d: Root_): Period {
    return periodOf(d.record.period);
  }

  @FieldResolver(() => DerivedFigure, { description: 'The same series over the same span one calendar year earlier, derived by the same rules (its method may differ).' })
  async prior(@Root() d: Root_, @Ctx() ctx: Context): Promise<Root_> {
    return derivedFigureOf(await derivePrior(ctx, d.record));
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'Year-on-year growth in percent against `prior`, from the two values in this unit; rounded half-up to 2 places. Null with yoyGrowthNullReason.' })
  async yoyGrowthPct(@Root() d: Root_, @Ctx() ctx: Context): Promise<string | null> {
    const g = derivedGrowth(d.record, await derivePrior(ctx, d.record));
    return toPlainOrNull(g.pct);
  }

  @FieldResolver(() => GrowthNullReason, { nullable: true, description: 'Why yoyGrowthPct is null (NO_PRIOR_OBSERVATION when the prior derivation used no stored figure); null when it is not.' })
  async yoyGrowthNullReason(@Root() d: Root_, @Ctx() ctx: Context): Promise<GrowthNullReason | null> {
    return derivedGrowth(d.record, await derivePrior(ctx, d.record)).nullReason as GrowthNullReason | null;
  }
}
