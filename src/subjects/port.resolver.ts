import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { PortLookupArgs } from './port.args';
import type { Context } from '../context';
import { BadInputError } from '../errors';
import { isIsoDate } from '../stats/period';
import { LocalDateScalar } from '../common/scalars';
import { Figure } from '../observations/figure.type';
import { FigureFilter } from '../observations/figure-filter.input';
import { figuresOf, normalisePortCode, toFigureQuery } from '../observations/figure.service';
import type { FigureRecord } from '../observations/figure.record';
import { Partner } from '../partners/partner.type';
import type { PartnerEntity } from '../partners/partner.entity';
import { TradingPartner } from '../partners/trading-partner.type';
import { Port } from './port.type';
import { PortEvent, PortStatus } from './port-event.type';
import { Subject } from './subject.type';
import type { PortEntity } from './port.entity';
import type { SubjectEntity } from './subject.entity';
import type { PortEventRecord } from './subject.repository';
import { portStatusOn } from './port-status';
import { tradingPartnersOf } from './subject.resolver';

function eventOf(e: PortEventRecord): PortEvent {
  return { date: e.eventDate, event: e.event as PortEvent['event'], detail: e.detail, source: e.source };
}

/** Today's date in UTC, ISO. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

@Resolver(() => Port)
export class PortResolver {
  @Directive(PUBLIC)
  @Query(() => [Port], { description: 'The land ports, by code; with `codes`, those of them (unknown codes are left out).' })
  ports(
    @Arg('codes', () => [String], { nullable: true, description: 'Port codes (PORT-ZHAM, or just ZHAM); at most 500.' }) codes: string[] | undefined,
    @Ctx() ctx: Context,
  ): Promise<readonly PortEntity[]> {
    if (codes && codes.length > 500) throw new BadInputError('codes', `lists ${codes.length} codes; at most 500`);
    return ctx.repos.reference.listPorts(codes?.map(normalisePortCode));
  }

  @Directive(PUBLIC)
  @Query(() => Port, {
    nullable: true,
    description: 'One port by code (PORT-ZHAM, or just ZHAM) or by any of its names (Zham, Zhangmu, 樟木), ignoring case and surrounding spaces. Give exactly one of code and name. Null when none matches.',
  })
  async port(
    @Args(() => PortLookupArgs) { code, name }: PortLookupArgs,
    @Ctx() ctx: Context,
  ): Promise<PortEntity | null> {
    if ((code === undefined || code === null) === (name === undefined || name === null)) {
      throw new BadInputError('code', 'give exactly one of "code" and "name"');
    }
    if (code !== undefined && code !== null) {
      return ctx.loaders.port.load(normalisePortCode(code));
    }
    const found = await ctx.repos.reference.findPortsByName(name as string);
    return found[0] ?? null;
  }

  @FieldResolver(() => Subject, { description: 'The port as a subject (reporter).' })
  async subject(@Root() p: PortEntity, @Ctx() ctx: Context): Promise<SubjectEntity> {
    return (await ctx.loaders.subject.load(p.code)) as SubjectEntity;
  }

  @FieldResolver(() => Subject, { description: 'Its prefecture.' })
  async prefecture(@Root() p: PortEntity, @Ctx() ctx: Context): Promise<SubjectEntity> {
    return (await ctx.loaders.subject.load(p.prefectureCode)) as SubjectEntity;
  }

  @FieldResolver(() => Subject, { description: 'Its region (XZ).' })
  async region(@Root() p: PortEntity, @Ctx() ctx: Context): Promise<SubjectEntity> {
    return (await ctx.loaders.subject.load(p.regionCode)) as SubjectEntity;
  }

  @FieldResolver(() => Partner, { description: 'The country its crossing faces.' })
  async counterpartCountry(@Root() p: PortEntity, @Ctx() ctx: Context): Promise<PartnerEntity> {
    return (await ctx.loaders.partner.load(p.counterpartCountry)) as PartnerEntity;
  }

  @FieldResolver(() => [PortEvent], { description: 'Openings, closures and reopenings, by date, each with its source.' })
  async events(@Root() p: PortEntity, @Ctx() ctx: Context): Promise<PortEvent[]> {
    return (await ctx.loaders.portEvents.load(p.code)).map(eventOf);
  }

  @FieldResolver(() => PortStatus, { description: 'Its status on a date (default: today), from its latest event on or before that date.' })
  async statusOn(@Root() p: PortEntity, @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | undefined, @Ctx() ctx: Context): Promise<PortStatus> {
    const d = date ?? today();
    if (!isIsoDate(d)) throw new BadInputError('date', `"${d}" is not a real date`);
    const { status, since } = portStatusOn(await ctx.loaders.portEvents.load(p.code), d);
    return { date: d, status: status as PortStatus['status'], since: since ? eventOf(since) : null };
  }

  @FieldResolver(() => [Figure], { description: 'Its published figures, filtered.' })
  figures(@Root() p: PortEntity, @Arg('filter', () => FigureFilter, { nullable: true }) filter: FigureFilter | undefined, @Ctx() ctx: Context): Promise<FigureRecord[]> {
    return figuresOf(ctx, p.code, toFigureQuery(filter));
  }

  @FieldResolver(() => [TradingPartner], { description: 'Its trading partners (not ALL) with its figures for each, filtered.' })
  tradingPartners(@Root() p: PortEntity, @Arg('filter', () => FigureFilter, { nullable: true }) filter: FigureFilter | undefined, @Ctx() ctx: Context): Promise<TradingPartner[]> {
    return tradingPartnersOf(ctx, p.code, filter);
  }
}
