import { Arg, Ctx, Query, Resolver, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { GrowthBasis, GrowthNullReason } from '../common/enums';
import type { Context } from '../context';
import { toPlain } from '../stats/decimal';
import { GrowthCheck, GrowthCheckClass, Reconciliation, ToleranceInput } from './reconciliation.type';
import { GrowthCheckRecord, reconcile, tolerancesOf } from './reconciliation.service';
import { asOfArg } from './derivation.service';
import { figureChoiceOf } from './figure-choice.resolver';
import { AsOfArg } from './series-period.args';

function checkOf(c: GrowthCheckRecord): GrowthCheck {
  const r = c.result;
  return {
    figure: c.figure,
    reportedYoyGrowthPct: toPlain(r.reportedPct),
    growthBasis: r.basis as GrowthBasis | null,
    yoyGrowthPct: r.computedPct === null ? null : toPlain(r.computedPct),
    discrepancyPp: r.discrepancyPp === null ? null : toPlain(r.discrepancyPp),
    tolerancePp: r.tolerancePp === null ? null : toPlain(r.tolerancePp),
    classification: r.classification as GrowthCheckClass,
    uncheckableReason: r.classification === 'UNCHECKABLE' ? (c.growthNullReason as GrowthNullReason | null) : null,
  };
}

/** reconciliation: reported against computed growth, and conflicts between sources. */
@Resolver(() => Reconciliation)
export class ReconciliationResolver {
  @Directive(PUBLIC)
  @Query(() => Reconciliation, {
    description: 'Every figure whose source reported a growth, checked against the growth computed from the stored prior figure: beyond tolerance (largest first), within, and uncheckable (no prior stored); plus every figure whose sources disagree. Default tolerance 0.5 pp for percent growth, 10 pp for a rounded multiple. Same as `npm run reconcile`.',
  })
  async reconciliation(
    @Arg('tolerance', () => ToleranceInput, { nullable: true }) tolerance: ToleranceInput | undefined,
    @AsOfArg() asOf: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<Reconciliation> {
    const t = tolerancesOf(tolerance?.percentPp, tolerance?.multipleRoundedPp);
    const r = await reconcile(ctx, t, asOfArg(asOf));
    return {
      tolerance: { percentPp: toPlain(t.percentPp), multipleRoundedPp: toPlain(t.multipleRoundedPp) },
      counts: {
        reported: r.beyond.length + r.within.length + r.uncheckable.length,
        withinTolerance: r.within.length,
        beyondTolerance: r.beyond.length,
        uncheckable: r.uncheckable.length,
        conflicts: r.conflicts.length,
      },
      beyondTolerance: r.beyond.map(checkOf),
      withinTolerance: r.within.map(checkOf),
      uncheckable: r.uncheckable.map(checkOf),
      conflicts: r.conflicts.map(figureChoiceOf),
    };
  }
}
