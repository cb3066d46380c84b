import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import type { Context } from '../context';
import { LocalDateScalar } from '../common/scalars';
import { Figure } from '../observations/figure.type';
import type { FigureRecord, SourceRecord } from '../observations/figure.record';
import { Source } from './source.type';

@Resolver(() => Source)
export class SourceResolver {
  @Directive(PUBLIC)
  @Query(() => [Source], { description: 'Every source, by publication date (undated last).' })
  sources(@Ctx() ctx: Context): Promise<SourceRecord[]> {
    return ctx.repos.observations.listSources();
  }

  @Directive(PUBLIC)
  @Query(() => Source, { nullable: true })
  source(@Arg('id', () => Int) id: number, @Ctx() ctx: Context): Promise<SourceRecord | null> {
    return ctx.loaders.source.load(id);
  }

  @FieldResolver(() => [Figure], { description: 'What this source published (current vintages, or as known at asOf).' })
  async figures(@Root() s: SourceRecord, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | undefined, @Ctx() ctx: Context): Promise<FigureRecord[]> {
    const rows = await ctx.loaders.figuresOfSource.load({ sourceId: s.id, asOf: asOf ?? null });
    return asOf ? rows.map((r) => ({ ...r, asOf })) : rows;
  }
}
