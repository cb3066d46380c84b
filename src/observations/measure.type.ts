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
}
