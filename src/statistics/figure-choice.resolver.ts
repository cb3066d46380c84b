import { Args, Ctx, Query, Resolver, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import type { Context } from '../context';
import { toPlain } from '../stats/decimal';
import { FigureChoice as Choice, preferredOf } from '../observations/figure.service';
import type { FigureRecord } from '../observations/figure.record';
import { FigureChoice } from './figure-choice.type';
import { readSeriesPeriod, SeriesPeriodArgs } from './series-period.args';

/** The GraphQL shape of a choice among a key's observations. */
export function figureChoiceOf(c: Choice): FigureChoice {
  return {
    preferred: c.preferred,
    alternatives: c.alternatives,
    conflict: c.conflict,
    spreadAbs: c.spreadAbs === null ? null : toPlain(c.spreadAbs),
    spreadRelPct: c.spreadRelPct === null ? null : toPlain(c.spreadRelPct),
  };
}

/** figureChoice: the preferred figure among the sources' versions of one figure. */
@Resolver(() => FigureChoice)
export class FigureChoiceResolver {
  @Directive(PUBLIC)
  @Query(() => FigureChoice, {
    nullable: true,
    description: 'Every source\'s version of one figure (series, unit and exact period), the preferred one, a conflict flag and the spread; null when nothing is stored for it.',
  })
  async figureChoice(@Args(() => SeriesPeriodArgs) args: SeriesPeriodArgs, @Ctx() ctx: Context): Promise<FigureChoice | null> {
    const { key, period: p, asOf: vintage } = await readSeriesPeriod(ctx, args);
    const rows = await ctx.loaders.figuresAtKey.load({ ...key, periodStart: p.start, periodEnd: p.end, asOf: vintage });
    if (rows.length === 0) return null;
    return figureChoiceOf(preferredOf(vintage ? rows.map((r): FigureRecord => ({ ...r, asOf: vintage })) : rows));
  }
}
