import { Directive, Field, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { Partner } from './partner.type';
import { Figure } from '../observations/figure.type';

/** One partner of a subject, with the subject's figures for it. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A subject's trading partner, with the subject's figures for that partner." })
export class TradingPartner {
  @Field(() => Partner)
  partner: Partner;

  @Field(() => [Figure])
  figures: Figure[];
}
