import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { PeriodKind } from '../common/enums';
import { LocalDateScalar } from '../common/scalars';

/** A span of days, both ends inclusive, with its recognised kind and its readable label. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A span of days, both ends inclusive.' })
export class Period {
  @Field(() => LocalDateScalar, { description: 'First day covered (inclusive).' })
  start: string;

  @Field(() => LocalDateScalar, { description: 'Last day covered (inclusive).' })
  end: string;

  @Field(() => PeriodKind)
  kind: PeriodKind;

  @Field({ description: 'Readable form, e.g. "2023-11", "2023-Q1", "2023", "2023-01..2023-11", "FY2023/24".' })
  label: string;

  @Field(() => Int, { description: 'Number of days covered.' })
  days: number;
}
