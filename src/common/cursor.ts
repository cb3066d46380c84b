import { BadInputError } from '../errors';

/**
 * Opaque page cursors: base64url of a JSON array tagged with a kind and version. Clients must
 * not read them; {@link decodeCursor} refuses anything this server did not make.
 */
export function encodeCursor(kind: string, values: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

/** The refusal of a cursor this server did not make (the same words whatever is wrong with it). */
export function notACursor(argument: string): BadInputError {
  return new BadInputError(argument, 'is not a cursor this list gave (use pageInfo.endCursor or an edge cursor)');
}

/**
 * The values of a cursor made by {@link encodeCursor} with the same kind and `arity` values.
 * @throws BadInputError naming `argument` when the text is not such a cursor.
 */
export function decodeCursor(argument: string, kind: string, arity: number, cursor: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  // A NUL cannot be in any value a list gives, and PostgreSQL cannot hold one in text.
  if (!Array.isArray(parsed) || parsed.length !== arity + 1 || parsed[0] !== kind || !parsed.every((v) => typeof v === 'string' && !v.includes('\u0000'))) {
    throw notACursor(argument);
  }
  return parsed.slice(1) as string[];
}
