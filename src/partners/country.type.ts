import { Directive, Field, ObjectType } from 'type-graphql';
import { key, PUBLIC, SHAREABLE } from '../federation/directives';

/**
 * A partner that is a country, as a federation entity keyed by its ISO 3166-1 alpha-2 code.
 * Its root value is the partner row (src/partners/partner.entity.ts) of kind COUNTRY; partner
 * groups (GROUP-BRI, GROUP-RCEP) and ALL are not countries.
 */
@Directive(key('isoCode'))
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A trading partner that is a country, keyed by its ISO 3166-1 alpha-2 code. Other subgraphs may extend it (a geography graph, say).' })
export class Country {
  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. NP.' })
  isoCode: string;

  @Directive(SHAREABLE)
  @Field({ description: 'English short name (from i18n-iso-countries), e.g. Nepal. Other subgraphs may resolve it too.' })
  name: string;
}
