import { Arg, Ctx, Query, Resolver, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { Currency } from '../common/enums';
import type { Context } from '../context';
import { BadInputError } from '../errors';
import { ExchangeRate } from './conversion.type';
import { periodArg } from './figure.service';
import { rateOf } from './figure.resolver';

/** exchangeRates: the stored sourced exchange rates. */
@Resolver(() => ExchangeRate)
export class ExchangeRateResolver {
  @Directive(PUBLIC)
  @Query(() => [ExchangeRate], {
    description: "The stored exchange rates, each for a period and with its source, ordered by period. Optionally only those involving a currency (or a pair) and overlapping a period. Figure.converted uses the rate whose period contains the figure's own period.",
  })
  async exchangeRates(
    @Arg('currency', () => Currency, { nullable: true, description: 'Only rates with this currency on either side.' }) currency: Currency | undefined,
    @Arg('other', () => Currency, { nullable: true, description: 'With `currency`: only rates between the two (another currency; the same one is refused).' }) other: Currency | undefined,
    @Arg('period', () => String, { nullable: true, description: 'Only rates whose period overlaps this one, e.g. "2023".' }) period: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<ExchangeRate[]> {
    if (currency && other === currency) throw new BadInputError('other', `is ${other}, the same as "currency": a rate is between two different currencies`);
    const p = period ? periodArg('period', period) : null;
    const currencies = [currency, other].filter((c): c is Currency => !!c);
    const rows = await ctx.repos.observations.listRates({ currencies, from: p?.start, to: p?.end });
    return rows.map(rateOf);
  }
}
