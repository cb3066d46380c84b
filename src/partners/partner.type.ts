import { Directive, Field, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { PartnerKind } from '../common/enums';

/** A trading partner: a country (ISO 3166-1 alpha-2), a partner group, or ALL. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A trading partner: a country (ISO 3166-1 alpha-2), a group (GROUP-BRI, GROUP-RCEP) or ALL (the world).' })
export class Partner {
  @Field({ description: 'ISO 3166-1 alpha-2 code, or GROUP-BRI, GROUP-RCEP, ALL.' })
  code: string;

  @Field({ description: 'English name (countries: from i18n-iso-countries).' })
  name: string;

  @Field(() => PartnerKind)
  kind: PartnerKind;
}
