/**
 * The scalars of src/common/scalars.ts: Decimal as an exact string, and LocalDate, which is
 * graphql-scalars' LocalDate with a memory of the dates its serialisation already checked.
 */
import { GraphQLLocalDate } from 'graphql-scalars';
import { Kind } from 'graphql';
import { CHECKED_DATES_REMEMBERED, DecimalScalar, LocalDateScalar } from '../../src/common/scalars';
import { Decimal } from '../../src/stats/decimal';

describe('LocalDate', () => {
  test('is graphql-scalars\' LocalDate to clients: same name, description and parsing', () => {
    expect(LocalDateScalar.name).toBe('LocalDate');
    expect(LocalDateScalar.description).toBe(GraphQLLocalDate.description);
    expect(LocalDateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => LocalDateScalar.parseValue('2023-02-29')).toThrow('Value is not a valid LocalDate: 2023-02-29');
    expect(LocalDateScalar.parseLiteral({ kind: Kind.STRING, value: '2023-11-30' }, {})).toBe('2023-11-30');
  });

  test('serialises real dates, again and again; refuses an impossible date every time, never remembering it', () => {
    for (let i = 0; i < 3; i++) expect(LocalDateScalar.serialize('2023-01-31')).toBe('2023-01-31');
    for (let i = 0; i < 3; i++) expect(() => LocalDateScalar.serialize('2023-02-30')).toThrow('Value is not a valid LocalDate: 2023-02-30');
    expect(() => LocalDateScalar.serialize('2023-1-31')).toThrow('Value is not a valid LocalDate: 2023-1-31');
    expect(() => LocalDateScalar.serialize(20230131)).toThrow('Value is not string: 20230131');
  });

  test('past its memory it forgets and checks again, still right', () => {
    const start = Date.UTC(1900, 0, 1);
    for (let d = 0; d <= CHECKED_DATES_REMEMBERED + 5; d++) {
      const iso = new Date(start + d * 86400000).toISOString().slice(0, 10);
      expect(LocalDateScalar.serialize(iso)).toBe(iso);
    }
    expect(LocalDateScalar.serialize('1900-01-01')).toBe('1900-01-01');
    expect(() => LocalDateScalar.serialize('1900-02-29')).toThrow('Value is not a valid LocalDate: 1900-02-29'); // 1900 was no leap year
  });
});

describe('LocalDate as input', () => {
  test('a real date from 1900-01-01 to 2099-12-31 is accepted; year 0 (PostgreSQL has none) and others outside are refused, as variables and literals', () => {
    expect(LocalDateScalar.parseValue('1900-01-01')).toBe('1900-01-01');
    expect(LocalDateScalar.parseValue('2099-12-31')).toBe('2099-12-31');
    expect(LocalDateScalar.parseLiteral({ kind: Kind.STRING, value: '2024-02-29' }, {})).toBe('2024-02-29');
    for (const d of ['0000-01-01', '1899-12-31', '2100-01-01']) {
      expect(() => LocalDateScalar.parseValue(d)).toThrow(`Value is not a supported LocalDate: ${d} (dates run from 1900-01-01 to 2099-12-31)`);
      expect(() => LocalDateScalar.parseLiteral({ kind: Kind.STRING, value: d }, {})).toThrow(/is not a supported LocalDate/);
    }
    // graphql-scalars' own refusals are unchanged.
    expect(() => LocalDateScalar.parseValue('2023-02-30')).toThrow('Value is not a valid LocalDate: 2023-02-30');
  });
});

describe('Decimal', () => {
  test('serialises plain decimal strings as they are and Decimal values in plain notation; refuses floats', () => {
    expect(DecimalScalar.serialize('4560')).toBe('4560');
    expect(DecimalScalar.serialize(new Decimal('2530.520'))).toBe('2530.52');
    expect(DecimalScalar.serialize(new Decimal('1e21'))).toBe('1000000000000000000000');
    expect(() => DecimalScalar.serialize(80.2)).toThrow('Decimal cannot represent 80.2');
    expect(() => DecimalScalar.parseValue(80.2)).toThrow('Decimal must be a string like "4560" or "-32.96", got 80.2');
  });

  test('as input: at most 20 digits before the point (leading zeros not counted) and 10 after, refused at once however long, shown cut to 40 characters', () => {
    expect(DecimalScalar.parseValue('12345678901234567890.1234567890')).toBe('12345678901234567890.1234567890');
    expect(DecimalScalar.parseValue('-000000000000000000000001.5')).toBe('-000000000000000000000001.5');
    expect(() => DecimalScalar.parseValue('123456789012345678901')).toThrow('Decimal has more digits than any figure needs (at most 20 before the point and 10 after), got "123456789012345678901"');
    expect(() => DecimalScalar.parseValue('0.12345678901')).toThrow(/more digits than any figure needs/);
    // The tolerance that once held the server for 22 s (80,000 zeros): refused, and not echoed whole.
    const huge = `0.${'0'.repeat(1_500_000)}1`;
    expect(() => DecimalScalar.parseValue(huge)).toThrow(`got "0.${'0'.repeat(38)}…"`);
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.STRING, value: huge })).toThrow(/more digits than any figure needs/);
    expect(() => DecimalScalar.parseValue(`1e${'0'.repeat(100)}`)).toThrow(`got "1e${'0'.repeat(38)}…"`);
  });
});
