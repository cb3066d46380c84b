import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { CodeArgs } from '../common/code.args';
import type { Context } from '../context';
import { normaliseCode } from '../observations/figure.service';
import { Measure } from '../observations/measure.type';
import type { MeasureEntity } from '../observations/measure.entity';
import { Partner } from './partner.type';
import type { PartnerEntity } from './partner.entity';

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => Partner, { nullable: true, description: 'A partner by code (NP, CN, GROUP-BRI, ALL...), ignoring case and surrounding spaces.' })
  partner(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context): Promise<PartnerEntity | null> {
    return ctx.loaders.partner.load(normaliseCode(code));
  }

  @Query(() => [Measure], { description: 'Every measure, by category and code.' })
  measures(@Ctx() ctx: Context): Promise<MeasureEntity[]> {
    return ctx.repos.reference.listMeasures();
  }
}
