import { IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Flow } from '../common/enums';

/**
 * A series: the key of comparable figures without unit and period (measure, subject, partner,
 * flow). Codes are trimmed; subject and partner are upper-cased, the measure lower-cased.
 */
@InputType({ description: 'A series of comparable figures: subject, measure, partner and flow (the unit and period are given beside it).' })
export class SeriesInput {
  @Field({ description: 'Subject (reporter) code, e.g. "XZ", "PORT-GYIRONG", "GROUP-XZ-4-LAND-PORTS".' })
  @Length(1, 64)
  subject: string;

  @Field({ defaultValue: 'trade_value', description: 'Measure code; default "trade_value".' })
  @IsOptional()
  @Length(1, 64)
  measure: string;

  @Field({ defaultValue: 'ALL', description: 'Partner code: ISO 3166-1 alpha-2 ("NP"), "GROUP-BRI", "GROUP-RCEP" or "ALL" (default, the world total).' })
  @IsOptional()
  @Length(1, 32)
  partner: string;

  // No GraphQL default value: the subgraph schema is rebuilt from SDL, where an enum default would
  // arrive as its name (TOTAL), not its internal value (total). Omitted or null means TOTAL.
  @Field(() => Flow, { nullable: true, description: 'TOTAL, IMPORT or EXPORT, seen from the subject; omitted or null: TOTAL.' })
  @IsOptional()
  flow?: Flow | null;
}
