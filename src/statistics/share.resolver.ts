import { Arg, Ctx, Query, Resolver, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { StatisticalBasis, Unit } from '../common/enums';
import type { Context } from '../context';
import { BadInputError, BasisMismatchError } from '../errors';
import { Decimal, toDecimalOrNull, toPlainOrNull } from '../stats/decimal';
import { priorComparablePeriod } from '../stats/period';
import {
  basisOfSubject, BasisMismatchError as StatsBasisMismatch, assertSameBasis, compareShares, partOutsideWhole, shareStatus, StatisticalBasis as Basis, UnknownSubjectError,
} from '../stats/share';
import { periodArg } from '../observations/figure.service';
import { periodOf } from '../observations/figure.resolver';
import { Share } from './share.type';
import { SeriesInput } from './series.input';
import { asOfArg, deriveFigure, seriesKey } from './derivation.service';
import { derivedFigureOf } from './derived-figure.resolver';
import { AsOfArg } from './series-period.args';

const dec = (v: string | null): Decimal | null => (toDecimalOrNull(v));

/** share: a part's share of a whole, now and one year earlier. */
/**
 * The statistical basis of a series' subject (src/stats/share.ts basisOfSubject).
 * @throws BadInputError naming `argument` for a stored subject whose basis is not known (only
 *   bases can say whether a share compares like with like).
 */
function basisArg(argument: string, subjectCode: string): Basis {
  try {
    return basisOfSubject(subjectCode);
  } catch (e) {
    if (e instanceof UnknownSubjectError) {
      throw new BadInputError(argument, `subject ${JSON.stringify(subjectCode)} has no known statistical basis (port of clearance, regional consignee, customs district or partner national), so a share of it cannot be checked to compare like with like`);
    }
    throw e;
  }
}

@Resolver(() => Share)
export class ShareResolver {
  @Directive(PUBLIC)
  @Query(() => Share, {
    description: "A part's share of a whole over a period, e.g. part {subject: \"XZ\", partner: \"NP\"} of whole {subject: \"XZ\"} for 2020. Both are derived figures (stored, difference or sum). Refused with BASIS_MISMATCH when part and whole are on different statistical bases (a port against the region), and with BAD_USER_INPUT naming the part's field when the whole does not count all the part counts (subject within the whole's subject, measure within its measure (Measure.partOfCode), partner within its partner (ALL holds every partner, a group its countries), flow within its flow (TOTAL holds both)). Three statements: the codes of both series, the check, then the four derivations in one. An unknown subject, measure or partner is NOT_FOUND.",
  })
  async share(
    @Arg('part', () => SeriesInput, { description: 'The numerator series.' }) part: SeriesInput,
    @Arg('whole', () => SeriesInput, { description: 'The denominator series.' }) whole: SeriesInput,
    @Arg('unit', () => Unit, { description: 'Unit of both, e.g. CNY_MN.' }) unit: Unit,
    @Arg('period', { description: 'The period, e.g. "2020" or "2024-01..2024-03".' }) period: string,
    @AsOfArg() asOf: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<Share> {
    const p = periodArg('period', period);
    const vintage = asOfArg(asOf);
    const [partKey, wholeKey] = await Promise.all([seriesKey(ctx, part, unit, 'part'), seriesKey(ctx, whole, unit, 'whole')]);
    const basis = basisArg('part.subject', partKey.subjectCode);
    const wholeBasis = basisArg('whole.subject', wholeKey.subjectCode);
    try {
      assertSameBasis(basis, wholeBasis);
    } catch (e) {
      if (e instanceof StatsBasisMismatch) {
        throw new BasisMismatchError(
          `cannot take a share of ${partKey.subjectCode} (${basis}) in ${wholeKey.subjectCode} (${wholeBasis}): statistical bases differ; figures on different bases must not be added, subtracted or shared`,
          [basis, wholeBasis],
        );
      }
      throw e;
    }
    // The whole must count everything the part counts, or the share is no share (the world's
    // trade over Nepal's gave 201.04 %).
    const lineage = await ctx.repos.reference.shareLineage(partKey.subjectCode, wholeKey.subjectCode, partKey.measureCode);
    const outside = partOutsideWhole(partKey, wholeKey, lineage);
    if (outside) throw new BadInputError(`part.${outside.field}`, outside.reason);
    const prior = priorComparablePeriod(p);
    const [pn, wn, pp, wp] = await Promise.all([
      deriveFigure(ctx, partKey, p, vintage),
      deriveFigure(ctx, wholeKey, p, vintage),
      deriveFigure(ctx, partKey, prior, vintage),
      deriveFigure(ctx, wholeKey, prior, vintage),
    ]);
    const c = compareShares(toDecimalOrNull(pn.value), toDecimalOrNull(wn.value), toDecimalOrNull(pp.value), toDecimalOrNull(wp.value));
    return {
      period: periodOf(p),
      basis: basis as StatisticalBasis,
      part: derivedFigureOf(pn),
      whole: derivedFigureOf(wn),
      sharePct: toPlainOrNull(c.sharePct),
      status: c.sharePct === null ? null : (shareStatus(pn.status!, wn.status!) as Share['status']),
      priorPart: derivedFigureOf(pp),
      priorWhole: derivedFigureOf(wp),
      priorSharePct: toPlainOrNull(c.priorSharePct),
      shareChangePp: toPlainOrNull(c.shareChangePp),
      valueGrowthPct: toPlainOrNull(c.valueGrowthPct),
    };
  }
}
