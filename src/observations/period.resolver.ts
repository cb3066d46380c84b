import { Arg, FieldResolver, Query, Resolver, Root, Directive } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { priorComparablePeriod } from '../stats/period';
import { Period } from './period.type';
import { periodArg } from './figure.service';
import { periodOf } from './figure.resolver';

/** period: parse period text; Period.priorComparable. */
@Resolver(() => Period)
export class PeriodResolver {
  @Directive(PUBLIC)
  @Query(() => Period, {
    description: 'Parses a period written "2023", "2023-Q1", "2023-H1", "2023-11", "2023-01..2023-11", "2023-05-01..2023-08-30", "FY2023/24" (Nepali fiscal year, 16 Jul-15 Jul) or an ISO date; refused with BAD_USER_INPUT naming the reason.',
  })
  period(@Arg('text') text: string): Period {
    return periodOf(periodArg('text', text));
  }

  @FieldResolver(() => Period, {
    description: 'The comparable prior period: the same span one calendar year earlier, by calendar (2024-02 -> 2023-02-01..2023-02-28; 29 February maps to 28 February).',
  })
  priorComparable(@Root() p: Period): Period {
    return periodOf(priorComparablePeriod({ start: p.start, end: p.end }));
  }
}
