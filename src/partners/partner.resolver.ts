import { Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { CodeArgs } from '../common/code.args';
import type { Context } from '../context';
import { normaliseCode } from '../observations/figure.service';
import { Measure } from '../observations/measure.type';
import type { MeasureEntity } from '../observations/measure.entity';
import { Partner } from './partner.type';
import { Country } from './country.type';
import type { PartnerEntity } from './partner.entity';

@Resolver(() => Partner)
export class PartnerResolver {
  @Directive(PUBLIC)
  @Query(() => Partner, { nullable: true, description: 'A partner by code (NP, CN, GROUP-BRI, ALL...), ignoring case and surrounding spaces.' })
  partner(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context): Promise<PartnerEntity | null> {
    return ctx.loaders.partner.load(normaliseCode(code));
  }

  @Directive(PUBLIC)
  @Query(() => [Measure], { description: 'Every measure, by category and code.' })
  measures(@Ctx() ctx: Context): Promise<MeasureEntity[]> {
    return ctx.repos.reference.listMeasures();
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The partner as a country (the federation entity keyed by isoCode); null for groups and ALL.' })
  country(@Root() p: PartnerEntity): PartnerEntity | null {
    return p.kind === 'COUNTRY' ? p : null;
  }
}
