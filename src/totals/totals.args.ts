import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { Flow, Unit } from '../common/enums';
import { Length } from 'class-validator';
import { SUPPORTED_DATES } from '../stats/period';

/** The years a total may be asked for: those of the supported dates (1900..2099). */
const FIRST_YEAR = Number(SUPPORTED_DATES.start.slice(0, 4));
const LAST_YEAR = Number(SUPPORTED_DATES.end.slice(0, 4));

/** The series a port total adds up: measure, unit and flow; and the year. */
@ArgsType()
export class TotalsArgs {
  @Field(() => Int, { description: 'Calendar year, e.g. 2023.' })
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year: number;

  @Field({ defaultValue: 'trade_value', description: 'Measure code.' })
  @Length(1, 64)
  measure: string;

  @Field(() => Unit, { defaultValue: Unit.CNY_MN })
  unit: Unit;

  @Field(() => Flow, { defaultValue: Flow.TOTAL, description: 'TOTAL adds the import and the export figures (stored total-flow figures are then not added on top); IMPORT or EXPORT that flow only.' })
  flow: Flow;
}

/** {@link TotalsArgs} and the last month of the year-to-date span. */
@ArgsType()
export class YearToDateArgs extends TotalsArgs {
  @Field(() => Int, { defaultValue: 12, description: 'Last month included, 1–12 (default 12: the whole year).' })
  @Min(1)
  @Max(12)
  throughMonth: number;
}

/** Most partners a topPartners list may return. */
export const MAX_TOP_PARTNERS = 50;

/** {@link TotalsArgs} and how many partners. */
@ArgsType()
export class TopPartnersArgs extends TotalsArgs {
  @Field(() => Int, { defaultValue: 5, description: `How many partners, 1–${MAX_TOP_PARTNERS}.` })
  @Min(1)
  @Max(MAX_TOP_PARTNERS)
  first: number;
}
