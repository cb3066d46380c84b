import { Field, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { Flow, ObservationStatus, Unit } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { Figure } from '../observations/figure.type';

/** How a derived figure was made (src/statistics/derivation.service.ts). */
export enum DerivationMethod {
  REPORTED = 'REPORTED',
  DIFFERENCE = 'DIFFERENCE',
  SUM = 'SUM',
  NONE = 'NONE',
}
registerEnumType(DerivationMethod, {
  name: 'DerivationMethod',
  description: 'How a derived figure was made; the first that applies is used.',
  valuesConfig: {
    REPORTED: { description: 'a stored figure covers exactly the period (the preferred one where sources differ)' },
    DIFFERENCE: { description: 'later minus earlier of two cumulative figures with a common start (Jan-Nov minus Jan-Oct gives November)' },
    SUM: { description: 'the sum of the monthly figures of a period of whole months, only when every month has a value' },
    NONE: { description: 'nothing stored allows it' },
  },
});

/** Why a derived figure has no value. */
export enum DerivationNullReason {
  NOT_DERIVABLE = 'NOT_DERIVABLE',
  MISSING_MONTHS = 'MISSING_MONTHS',
  INPUT_VALUE_MISSING = 'INPUT_VALUE_MISSING',
}
registerEnumType(DerivationNullReason, {
  name: 'DerivationNullReason',
  valuesConfig: {
    NOT_DERIVABLE: { description: 'no stored figure for the period, no pair of cumulative figures to difference, and the period is not whole months' },
    MISSING_MONTHS: { description: 'a sum of months lacks some months (listed in missingMonths)' },
    INPUT_VALUE_MISSING: { description: 'a cumulative figure needed for the difference was published without a value' },
  },
});

/**
 * A series' figure over a period, reported or derived from stored figures, with the figures it
 * used (each with its source) and its growth against the same derivation one year earlier.
 */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A series' figure over any period: the stored figure for exactly that period, or one derived by difference of cumulative figures or by a sum of months, with every figure used and its source. Never mixes statistical bases: all inputs belong to the one series." })
export class DerivedFigure {
  @Field({ description: 'Subject code of the series.' })
  subjectCode: string;

  @Field({ description: 'Measure code of the series.' })
  measureCode: string;

  @Field({ description: 'Partner code of the series.' })
  partnerCode: string;

  @Field(() => Flow)
  flow: Flow;

  @Field(() => Unit, { description: 'Unit of value; all inputs are in it.' })
  unit: Unit;

  @Field(() => DecimalScalar, { nullable: true, description: 'Exact value (a difference or sum is exact, never rounded); null with nullReason.' })
  value: string | null;

  @Field(() => ObservationStatus, { nullable: true, description: "REPORTED/LOWER_BOUND as stored for method REPORTED; for a derived value the weakest of its inputs (src/stats/status.ts): DERIVED from reported inputs, LOWER_BOUND from a lower-bound sum term or minuend, ESTIMATED when a lower bound is subtracted. Null when value is null." })
  status: ObservationStatus | null;

  @Field(() => DerivationMethod)
  method: DerivationMethod;

  @Field(() => [Figure], { description: 'The stored figures used, each with its source: [the figure] for REPORTED, [later, earlier] for DIFFERENCE, the months present in order for SUM.' })
  inputs: unknown[];

  @Field({ description: 'True when every input comes from one source; a difference of figures from two publications is allowed (same series and basis) but flagged here.' })
  inputsFromOneSource: boolean;

  @Field(() => [String], { description: 'For SUM: the months (YYYY-MM) without a value; empty otherwise.' })
  missingMonths: string[];

  @Field(() => DerivationNullReason, { nullable: true, description: 'Why value is null; null when it is not.' })
  nullReason: DerivationNullReason | null;
}
