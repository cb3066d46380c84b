import { Field, ObjectType } from 'type-graphql';

/** What an observation counts. */
@ObjectType({ description: 'What an observation counts, e.g. trade_value or cargo_weight.' })
export class Measure {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'TOTAL, PRODUCT or PHYSICAL.' })
  category: string;

  @Field()
  description: string;
}
