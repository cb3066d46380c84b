import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Decimal, toPlain } from '../stats/decimal';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An exact decimal number, serialised as a string (`"4560"`, `"80.2"`, `"2530.52"`) so that no
 * JSON client turns it into a float. Accepted as input only as a string of that form.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "4560" or "-32.96". Never a float.',
  specifiedByURL: 'https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-NUMERIC-DECIMAL',
  serialize(value: unknown): string {
    if (typeof value === 'string' && PLAIN_DECIMAL.test(value)) return value;
    if (value instanceof Decimal) return toPlain(value);
    throw new GraphQLError(`Decimal cannot represent ${JSON.stringify(value)}`);
  },
  parseValue(value: unknown): string {
    if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) {
      throw new GraphQLError(`Decimal must be a string like "4560" or "-32.96", got ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral(ast): string {
    if (ast.kind !== Kind.STRING || !PLAIN_DECIMAL.test(ast.value)) {
      throw new GraphQLError('Decimal must be a string literal like "4560" or "-32.96"', { nodes: ast });
    }
    return ast.value;
  },
});

/** A calendar date, `YYYY-MM-DD` (graphql-scalars LocalDate). */
export const LocalDateScalar = GraphQLLocalDate;
