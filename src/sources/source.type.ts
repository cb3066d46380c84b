import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';

/** A document that published figures. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A document that published figures. Many addresses are copies or translations; publisher names the original outlet.' })
export class Source {
  @Field(() => Int)
  id: number;

  @Field()
  publisher: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true, description: 'Address; null where the source is cited without one.' })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'Publication date as published: YYYY, YYYY-MM or YYYY-MM-DD; null when unknown (yearbooks).' })
  publishedOn: string | null;
}
