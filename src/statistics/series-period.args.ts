import { Arg, ArgsType, Field } from 'type-graphql';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Unit } from '../common/enums';
import { LocalDateScalar } from '../common/scalars';
import type { Context } from '../context';
import type { Period } from '../stats/period';
import { periodArg } from '../observations/figure.service';
import type { SeriesKey } from '../observations/figure.record';
import { SeriesInput } from './series.input';
import { asOfArg, seriesKey } from './derivation.service';

const AS_OF_DESCRIPTION = 'Answer with what was known at the end of this day (earlier vintages); default the latest.';

/** The `asOf` argument of the statistics queries (a LocalDate; absent: latest). */
export function AsOfArg(): ReturnType<typeof Arg> {
  return Arg('asOf', () => LocalDateScalar, { nullable: true, description: AS_OF_DESCRIPTION });
}

/** One series in one unit over one period, at a vintage: the arguments of derivedFigure and figureChoice. */
@ArgsType()
export class SeriesPeriodArgs {
  @Field(() => SeriesInput, { description: 'The series: subject, measure (default trade_value), partner (default ALL), flow (default TOTAL).' })
  @ValidateNested()
  series: SeriesInput;

  @Field(() => Unit, { description: 'Unit of the figures, e.g. CNY_MN.' })
  unit: Unit;

  @Field({ description: 'The period, e.g. "2024-03", "2021-10..2021-11", "2014", "2023-Q4".' })
  @Length(4, 40)
  period: string;

  @Field(() => LocalDateScalar, { nullable: true, description: AS_OF_DESCRIPTION })
  @IsOptional()
  asOf?: string;
}

/**
 * Checks and reads {@link SeriesPeriodArgs}: the period parsed and the vintage checked before any
 * SQL, then the series' subject, measure and partner looked up ({@link seriesKey}).
 * @throws BadInputError (period, asOf, a series code of spaces only), NotFoundError (subject, measure, partner).
 */
export async function readSeriesPeriod(ctx: Context, args: SeriesPeriodArgs): Promise<{ key: SeriesKey; period: Period; asOf: string | null }> {
  const period = periodArg('period', args.period);
  const asOf = asOfArg(args.asOf);
  return { key: await seriesKey(ctx, args.series, args.unit), period, asOf };
}
