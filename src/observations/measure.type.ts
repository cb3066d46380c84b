import { Directive, Field, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';

/** What an observation counts. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'What an observation counts, e.g. trade_value or cargo_weight.' })
export class Measure {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'TOTAL, PRODUCT or PHYSICAL.' })
  category: string;

  @Field()
  description: string;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the broader measure whose figures include this one\'s (garment_trade_value is part of labour_intensive_trade_value, which is part of trade_value); null when none. A share needs its part\'s measure to be the whole\'s or part of it.',
  })
  partOfCode: string | null;
}
