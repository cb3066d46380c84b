import { Directive, Field, ObjectType } from 'type-graphql';
import { key, PUBLIC } from '../federation/directives';

/** A land port on the Nepal border (data/ports.tsv). */
@Directive(key('code'))
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A land port of Xizang on the Nepal border. Its code is also its subject code." })
export class Port {
  @Field({ description: 'e.g. PORT-ZHAM.' })
  code: string;

  @Field()
  name: string;

  @Field(() => [String], { description: 'Other spellings, e.g. Zhangmu, Dram, Khasa for Zham.' })
  otherNames: string[];

  @Field()
  chineseName: string;

  @Field()
  county: string;

  @Field({ description: 'The crossing the port faces on the other side.' })
  counterpartCrossing: string;

  @Field(() => String, { nullable: true, description: 'UN/LOCODE, e.g. "CN GIR"; null where none exists.' })
  unLocode: string | null;

  @Field(() => String, { nullable: true })
  notes: string | null;
}
