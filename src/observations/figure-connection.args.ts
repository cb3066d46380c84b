import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { FigureFilter } from './figure-filter.input';

/** Largest page a connection returns. */
export const MAX_PAGE_SIZE = 500;

/** Arguments of a figures connection: filter, page size and position. */
@ArgsType()
export class FigureConnectionArgs {
  @Field(() => FigureFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: FigureFilter;

  @Field(() => Int, { defaultValue: 50, description: `Page size, 1–${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number;

  @Field(() => String, { nullable: true, description: 'Return the figures after this cursor (pageInfo.endCursor of the previous page).' })
  @IsOptional()
  @Length(1, 1000)
  after?: string;
}
