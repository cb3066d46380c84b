import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Decimal, DECIMAL_DIGITS, isPlainDecimalWithinLimits, toPlain } from '../stats/decimal';
import { isSupportedDate, SUPPORTED_DATES } from '../stats/period';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** At most this many characters of a refused value are shown in the error. */
const SHOWN_CHARACTERS = 40;

/**
 * The value of a Decimal argument or variable, or a GraphQLError saying why not: not a string of
 * plain decimal form, or more digits than {@link DECIMAL_DIGITS} (20 before the point, 10 after).
 * The digit limit keeps every computation on an argument small (a tolerance of "0." + 80,000
 * zeros + "1" once held the process for 22 s); a refused value is shown cut to 40 characters.
 */
function decimalInput(value: unknown, nodes?: ValueNode): string {
  // One scan accepts; the form is looked at again only to say why a value was refused.
  if (typeof value === 'string' && isPlainDecimalWithinLimits(value)) return value;
  const shown = (v: string) => JSON.stringify(v.length > SHOWN_CHARACTERS ? `${v.slice(0, SHOWN_CHARACTERS)}…` : v);
  if (typeof value === 'string' && PLAIN_DECIMAL.test(value)) {
    throw new GraphQLError(`Decimal has more digits than any figure needs (at most ${DECIMAL_DIGITS.integer} before the point and ${DECIMAL_DIGITS.fraction} after), got ${shown(value)}`, { nodes });
  }
  if (nodes) throw new GraphQLError('Decimal must be a string literal like "4560" or "-32.96"', { nodes });
  throw new GraphQLError(`Decimal must be a string like "4560" or "-32.96", got ${typeof value === 'string' ? shown(value) : JSON.stringify(value)}`);
}

/**
 * An exact decimal number, serialised as a string (`"4560"`, `"80.2"`, `"2530.52"`) so that no
 * JSON client turns it into a float. Accepted as input only as a string of that form, with at
 * most 20 digits before the point and 10 after.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "4560" or "-32.96". Never a float. As input: at most 20 digits before the point and 10 after.',
  specifiedByURL: 'https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-NUMERIC-DECIMAL',
  serialize(value: unknown): string {
    if (typeof value === 'string' && PLAIN_DECIMAL.test(value)) return value;
    if (value instanceof Decimal) return toPlain(value);
    throw new GraphQLError(`Decimal cannot represent ${JSON.stringify(value)}`);
  },
  parseValue(value: unknown): string {
    return decimalInput(value);
  },
  parseLiteral(ast): string {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal must be a string literal like "4560" or "-32.96"', { nodes: ast });
    return decimalInput(ast.value, ast);
  },
});

/** How many distinct dates {@link LocalDateScalar} remembers as checked before it forgets them all. */
export const CHECKED_DATES_REMEMBERED = 10000;

let checkedDates = new Set<string>();

/**
 * A LocalDate argument or variable within {@link SUPPORTED_DATES} (1900-01-01..2099-12-31), or a
 * GraphQLError saying so: PostgreSQL has no year 0, so `asOf: "0000-01-01"` failed inside a
 * statement as an internal error, and no figure or period lies outside that range.
 */
function supportedDateInput(date: string, nodes?: ValueNode): string {
  if (isSupportedDate(date)) return date;
  throw new GraphQLError(`Value is not a supported LocalDate: ${date} (dates run from ${SUPPORTED_DATES.start} to ${SUPPORTED_DATES.end})`, { nodes });
}

/**
 * A calendar date, `YYYY-MM-DD`: graphql-scalars' LocalDate (same name, description, parsing and
 * errors; as input only dates from 1900-01-01 to 2099-12-31), whose serialisation remembers the
 * dates it has already checked. LocalDate checks each value by parsing it into a Date and
 * printing it back, and a page of 50 figures serialises 100
 * dates, nearly all the same few (measured: about 0.1 ms of a 2 ms request); a date it refuses is
 * never remembered.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  ...GraphQLLocalDate.toConfig(),
  parseValue(value: unknown): string {
    return supportedDateInput(GraphQLLocalDate.parseValue(value) as string);
  },
  parseLiteral(ast, variables): string {
    return supportedDateInput(GraphQLLocalDate.parseLiteral(ast, variables) as string, ast);
  },
  serialize(value: unknown): string {
    if (typeof value === 'string' && checkedDates.has(value)) return value;
    const checked = GraphQLLocalDate.serialize(value) as string;
    if (checkedDates.size >= CHECKED_DATES_REMEMBERED) checkedDates = new Set();
    checkedDates.add(checked);
    return checked;
  },
});
