import { GraphQLError, GraphQLFormattedError } from 'graphql';

/** Every code an expected failure may carry, in `extensions.code`. Anything else is masked as INTERNAL_SERVER_ERROR. */
export enum ErrorCode {
  /** An argument or variable is malformed or out of range; `extensions.argument` names it. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** A code, name or id that names nothing stored. */
  NOT_FOUND = 'NOT_FOUND',
  /** A share or comparison across statistical bases (port of clearance against regional, say). */
  BASIS_MISMATCH = 'BASIS_MISMATCH',
  /** An import was refused; `extensions.errors` lists row, column and reason. Nothing was written. */
  IMPORT_REJECTED = 'IMPORT_REJECTED',
  /** The database cannot be reached; retry later. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** Unexpected; details are in the server log under the request id. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Base of every expected failure: a GraphQLError whose code comes from {@link ErrorCode}. */
export class LandportsError extends GraphQLError {
  constructor(message: string, readonly code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

/** An argument was refused. The message names the argument and the reason. */
export class BadInputError extends LandportsError {
  constructor(argument: string, reason: string) {
    super(`argument "${argument}": ${reason}`, ErrorCode.BAD_USER_INPUT, { argument });
  }
}

/** Nothing is stored under the given key. */
export class NotFoundError extends LandportsError {
  constructor(what: string, key: string) {
    super(`no ${what} "${key}"`, ErrorCode.NOT_FOUND, { key });
  }
}

/** Two figures are on different statistical bases and may not be combined. */
export class BasisMismatchError extends LandportsError {
  constructor(message: string, bases: string[]) {
    super(message, ErrorCode.BASIS_MISMATCH, { bases });
  }
}

/** Codes whose errors are shown to clients as they are. */
const EXPECTED = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself gives to request errors the client caused. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

/**
 * Apollo `formatError`: expected failures and client mistakes pass as they are (stack removed);
 * anything else is logged through `log` and replaced by a masked INTERNAL_SERVER_ERROR that
 * carries no SQL, stack, host or constraint name.
 */
export function maskError(formatted: GraphQLFormattedError, original: unknown, log: (err: unknown) => void): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code && (EXPECTED.has(code) || APOLLO_CLIENT_CODES.has(code)) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log(original);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
