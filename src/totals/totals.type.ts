import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { GrowthNullReason } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { Period } from '../observations/period.type';
import { Partner } from '../partners/partner.type';

/** A port's sum of monthly figures for one calendar month (see Port.monthlyTotals). */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A port's sum of the monthly figures of one calendar month over its country partners and the flows asked for, with growth against the same month one year earlier." })
export class MonthlyTotal {
  @Field(() => Period)
  period: Period;

  @Field(() => DecimalScalar, { description: 'The sum, exact, in the unit asked for.' })
  value: string;

  @Field(() => Int, { description: 'How many monthly figures were added (one per partner and flow with a figure).' })
  figureCount: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'The same sum for the same month one year earlier; null when no figure is stored.' })
  priorValue: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '(value / priorValue − 1) × 100, rounded half-up to 2 places; null with yoyGrowthNullReason.' })
  yoyGrowthPct: string | null;

  @Field(() => GrowthNullReason, { nullable: true })
  yoyGrowthNullReason: GrowthNullReason | null;
}

/** A port's sum over the first months of a year (see Port.yearToDate). */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A port's sum of the monthly figures from January to a month of a year, over its country partners and the flows asked for, with the same months of the year before." })
export class PeriodTotal {
  @Field(() => Period, { description: 'January to the last month included.' })
  period: Period;

  @Field(() => DecimalScalar, { nullable: true, description: 'The sum, exact, in the unit asked for; null when no monthly figure is stored for the span.' })
  value: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The same sum one year earlier.' })
  priorValue: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '(value / priorValue − 1) × 100, rounded half-up to 2 places; null with yoyGrowthNullReason.' })
  yoyGrowthPct: string | null;

  @Field(() => GrowthNullReason, { nullable: true })
  yoyGrowthNullReason: GrowthNullReason | null;
}

/** One of a port's largest partners in a year, with its share (see Port.topPartners). */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "One of a port's largest country partners in a year: its sum and its share of the port's sum over all its country partners." })
export class PartnerShare {
  @Field(() => Int, { description: '1 for the largest; equal sums are ranked by partner code.' })
  rank: number;

  @Field(() => Partner)
  partner: Partner;

  @Field(() => DecimalScalar, { description: "The partner's sum over the year's months, exact." })
  value: string;

  @Field(() => DecimalScalar, { description: "The port's sum over all its country partners." })
  portTotal: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'value × 100 / portTotal, rounded half-up to 2 places; null when portTotal is 0.' })
  sharePct: string | null;
}
