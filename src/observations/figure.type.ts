import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { Flow, GrowthBasis, ObservationStatus, Unit } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { Source } from '../sources/source.type';

/**
 * One published figure (an observation) as the API shows it. Stored fields are declared here;
 * derived ones (period, growth, conversion, subject, partner, measure) are resolved by
 * FigureResolver from the stored data.
 */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'One published figure (observation): its value exactly as the source printed it, its unit, period and source, and growth computed from stored data beside the growth the source reported.' })
export class Figure {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Measure code, e.g. trade_value.' })
  measureCode: string;

  @Field({ description: 'Subject (reporter) code, e.g. GROUP-XZ-4-LAND-PORTS.' })
  subjectCode: string;

  @Field({ description: 'Partner code: ISO 3166-1 alpha-2, GROUP-BRI, GROUP-RCEP or ALL.' })
  partnerCode: string;

  @Field(() => Flow)
  flow: Flow;

  @Field(() => DecimalScalar, { nullable: true, description: 'Exact value in `unit`, as published; null where the source gave only the growth.' })
  value: string | null;

  @Field(() => Unit)
  unit: Unit;

  @Field(() => ObservationStatus, { description: 'REPORTED, or LOWER_BOUND where the source said "more than".' })
  status: ObservationStatus;

  @Field(() => DecimalScalar, { nullable: true, description: 'Year-on-year growth as the source published it, in percent (a rounded multiple is converted: 增长1.2倍 = 120).' })
  reportedYoyGrowthPct: string | null;

  @Field(() => GrowthBasis, { nullable: true, description: 'How the source published its growth; null when it published none.' })
  growthBasis: GrowthBasis | null;

  @Field(() => String, { nullable: true, description: 'Remark on a trap, conflict, lower bound or assumed date.' })
  note: string | null;

  @Field(() => Source)
  source: Source;

  @Field({ description: 'When this vintage was imported.' })
  recordedAt: Date;
}
