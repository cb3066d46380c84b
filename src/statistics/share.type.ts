import { Field, ObjectType, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { ObservationStatus, StatisticalBasis } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { Period } from '../observations/period.type';
import { DerivedFigure } from './derived-figure.type';

/**
 * A part's share of a whole over a period, beside the same share one calendar year earlier.
 * Part and whole are derived figures (stored, or derived by difference or sum) of one unit and
 * one statistical basis.
 */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A part's share of a whole (Nepal in Xizang's trade, exports in total trade, a port in the four-port group) over a period, with the denominator shown, the same share one calendar year earlier, the change in percentage points and the part's value growth in percent." })
export class Share {
  @Field(() => Period)
  period: Period;

  @Field(() => StatisticalBasis, { description: 'The statistical basis of both part and whole (a share across bases is refused with BASIS_MISMATCH).' })
  basis: StatisticalBasis;

  @Field(() => DerivedFigure, { description: 'The numerator, with the figures it comes from and their sources.' })
  part: DerivedFigure;

  @Field(() => DerivedFigure, { description: 'The denominator, with the figures it comes from and their sources.' })
  whole: DerivedFigure;

  @Field(() => DecimalScalar, { nullable: true, description: 'part × 100 / whole in percent, rounded half-up to 2 places (1061 of 2133 = 49.74); null when either value is null or the whole is 0.' })
  sharePct: string | null;

  @Field(() => ObservationStatus, { nullable: true, description: 'DERIVED from reported figures; LOWER_BOUND when the part is a lower bound; ESTIMATED when the whole is one (the share is then an upper bound). Null when sharePct is null.' })
  status: ObservationStatus | null;

  @Field(() => DerivedFigure, { description: 'The part one calendar year earlier.' })
  priorPart: DerivedFigure;

  @Field(() => DerivedFigure, { description: 'The whole one calendar year earlier.' })
  priorWhole: DerivedFigure;

  @Field(() => DecimalScalar, { nullable: true, description: 'The share one calendar year earlier, in percent (2 places).' })
  priorSharePct: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'sharePct minus priorSharePct, in percentage points (20.00 % -> 25.00 % is +5 pp, not +25 %).' })
  shareChangePp: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Year-on-year growth of the part's value in percent (2 places)." })
  valueGrowthPct: string | null;
}
