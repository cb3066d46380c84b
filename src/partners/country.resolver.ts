import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { BadInputError, NotFoundError } from '../errors';
import { Figure } from '../observations/figure.type';
import { FigureFilter } from '../observations/figure-filter.input';
import { figuresOf, normaliseCode, toFigureQuery } from '../observations/figure.service';
import type { FigureRecord } from '../observations/figure.record';
import { Country } from './country.type';
import { Partner } from './partner.type';
import type { PartnerEntity } from './partner.entity';

/** The Country entity's fields; its root value is a partner row of kind COUNTRY. */
@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => String, { description: 'ISO 3166-1 alpha-2 code, e.g. NP.' })
  isoCode(@Root() p: PartnerEntity): string {
    return p.code;
  }

  @FieldResolver(() => Partner, { description: 'The country as a trading partner.' })
  partner(@Root() p: PartnerEntity): PartnerEntity {
    return p;
  }

  @FieldResolver(() => [Figure], {
    description: "A subject's figures with this country as partner (default subject XZ), filtered; `filter.partners` may not be given. Ordered by period, measure, partner, flow.",
  })
  async figures(
    @Root() p: PartnerEntity,
    @Arg('subject', () => String, { defaultValue: 'XZ', description: 'Subject (reporter) code; case and surrounding spaces are ignored.' }) subject: string,
    @Arg('filter', () => FigureFilter, { nullable: true }) filter: FigureFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<FigureRecord[]> {
    if (filter?.partners) throw new BadInputError('filter.partners', 'is fixed to this country on Country.figures');
    const code = normaliseCode(subject);
    if (code.length === 0) throw new BadInputError('subject', 'must not be empty');
    const query = { ...toFigureQuery(filter), partners: [p.code] };
    if (!(await ctx.loaders.subject.load(code))) throw new NotFoundError('subject', code);
    return figuresOf(ctx, code, query);
  }
}
