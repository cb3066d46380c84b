import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';

/** What one import did, and who made it when (the import_batch row). */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'What an import did, and who made it when.' })
export class ImportResult {
  @Field(() => Int, { description: 'The import_batch id; every inserted observation points to it.' })
  batchId: number;

  @Field({ description: 'Who imported: apikey:NAME or jwt:SUBJECT (cli:USER for the command).' })
  importedBy: string;

  @Field(() => Date, { description: 'When the batch was written.' })
  importedAt: Date;

  @Field(() => Int, { description: 'New figures and new vintages written.' })
  inserted: number;

  @Field(() => Int, { description: 'Rows already stored with the same content (nothing written).' })
  unchanged: number;

  @Field(() => Int, { description: 'Stored vintages replaced by a changed value (kept, marked superseded).' })
  superseded: number;
}
