import { Field, ObjectType, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { DecimalScalar } from '../common/scalars';
import { Figure } from '../observations/figure.type';

/**
 * The observations stored for one key (measure, subject, partner, flow, unit, period) from all
 * sources: the preferred one under the rule of src/stats/conflict.ts, the others, and how far apart they are.
 */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'All observations of one figure (same measure, subject, partner, flow, unit and period) from every source, and the preferred one. Rule (deterministic, first difference decides): a figure with a value; then status REPORTED > PROVISIONAL > DERIVED > ESTIMATED > LOWER_BOUND; then a dated source over an undated one (yearbooks), the later date first; then the lower id.' })
export class FigureChoice {
  @Field(() => Figure, { description: 'The preferred observation; growth and derivations use it.' })
  preferred: unknown;

  @Field(() => [Figure], { description: 'The other observations, in preference order, each with its source.' })
  alternatives: unknown[];

  @Field({ description: 'True when the values differ (4560 and 4560.0 do not).' })
  conflict: boolean;

  @Field(() => DecimalScalar, { nullable: true, description: 'Largest minus smallest value, exact, in the unit of the figures; 0 for agreeing sources.' })
  spreadAbs: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'spreadAbs × 100 / |preferred value|, in percent, rounded half-up to 2 places.' })
  spreadRelPct: string | null;
}
