import { Field, InputType, Int, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { IsOptional } from 'class-validator';
import { GrowthBasis, GrowthNullReason } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { Figure } from '../observations/figure.type';
import { FigureChoice } from './figure-choice.type';

/** Outcome of checking one reported growth. */
export enum GrowthCheckClass {
  WITHIN_TOLERANCE = 'WITHIN_TOLERANCE',
  BEYOND_TOLERANCE = 'BEYOND_TOLERANCE',
  UNCHECKABLE = 'UNCHECKABLE',
}
registerEnumType(GrowthCheckClass, {
  name: 'GrowthCheckClass',
  valuesConfig: {
    WITHIN_TOLERANCE: { description: '|reported − computed| ≤ tolerance (boundary included)' },
    BEYOND_TOLERANCE: { description: '|reported − computed| > tolerance' },
    UNCHECKABLE: { description: 'no growth can be computed: no prior figure stored, or no value (uncheckableReason says which)' },
  },
});

/** Tolerances, in percentage points, per growth basis. */
@InputType({ description: 'Tolerances between reported and computed growth, in percentage points, per growth basis.' })
export class ToleranceInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'For growth published in percent; default "0.5".' })
  @IsOptional()
  percentPp?: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'For a rounded Chinese multiple (增长N倍); default "10" (the multiple itself is only known to ±5 pp).' })
  @IsOptional()
  multipleRoundedPp?: string;
}

/** The tolerances a reconciliation used. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'The tolerances used, in percentage points.' })
export class Tolerance {
  @Field(() => DecimalScalar)
  percentPp: string;

  @Field(() => DecimalScalar)
  multipleRoundedPp: string;
}

/** One reported growth, checked against the growth computed from stored figures. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A growth a source reported, beside the growth computed from the stored figures (against the preferred prior figure).' })
export class GrowthCheck {
  @Field(() => Figure, { description: 'The figure whose source reported the growth (its priorFigure is the one used).' })
  figure: unknown;

  @Field(() => DecimalScalar, { description: 'Reported growth, percent.' })
  reportedYoyGrowthPct: string;

  @Field(() => GrowthBasis, { nullable: true })
  growthBasis: GrowthBasis | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Computed growth, percent, 2 places; null when uncheckable.' })
  yoyGrowthPct: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Reported minus computed, percentage points, exact.' })
  discrepancyPp: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The tolerance applied (per growth basis).' })
  tolerancePp: string | null;

  @Field(() => GrowthCheckClass)
  classification: GrowthCheckClass;

  @Field(() => GrowthNullReason, { nullable: true, description: 'For UNCHECKABLE: why no growth was computed (NO_PRIOR_OBSERVATION, NO_CURRENT_VALUE, ...).' })
  uncheckableReason: GrowthNullReason | null;
}

/** How many of each. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'Counts of the reconciliation.' })
export class ReconciliationCounts {
  @Field(() => Int, { description: 'Figures with a reported growth.' })
  reported: number;

  @Field(() => Int)
  withinTolerance: number;

  @Field(() => Int)
  beyondTolerance: number;

  @Field(() => Int)
  uncheckable: number;

  @Field(() => Int, { description: 'Figures (keys) whose sources give different values.' })
  conflicts: number;
}

/** The reconciliation of reported with computed growth, and the conflicts between sources. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'Every reported growth checked against the growth computed from stored figures (beyond tolerance: largest discrepancy first), the uncheckable ones, and the figures whose sources disagree.' })
export class Reconciliation {
  @Field(() => Tolerance)
  tolerance: Tolerance;

  @Field(() => ReconciliationCounts)
  counts: ReconciliationCounts;

  @Field(() => [GrowthCheck], { description: 'Largest |discrepancy| first, then by figure id.' })
  beyondTolerance: GrowthCheck[];

  @Field(() => [GrowthCheck], { description: 'Largest |discrepancy| first, then by figure id.' })
  withinTolerance: GrowthCheck[];

  @Field(() => [GrowthCheck], { description: 'Reported growths with no computed growth (no prior stored, or no value), by subject, period and key.' })
  uncheckable: GrowthCheck[];

  @Field(() => [FigureChoice], { description: 'Figures whose sources give different values, by subject, period and key.' })
  conflicts: FigureChoice[];
}
