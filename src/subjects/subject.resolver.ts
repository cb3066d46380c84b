import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { CodeArgs } from '../common/code.args';
import { StatisticalBasis, SubjectKind } from '../common/enums';
import type { Context } from '../context';
import { NotFoundError } from '../errors';
import { basisOfSubject, UnknownSubjectError } from '../stats/share';
import { Figure } from '../observations/figure.type';
import { FigureFilter } from '../observations/figure-filter.input';
import { figuresOf, normaliseCode, toFigureQuery } from '../observations/figure.service';
import type { FigureRecord } from '../observations/figure.record';
import { TradingPartner } from '../partners/trading-partner.type';
import type { PartnerEntity } from '../partners/partner.entity';
import { Port } from './port.type';
import { Subject } from './subject.type';
import type { SubjectEntity } from './subject.entity';
import type { PortEntity } from './port.entity';

/**
 * A subject's partner figures grouped by partner, in order of first appearance; partner ALL
 * (the world total) is not a partner and is left out.
 */
export async function tradingPartnersOf(ctx: Context, subjectCode: string, filter: FigureFilter | undefined): Promise<TradingPartner[]> {
  const figures = (await figuresOf(ctx, subjectCode, toFigureQuery(filter))).filter((f) => f.partnerCode !== 'ALL');
  const byPartner = new Map<string, FigureRecord[]>();
  for (const f of figures) byPartner.set(f.partnerCode, [...(byPartner.get(f.partnerCode) ?? []), f]);
  const partners = await ctx.loaders.partner.loadMany([...byPartner.keys()]);
  return partners.map((p, i) => ({ partner: p as PartnerEntity, figures: [...byPartner.values()][i] })) as unknown as TradingPartner[];
}

@Resolver(() => Subject)
export class SubjectResolver {
  @Directive(PUBLIC)
  @Query(() => Subject, { nullable: true, description: 'A subject by code (case and surrounding spaces ignored); null when unknown.' })
  subject(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context): Promise<SubjectEntity | null> {
    return ctx.loaders.subject.load(normaliseCode(code));
  }

  @Directive(PUBLIC)
  @Query(() => [Subject], { description: 'All subjects, or those of the given kinds (none for an empty list), by code.' })
  subjects(@Arg('kinds', () => [SubjectKind], { nullable: true }) kinds: SubjectKind[] | undefined, @Ctx() ctx: Context): Promise<SubjectEntity[]> {
    return ctx.repos.reference.listSubjects(kinds ? [...new Set(kinds)] : undefined);
  }

  @Directive(PUBLIC)
  @Query(() => Subject, { description: 'The Xizang Autonomous Region (XZ).' })
  async region(@Ctx() ctx: Context): Promise<SubjectEntity> {
    const xz = await ctx.loaders.subject.load('XZ');
    if (!xz) throw new NotFoundError('subject', 'XZ');
    return xz;
  }

  @FieldResolver(() => Subject, { nullable: true, description: 'The subject this one belongs to (a port’s prefecture, a prefecture’s region).' })
  parent(@Root() s: SubjectEntity, @Ctx() ctx: Context): Promise<SubjectEntity | null> | null {
    return s.parentCode ? ctx.loaders.subject.load(s.parentCode) : null;
  }

  @FieldResolver(() => [Subject], { description: 'Subjects that belong to this one.' })
  children(@Root() s: SubjectEntity, @Ctx() ctx: Context): Promise<SubjectEntity[]> {
    return ctx.loaders.children.load(s.code);
  }

  @FieldResolver(() => StatisticalBasis, {
    nullable: true,
    description: 'The basis its figures are counted on; figures on different bases are never added or shared. Null only for a subject whose code follows none of the known patterns: the synthetic BENCH-* subjects of the benchmark (no reference file may add one).',
  })
  basis(@Root() s: SubjectEntity): StatisticalBasis | null {
    try {
      return basisOfSubject(s.code) as StatisticalBasis;
    } catch (e) {
      if (e instanceof UnknownSubjectError) return null;
      throw e;
    }
  }

  @FieldResolver(() => Port, { nullable: true, description: 'The port, when the subject is one.' })
  port(@Root() s: SubjectEntity, @Ctx() ctx: Context): Promise<PortEntity | null> | null {
    return s.kind === 'PORT' ? ctx.loaders.port.load(s.code) : null;
  }

  @FieldResolver(() => [Figure], { description: 'Its published figures, filtered (trade values, cargo weight, vehicle trips and other measures).' })
  figures(@Root() s: SubjectEntity, @Arg('filter', () => FigureFilter, { nullable: true }) filter: FigureFilter | undefined, @Ctx() ctx: Context): Promise<FigureRecord[]> {
    return figuresOf(ctx, s.code, toFigureQuery(filter));
  }

  @FieldResolver(() => [TradingPartner], { description: 'Its trading partners (countries and groups, not ALL) with its figures for each, filtered (e.g. by period).' })
  tradingPartners(@Root() s: SubjectEntity, @Arg('filter', () => FigureFilter, { nullable: true }) filter: FigureFilter | undefined, @Ctx() ctx: Context): Promise<TradingPartner[]> {
    return tradingPartnersOf(ctx, s.code, filter);
  }
}
