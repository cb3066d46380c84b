import { Field, InputType } from 'type-graphql';

/**
 * One observation to import: the columns of the import file (README "Import format"), in
 * camelCase. Every cell is text, checked by the same validator as the import command
 * (src/import/tsv.ts), which reports every bad cell; omitted optional cells are blank.
 */
@InputType({ description: 'One observation to import: the columns of the import file, each as text; checked exactly as the import command checks a file row.' })
export class ObservationRowInput {
  @Field({ description: 'A measure code, e.g. trade_value.' })
  measure: string;

  @Field({ description: 'The reporting subject, e.g. XZ or PORT-GYIRONG.' })
  subject: string;

  @Field({ description: 'ISO 3166-1 alpha-2, GROUP-BRI, GROUP-RCEP or ALL.' })
  partner: string;

  @Field({ description: 'total, import or export.' })
  flow: string;

  @Field({ description: 'YYYY-MM-DD, inclusive.' })
  periodStart: string;

  @Field({ description: 'YYYY-MM-DD, inclusive.' })
  periodEnd: string;

  @Field({ nullable: true, description: 'A plain non-negative decimal as text ("4560"); blank only when the growth is given.' })
  value?: string;

  @Field({ description: 'CNY_MN, USD_MN, NPR_MN, TONNES, COUNT, VEHICLE_TRIPS, PERSON_CROSSINGS or PERSONS_PER_DAY.' })
  unit: string;

  @Field({ nullable: true, description: 'The published growth in percent, as text.' })
  reportedYoyGrowthPct?: string;

  @Field({ nullable: true, description: 'percent or multiple_rounded; blank when there is no growth.' })
  growthBasis?: string;

  @Field()
  sourcePublisher: string;

  @Field()
  sourceTitle: string;

  @Field({ nullable: true, description: 'An http(s) address.' })
  sourceUrl?: string;

  @Field({ nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' })
  sourceDate?: string;

  @Field({ nullable: true, description: 'A remark; "lower bound" marks the figure LOWER_BOUND.' })
  note?: string;
}
