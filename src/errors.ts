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
  /** A write without valid credentials (no, malformed, unknown, revoked or expired bearer token). HTTP 401. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A write by an authenticated caller without the editor role. HTTP 403. */
  FORBIDDEN = 'FORBIDDEN',
  /** An abuse limit refused the request before any SQL ran; `extensions.limit`, `max` and `actual` say which and by how much. */
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
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

/**
 * A variable's value was refused before the operation ran (HTTP 400, as graphql-js's own
 * variable errors). `extensions.argument` names it with its `$`.
 */
export class BadVariableError extends LandportsError {
  constructor(variable: string, reason: string) {
    super(`argument "$${variable}": ${reason}`, ErrorCode.BAD_USER_INPUT, { argument: `$${variable}`, http: { status: 400 } });
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

/** The caller is not authenticated (HTTP 401). */
export class UnauthenticatedError extends LandportsError {
  constructor(reason: string) {
    super(`not authenticated: ${reason}`, ErrorCode.UNAUTHENTICATED, { http: { status: 401 } });
  }
}

/** The caller lacks the role an operation needs (HTTP 403). */
export class ForbiddenError extends LandportsError {
  constructor(role: string) {
    super(`forbidden: this operation needs the ${role} role`, ErrorCode.FORBIDDEN, { http: { status: 403 } });
  }
}

/** Which abuse limit refused a request. */
export type LimitName = 'depth' | 'aliases' | 'cost' | 'pageSize' | 'batchSize' | 'documentSize' | 'bodySize' | 'introspection';

/** An abuse limit refused the request (HTTP 400, or 413 for sizes); nothing was executed. */
export class LimitExceededError extends LandportsError {
  constructor(limit: LimitName, max: number, actual: number, what: string) {
    super(`${what}: ${actual} exceeds the limit of ${max}`, ErrorCode.LIMIT_EXCEEDED, {
      limit, max, actual, http: { status: limit === 'documentSize' || limit === 'bodySize' ? 413 : 400 },
    });
  }
}

/** The database cannot be reached (HTTP 503 when nothing could be answered). */
export class UnavailableError extends LandportsError {
  constructor() {
    super('the database is unavailable; retry later', ErrorCode.UNAVAILABLE);
  }
}

/**
 * Node socket error codes and PostgreSQL SQLSTATEs meaning "the database cannot answer now; retry
 * later": unreachable, shutting down or out of connections, and also a statement cancelled by
 * statement_timeout (57014), a lock not available (55P03) or a deadlock victim (40P01), which is
 * what a read meets while a bulk import holds its exclusive locks (src/import/import.service.ts).
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300', '57014', '55P03', '40P01',
]);
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/i;

/** The error and the errors it wraps (GraphQLError.originalError, TypeORM driverError, graphql's NonErrorThrown.thrownValue, cause), outermost first. */
function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let e: unknown = err;
  while (e && typeof e === 'object' && !chain.includes(e) && chain.length < 8) {
    chain.push(e);
    const o = e as { originalError?: unknown; driverError?: unknown; cause?: unknown; thrownValue?: unknown };
    e = o.originalError ?? o.driverError ?? o.thrownValue ?? o.cause;
  }
  return chain;
}

/** True when `err` (or an error it wraps) says PostgreSQL is down, unreachable or refusing connections. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return errorChain(err).some((e) => {
    const { code, message } = e as { code?: unknown; message?: unknown };
    return (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) ||
      (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message));
  });
}

/** Codes whose errors are shown to clients as they are. */
const EXPECTED = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself gives to request errors the client caused. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

/**
 * BAD_REQUEST for an error Apollo Server's request pipeline raised itself about the request (an
 * unsupported persisted-query version, a hash that does not match the query): a GraphQLError that
 * wraps nothing, carries no code and asks for a 4xx status. Null for anything else.
 */
function requestErrorCode(err: unknown): string | null {
  if (!(err instanceof GraphQLError) || err.originalError || err.extensions?.code !== undefined) return null;
  const status = (err.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : null;
}

/**
 * BAD_USER_INPUT for graphql-js's own refusal of an argument while executing: a value that a
 * variable made invalid (`Argument "series" has invalid value {subject: "XZ", measure: $m}.`
 * when `$m` is null, or a required argument given an absent or null variable). Validation cannot
 * see these; graphql-js reports them as field errors that wrap nothing and carry no code, which
 * were masked as internal errors. Null for anything else (a non-null field that resolved to null
 * stays internal: that is the server's fault).
 */
function argumentErrorCode(err: unknown): string | null {
  // graphql-js locates the raw error at the field: a GraphQLError wrapping the GraphQLError it threw.
  const chain = errorChain(err);
  if (!chain.every((e) => e instanceof GraphQLError && e.extensions?.code === undefined)) return null;
  const raw = chain[chain.length - 1] as GraphQLError;
  return /^Argument "[^"]+" (has invalid value |of required type |of non-null type )/.test(raw.message) ? ErrorCode.BAD_USER_INPUT : null;
}

/**
 * The code a client will see for `err`: its own code when expected, UNAVAILABLE when the
 * database is unreachable, else INTERNAL_SERVER_ERROR (masked). Used for logs and metrics.
 */
export function publicErrorCode(err: unknown): string {
  const inner = errorChain(err).find((e): e is LandportsError => e instanceof LandportsError);
  if (inner) return inner.code;
  const code = (err as { extensions?: { code?: unknown } })?.extensions?.code;
  if (typeof code === 'string' && (EXPECTED.has(code) || APOLLO_CLIENT_CODES.has(code)) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return code;
  const request = requestErrorCode(err) ?? argumentErrorCode(err);
  if (request) return request;
  if (isDatabaseUnavailable(err)) return ErrorCode.UNAVAILABLE;
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Apollo `formatError`: expected failures and client mistakes pass as they are (stack removed);
 * anything else is logged through `log` and replaced by a masked INTERNAL_SERVER_ERROR that
 * carries no SQL, stack, host or constraint name.
 */
export function maskError(formatted: GraphQLFormattedError, original: unknown, log: (err: unknown) => void): GraphQLFormattedError {
  // A LandportsError reported by a validation rule reaches here wrapped, its code replaced by
  // GRAPHQL_VALIDATION_FAILED: the wrapped error's own code and extensions win.
  const inner = errorChain(original).find((e): e is LandportsError => e instanceof LandportsError);
  if (inner && inner !== original) {
    const { http: _h, ...ext } = inner.extensions as Record<string, unknown>;
    return { message: inner.message, locations: formatted.locations, path: formatted.path, extensions: ext };
  }
  const code = formatted.extensions?.code as string | undefined;
  // A document nested deeper than the parser's recursion can go (a list literal 2,000 deep) fails
  // with the engine's RangeError; its text is the engine's, not the client's mistake in words.
  if (code === 'GRAPHQL_PARSE_FAILED' && errorChain(original).some((e) => e instanceof RangeError)) {
    return { message: 'Syntax Error: the document nests too deeply to be read', extensions: { code } };
  }
  if (code && (EXPECTED.has(code) || APOLLO_CLIENT_CODES.has(code)) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const request = requestErrorCode(original);
  if (request) return { message: formatted.message, locations: formatted.locations, extensions: { code: request } };
  const argument = argumentErrorCode(original);
  if (argument) return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: argument } };
  if (isDatabaseUnavailable(original)) {
    return { message: new UnavailableError().message, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.UNAVAILABLE } };
  }
  log(original);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
