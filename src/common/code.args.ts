import { Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

/** A lookup by code; case and surrounding spaces are ignored by the resolvers. */
@ArgsType()
export class CodeArgs {
  @Field({ description: 'The code; case and surrounding spaces are ignored.' })
  @Length(1, 64)
  code: string;
}
