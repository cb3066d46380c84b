import { Directive, Field, ObjectType } from 'type-graphql';
import { key, PUBLIC } from '../federation/directives';
import { SubjectKind } from '../common/enums';

/** A reporter: the region, a prefecture, a county, a port, the port group, a customs district, Nepal or a Nepal customs office. */
@Directive(key('code'))
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A subject (reporter) of statistics: the region XZ, a prefecture or county, a port, the four-port group, a customs district, Nepal or a Nepal customs office.' })
export class Subject {
  @Field({ description: 'Stable code, e.g. XZ, PORT-GYIRONG, GROUP-XZ-4-LAND-PORTS.' })
  code: string;

  @Field()
  name: string;

  @Field(() => SubjectKind)
  kind: SubjectKind;

  @Field(() => String, { nullable: true })
  chineseName: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;
}
