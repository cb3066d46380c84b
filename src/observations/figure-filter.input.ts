import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Flow, Unit } from '../common/enums';
import { LocalDateScalar } from '../common/scalars';

/**
 * Which figures to return. Every field is optional and they combine with AND.
 * Periods are given in text form (`2023`, `2023-Q1`, `2023-H1`, `2023-11`, `2023-01..2023-11`,
 * `2023-05-01..2023-08-30`, `FY2023/24`) or as ISO dates.
 */
@InputType({ description: 'Which figures to return; fields combine with AND.' })
export class FigureFilter {
  @Field(() => [String], { nullable: true, description: 'Measure codes, e.g. ["trade_value"]; an empty list matches nothing.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 64, { each: true })
  measures?: string[];

  @Field(() => Flow, { nullable: true })
  flow?: Flow;

  @Field(() => [String], { nullable: true, description: 'Partner codes, e.g. ["NP"], ["ALL"]; an empty list matches nothing.' })
  @IsOptional()
  @ArrayMaxSize(300)
  @Length(1, 32, { each: true })
  partners?: string[];

  @Field(() => Unit, { nullable: true })
  unit?: Unit;

  @Field({ nullable: true, description: 'Exactly this span, e.g. "2023-01..2023-11" or "2023".' })
  @IsOptional()
  @Length(4, 40)
  period?: string;

  @Field({ nullable: true, description: 'Only figures starting on or after the start of this period or date, e.g. "2020" or "2020-07-01".' })
  @IsOptional()
  @Length(4, 40)
  from?: string;

  @Field({ nullable: true, description: 'Only figures ending on or before the end of this period or date, e.g. "2023" or "2023-11-30".' })
  @IsOptional()
  @Length(4, 40)
  to?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Answer with what was known at the end of this day (earlier vintages); default: the latest.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  asOf?: string;
}
