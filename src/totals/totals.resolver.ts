import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Flow, GrowthNullReason, PartnerKind } from '../common/enums';
import type { Context } from '../context';
import { listItemField, ListItemFields } from '../common/list-item-args';
import { codeArg, periodOfMonths } from '../observations/figure.service';
import { periodOf } from '../observations/figure.resolver';
import { toPlain, toPlainOrNull } from '../stats/decimal';
import { yoyGrowthPctText } from '../stats/growth';
import { sharePct } from '../stats/share';
import { Port } from '../subjects/port.type';
import type { PortEntity } from '../subjects/port.entity';
import { TopPartnersArgs, TotalsArgs, YearToDateArgs } from './totals.args';
import { MonthlyTotal, PartnerShare, PeriodTotal } from './totals.type';
import type { TotalsSpec } from './totals.repository';
import type { MonthlySpec, SpecLoader, TopPartnersSpec, YearToDateSpec } from './totals.loaders';
import type { Period } from '../observations/period.type';
import { NotFoundError } from '../errors';

/** The repository spec of GraphQL totals arguments (TOTAL = import + export). @throws BadInputError naming `measure` when it is spaces only. */
function specOf(a: TotalsArgs): TotalsSpec {
  return { measureCode: codeArg('measure', a.measure, true), unit: a.unit, flows: a.flow === Flow.TOTAL ? ['export', 'import'] : [a.flow] };
}

/**
 * `make(a)` once per args instance: the ports of a list share one instance per request
 * (src/common/list-item-args.ts), so their loader spec (and the year-to-date period) is built
 * once, and the same spec object lets SpecLoader (totals.loaders.ts) skip its group text.
 */
function perArgs<A extends object, T>(make: (a: A) => T): (a: A) => T {
  const memo = new WeakMap<A, T>();
  return (a) => {
    let v = memo.get(a);
    if (v === undefined) {
      v = make(a);
      memo.set(a, v);
    }
    return v;
  };
}

const monthlySpecOf = perArgs((a: TotalsArgs): MonthlySpec => ({ ...specOf(a), years: [a.year - 1, a.year] }));
const yearToDateOf = perArgs((a: YearToDateArgs): { spec: YearToDateSpec; period: Period } => ({
  spec: { ...specOf(a), year: a.year, through: a.throughMonth },
  period: periodOf(periodOfMonths(a.year, 1, a.throughMonth)),
}));
const topPartnersSpecOf = perArgs((a: TopPartnersArgs): TopPartnersSpec => ({ ...specOf(a), year: a.year, first: a.first }));

/**
 * After a port's totals came back empty: empty because the port has no figures of the measure,
 * or because no such measure exists. When the same statement returned rows for another port the
 * measure is stored; otherwise it is looked up (through the request's loader: one statement for a
 * whole list of ports).
 * @throws NotFoundError (NOT_FOUND) naming the measure when it is not stored.
 */
async function assertMeasureStored<S extends TotalsSpec>(ctx: Context, loader: SpecLoader<S, { subjectCode: string }>, spec: S): Promise<void> {
  if (loader.hadRows(spec)) return;
  if (!(await ctx.loaders.measure.load(spec.measureCode))) throw new NotFoundError('measure', spec.measureCode);
}

/** Growth fields of a sum against its prior sum (src/stats/growth.ts). */
function growthOf(value: string | null, prior: string | null): { yoyGrowthPct: string | null; yoyGrowthNullReason: GrowthNullReason | null } {
  const g = yoyGrowthPctText(value, prior === null ? undefined : prior);
  return { yoyGrowthPct: g.pct, yoyGrowthNullReason: g.nullReason as GrowthNullReason | null };
}

/**
 * Port totals: sums of the stored monthly figures computed by PostgreSQL (from the yearly
 * rollup), batched over ports through per-request loaders; growth and shares from src/stats.
 */
@Resolver(() => Port)
export class PortTotalsResolver {
  @FieldResolver(() => [MonthlyTotal], {
    description: "The port's monthly sums in a year over its country partners (never ALL or a group) and the flows asked for, each with growth against the same month one year earlier. Months without a stored figure are left out; at most 12 rows.",
  })
  async monthlyTotals(@Root() p: PortEntity, @Args(() => TotalsArgs) a: TotalsArgs, @Ctx() ctx: Context): Promise<MonthlyTotal[]> {
    const spec = monthlySpecOf(a);
    const rows = await ctx.loaders.monthlySums.load(p.code, spec);
    if (rows.length === 0) await assertMeasureStored(ctx, ctx.loaders.monthlySums, spec);
    const prior = new Map(rows.filter((r) => r.year === a.year - 1).map((r) => [r.month, r.value]));
    return rows
      .filter((r) => r.year === a.year)
      .map((r) => {
        const priorValue = prior.get(r.month) ?? null;
        return {
          period: periodOf(periodOfMonths(a.year, r.month, r.month)),
          value: toPlain(r.value),
          figureCount: r.figureCount,
          priorValue: priorValue === null ? null : toPlain(priorValue),
          ...growthOf(r.value, priorValue),
        };
      });
  }

  @FieldResolver(() => PeriodTotal, {
    description: "The port's sum from January to throughMonth of a year over its country partners and the flows asked for, with the same months of the year before and the growth.",
  })
  async yearToDate(@Root() p: PortEntity, @Args(() => YearToDateArgs) a: YearToDateArgs, @Ctx() ctx: Context): Promise<PeriodTotal> {
    const { spec, period } = yearToDateOf(a);
    const rows = await ctx.loaders.yearToDateSums.load(p.code, spec);
    if (rows.length === 0) await assertMeasureStored(ctx, ctx.loaders.yearToDateSums, spec);
    const value = rows.find((r) => r.year === a.year)?.value ?? null;
    const priorValue = rows.find((r) => r.year === a.year - 1)?.value ?? null;
    return {
      period,
      value: value === null ? null : toPlain(value),
      priorValue: priorValue === null ? null : toPlain(priorValue),
      ...growthOf(value, priorValue),
    };
  }

  @FieldResolver(() => [PartnerShare], {
    description: "The port's largest country partners by their sum over the months of a year (flows as asked), each with its share of the port's sum over all its country partners.",
  })
  async topPartners(@Root() p: PortEntity, @Args(() => TopPartnersArgs) a: TopPartnersArgs, @Ctx() ctx: Context): Promise<PartnerShare[]> {
    const spec = topPartnersSpecOf(a);
    const rows = await ctx.loaders.topPartners.load(p.code, spec);
    if (rows.length === 0) await assertMeasureStored(ctx, ctx.loaders.topPartners, spec);
    return rows.map((r) => {
      const share = sharePct(r.value, r.whole);
      return {
        rank: r.rank,
        partner: { code: r.partnerCode, name: r.partnerName, kind: r.partnerKind as PartnerKind },
        value: toPlain(r.value),
        portTotal: toPlain(r.whole),
        sharePct: toPlainOrNull(share),
      };
    });
  }
}

/**
 * The fields of {@link PortTotalsResolver} that a list of ports resolves once per port with the
 * same arguments, each with its args class: src/schema.ts has them convert and validate their
 * arguments once per request (src/common/list-item-args.ts), then call the same methods.
 */
export function portTotalsListItemFields(): ListItemFields {
  const r = new PortTotalsResolver();
  return {
    monthlyTotals: listItemField(TotalsArgs, (p: PortEntity, a, ctx: Context) => r.monthlyTotals(p, a, ctx)),
    yearToDate: listItemField(YearToDateArgs, (p: PortEntity, a, ctx: Context) => r.yearToDate(p, a, ctx)),
    topPartners: listItemField(TopPartnersArgs, (p: PortEntity, a, ctx: Context) => r.topPartners(p, a, ctx)),
  };
}
