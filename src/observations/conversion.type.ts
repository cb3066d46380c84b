import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { INACCESSIBLE, PUBLIC } from '../federation/directives';
import { Currency } from '../common/enums';
import { DecimalScalar } from '../common/scalars';
import { Period } from './period.type';
import { Source } from '../sources/source.type';

/** Why a converted value is null. */
export enum ConversionNullReason {
  NOT_A_CURRENCY = 'NOT_A_CURRENCY',
  NO_VALUE = 'NO_VALUE',
  NO_RATE_FOR_PERIOD = 'NO_RATE_FOR_PERIOD',
}
registerEnumType(ConversionNullReason, {
  name: 'ConversionNullReason',
  valuesConfig: {
    NOT_A_CURRENCY: { description: 'the figure is not money (tonnes, trips, counts)' },
    NO_VALUE: { description: 'the figure has no value' },
    NO_RATE_FOR_PERIOD: { description: "no stored exchange rate covers the figure's period" },
  },
});

/** A sourced exchange rate: baseAmount of baseCurrency equals quoteAmount of quoteCurrency. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A sourced exchange rate, kept as the published pair: baseAmount baseCurrency = quoteAmount quoteCurrency.' })
export class ExchangeRate {
  @Directive(INACCESSIBLE)
  @Field(() => Int, { description: 'Database row id: internal, hidden from the supergraph.' })
  id: number;

  @Field(() => Currency)
  baseCurrency: string;

  @Field(() => DecimalScalar)
  baseAmount: string;

  @Field(() => Currency)
  quoteCurrency: string;

  @Field(() => DecimalScalar)
  quoteAmount: string;

  @Field(() => DecimalScalar, { description: 'quoteAmount / baseAmount, rounded to 6 places (display only; conversions use the exact pair).' })
  rate: string;

  @Field(() => Period)
  period: Period;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Source)
  source: Source;
}

/** A figure's value in another currency, with the rate used. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A figure's value in another currency, converted with the rate of the figure's own period." })
export class CurrencyConversion {
  @Field(() => Currency)
  currency: Currency;

  @Field(() => DecimalScalar, { nullable: true, description: 'Value in millions of `currency`, rounded half-up to 4 places; null with nullReason.' })
  value: string | null;

  @Field(() => ExchangeRate, { nullable: true, description: 'The rate used; null when none (or the same currency).' })
  rate: ExchangeRate | null;

  @Field(() => ConversionNullReason, { nullable: true })
  nullReason: ConversionNullReason | null;
}
