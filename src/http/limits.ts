/**
 * Abuse limits, all enforced before any resolver (and so any SQL) runs:
 * - document size and batch size: a guard in front of Apollo (HTTP 413 / 400);
 * - depth (counted through fragments) and aliases: validation rules (graphql-armor), HTTP 400;
 * - introspection: one `__schema` per operation and no aliases inside introspection
 *   ({@link introspectionShapeRule}), and graphql-js's MaxIntrospectionDepthRule (a specified rule
 *   since 16.9) refuses `fields`, `inputFields`, `interfaces` or `possibleTypes` nested three deep;
 *   so introspection's lists, which answer from the schema, cost one item each;
 * - cost and page size: an Apollo plugin at didResolveOperation, when the variables are known
 *   (graphql-query-complexity), HTTP 400.
 * Every refusal is a {@link LimitExceededError} (code LIMIT_EXCEEDED, with `limit`, `max`, `actual`).
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  getNamedType, getNullableType, GraphQLError, isListType, isObjectType, Kind, SelectionSetNode, ValidationContext, ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Limits } from '../config';
import { LimitExceededError, LimitName } from '../errors';

/** Arguments read as a page size (Relay `first`/`last`, or a plain `limit`). */
export const PAGE_SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;

function found(message: string): number {
  const m = /found (\d+)/.exec(message);
  return m ? Number(m[1]) : Number.NaN;
}

/** An armor rule whose refusal is reported as a LimitExceededError (armor's own error would be thrown). */
function reportAs(limit: LimitName, max: number, what: string) {
  return {
    n: max,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(new LimitExceededError(limit, max, found(err.message), what))],
  };
}

/**
 * Validation rules for depth (fragments are followed, not counted as a level; introspection's
 * __schema is not counted: graphql-js's own MaxIntrospectionDepthRule bounds it) and for the
 * number of aliases.
 */
export function limitValidationRules(limits: Limits): ValidationRule[] {
  return [
    maxDepthRule({ ...reportAs('depth', limits.maxDepth, 'query depth'), flattenFragments: true, ignoreIntrospection: true }) as unknown as ValidationRule,
    maxAliasesRule(reportAs('aliases', limits.maxAliases, 'aliases in the operation')) as unknown as ValidationRule,
    introspectionShapeRule,
  ];
}

/** Most `__type(name:)` fields in one operation (a client asking for a few enums' values at once). */
export const MAX_TYPE_FIELDS = 10;

/**
 * Refuses (LIMIT_EXCEEDED, `limit: introspection`) an operation that selects `__schema` more than
 * once, `__type` more than {@link MAX_TYPE_FIELDS} times, or writes an alias inside `__schema` or
 * `__type`, following fragments. What introspection tools send (graphql-js's
 * `getIntrospectionQuery`, Apollo Sandbox, Rover) selects `__schema` once and aliases nothing in it. The cost estimate counts introspection lists as one item each, so
 * without this rule 30 aliases of `__schema`, each with `types` aliased again, passed every limit
 * and answered 16.5 MB in 1 to 4 s (found by trying to break the limits). With it, an answer holds
 * each part of the schema at most once per `__schema` or `__type`; graphql-js's
 * MaxIntrospectionDepthRule bounds how deep `fields` nest.
 */
export const introspectionShapeRule: ValidationRule = (context) => {
  let schemas = 0;
  let types = 0;
  let aliased = false;
  const walk = (set: SelectionSetNode, inIntrospection: boolean, spread: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema') schemas += 1;
        if (name === '__type') types += 1;
        if (inIntrospection && selection.alias) aliased = true;
        const inside = inIntrospection || name === '__schema' || name === '__type';
        if (selection.selectionSet) walk(selection.selectionSet, inside, spread);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, inIntrospection, spread);
      } else if (!spread.has(selection.name.value)) {
        const fragment = context.getFragment(selection.name.value);
        if (fragment) walk(fragment.selectionSet, inIntrospection, new Set([...spread, selection.name.value]));
      }
    }
  };
  return {
    OperationDefinition(operation) {
      schemas = 0;
      types = 0;
      aliased = false;
      walk(operation.selectionSet, false, new Set());
      if (schemas > 1) context.reportError(new LimitExceededError('introspection', 1, schemas, '__schema fields in the operation'));
      else if (types > MAX_TYPE_FIELDS) context.reportError(new LimitExceededError('introspection', MAX_TYPE_FIELDS, types, '__type fields in the operation'));
      else if (aliased) context.reportError(new LimitExceededError('introspection', 0, 1, 'aliases inside __schema or __type'));
      return false;
    },
  };
};

/** What the cost estimate found: its total, and the largest page size asked for. */
export interface CostEstimate {
  cost: number;
  largestPage: number;
}

/**
 * Estimates an operation's cost: every field costs 1; a list field costs 1 + n x (its
 * selection's cost), where n is its page-size argument (`first`, `last`, `limit`; for
 * federation's `_entities`, the number of representations, so that more than the page-size
 * limit of them is refused too) or, with none, `limits.assumedListSize`. A list inside a
 * connection (`edges`, `nodes`) is counted once, its
 * connection field carrying the page size. Aliases are separate fields and each is counted, so
 * one expensive field repeated under 1,000 aliases costs 1,000 times as much.
 * @throws GraphQLError when the variables do not fit the operation (execution would refuse them too).
 */
export function estimateCost(args: { schema: Parameters<typeof getComplexity>[0]['schema']; document: Parameters<typeof getComplexity>[0]['query']; operationName?: string; variables?: Record<string, unknown> }, limits: Limits): CostEstimate {
  let largestPage = 0;
  const lists: ComplexityEstimator = ({ type, field, args: fieldArgs, childComplexity }) => {
    // Introspection answers from the schema, not the data: its lists cost their items' fields once
    // (introspectionShapeRule bounds how often the schema is asked for, graphql-js's
    // MaxIntrospectionDepthRule how deep its lists nest). The full introspection query
    // that Apollo Sandbox sends was estimated at 49,432 and refused.
    if (type.name.startsWith('__')) return 1 + childComplexity;
    // Federation's _entities resolves one entity per representation: the list's length is its page size.
    const page = Array.isArray(fieldArgs.representations)
      ? fieldArgs.representations.length
      : PAGE_SIZE_ARGUMENTS.map((a) => fieldArgs[a]).find((v): v is number => typeof v === 'number');
    if (page !== undefined) largestPage = Math.max(largestPage, page);
    const isList = isListType(getNullableType(field.type));
    const inConnection = isObjectType(type) && type.name.endsWith('Connection');
    if (page !== undefined && !inConnection) return 1 + Math.max(page, 0) * childComplexity;
    if (isList && !inConnection && isObjectType(getNamedType(field.type))) return 1 + limits.assumedListSize * childComplexity;
    return undefined;
  };
  const cost = getComplexity({
    schema: args.schema,
    query: args.document,
    operationName: args.operationName,
    variables: args.variables,
    estimators: [lists, simpleEstimator({ defaultComplexity: 1 })],
    maxQueryNodes: MAX_ESTIMATED_NODES,
  });
  return { cost, largestPage };
}

/**
 * Most fields the cost estimate expands (fragments spread where they are used). graphql-query-
 * complexity stops counting past it; such an operation is refused as over the cost limit, never
 * run unestimated.
 */
export const MAX_ESTIMATED_NODES = 10000;

/** Whether `err` is graphql-query-complexity stopping at {@link MAX_ESTIMATED_NODES}. */
function tooManyNodes(err: unknown): boolean {
  return err instanceof Error && /maximum allowed number of nodes/.test(err.message);
}

/** How many estimates are remembered per parsed document (one per operation name and variables). */
const ESTIMATES_PER_DOCUMENT = 32;

/**
 * Apollo plugin refusing, before execution, an operation over the cost or page-size limit.
 * The estimate is a pure function of the document, the operation name and the variables, so it
 * is remembered per parsed document (Apollo reuses the parsed document of a repeated query) for
 * up to {@link ESTIMATES_PER_DOCUMENT} distinct operation names and variables.
 */
export function costLimitPlugin(limits: Limits): ApolloServerPlugin {
  const remembered = new WeakMap<object, Map<string, CostEstimate | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let perDocument = remembered.get(document);
          if (!perDocument) remembered.set(document, (perDocument = new Map()));
          let key: string | null;
          try {
            key = `${operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          } catch {
            key = null; // variables nested too deep for JSON.stringify's stack: estimated, not remembered
          }
          let estimate = key === null ? undefined : perDocument.get(key);
          if (estimate === undefined) {
            try {
              estimate = estimateCost({ schema, document, operationName: operationName ?? undefined, variables: request.variables }, limits);
            } catch (err) {
              if (tooManyNodes(err)) {
                throw new LimitExceededError('cost', MAX_ESTIMATED_NODES, MAX_ESTIMATED_NODES + 1, 'fields after expanding fragments (counting stops past the limit)');
              }
              estimate = null; // variables that do not fit: execution refuses them, naming the variable, before any resolver runs
            }
            if (perDocument.size >= ESTIMATES_PER_DOCUMENT) perDocument.clear();
            if (key !== null) perDocument.set(key, estimate);
          }
          if (estimate === null) return;
          if (estimate.largestPage > limits.maxPageSize) {
            throw new LimitExceededError('pageSize', limits.maxPageSize, estimate.largestPage, 'page size');
          }
          if (estimate.cost > limits.maxCost) throw new LimitExceededError('cost', limits.maxCost, estimate.cost, 'query cost');
        },
      };
    },
  };
}

/** The JSON body of a refusal made outside Apollo (the guards of the /graphql route). */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}): { errors: Array<{ message: string; extensions: Record<string, unknown> }> } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** Answers `status` with `body` as JSON (UTF-8, with its length), ending the response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text, 'utf8'));
  res.end(text);
}

function refuse(res: ServerResponse, e: LimitExceededError): void {
  const { http, ...ext } = e.extensions as { http: { status: number } } & Record<string, unknown>;
  sendJson(res, http.status, errorBody(e.message, String(ext.code), ext));
}

/**
 * The query string of a request target (`?a=1`, or '' when it has none), as Node's legacy
 * `url.parse` gave it to Apollo: a `#fragment` (which no request target should carry) is cut off
 * first, and nothing in the path is parsed, so `//[` or `//h:99999` cannot make it throw.
 */
export function searchOf(url: string | undefined): string {
  const target = url ?? '/';
  const hash = target.indexOf('#');
  const path = hash < 0 ? target : target.slice(0, hash);
  const q = path.indexOf('?');
  return q < 0 ? '' : path.slice(q);
}

/** A request after the JSON body parser: its parsed body (undefined when it had none). */
export type ParsedRequest = IncomingMessage & { body?: unknown };

/**
 * Guard in front of Apollo (after the JSON body parser): refuses batches larger than
 * `maxBatchSize` (any batch when it is 1) and documents longer than `maxDocumentBytes`, in a
 * POST body or a GET query string.
 */
export function requestGuard(limits: Limits) {
  return (req: ParsedRequest, res: ServerResponse, next: (err?: unknown) => void): void => {
    const body: unknown = req.body;
    const operations: unknown[] = Array.isArray(body) ? body : [body ?? {}];
    if (Array.isArray(body) && body.length > limits.maxBatchSize) {
      refuse(res, new LimitExceededError('batchSize', limits.maxBatchSize, body.length, limits.maxBatchSize === 1 ? 'batched requests are refused; operations in the batch' : 'operations in the batch'));
      return;
    }
    const queries = [...operations.map((o) => (o && typeof o === 'object' ? (o as { query?: unknown }).query : undefined)), req.method === 'GET' ? new URLSearchParams(searchOf(req.url)).get('query') : undefined];
    for (const q of queries) {
      if (typeof q === 'string' && Buffer.byteLength(q, 'utf8') > limits.maxDocumentBytes) {
        refuse(res, new LimitExceededError('documentSize', limits.maxDocumentBytes, Buffer.byteLength(q, 'utf8'), 'document size in bytes'));
        return;
      }
    }
    next();
  };
}

/**
 * The `verify` of the JSON body parser: refuses a body that is not well-formed UTF-8 (HTTP 400,
 * BAD_REQUEST), which the JSON parser would otherwise decode with U+FFFD in place of the bad
 * bytes, silently changing a string that would be stored.
 */
export function refuseMalformedUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('the request body is not well-formed UTF-8'), { status: 400, type: MALFORMED_UTF8 });
}

const MALFORMED_UTF8 = 'entity.malformed.utf8';

/**
 * Error handler of the /graphql route for the body parser: bad JSON, malformed UTF-8, an unsupported charset or
 * encoding and an oversized body answer 4xx with a GraphQL-shaped JSON error (never the HTML 500
 * of Express).
 */
export function bodyErrorHandler(limits: Limits) {
  return (err: { status?: number; type?: string; length?: number; received?: number; body?: unknown; charset?: string; encoding?: string }, _req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    if (!err || typeof err.status !== 'number' || err.status < 400 || err.status >= 500) {
      next(err);
      return;
    }
    if (err.type === 'entity.too.large') {
      // A compressed body has no declared length: raw-body reports the bytes it had read when it stopped.
      refuse(res, new LimitExceededError('bodySize', limits.maxBodyBytes, err.length ?? err.received ?? limits.maxBodyBytes + 1, 'request body in bytes'));
      return;
    }
    sendJson(res, err.status, errorBody(bodyRefusal(err), 'BAD_REQUEST'));
  };
}

/**
 * What is wrong with a request body the parser refused, in words: JSON that is not an object or
 * array (`null`, `"hi"`, `42`: body-parser's strict mode), JSON that does not parse, malformed
 * UTF-8, a charset or content encoding it cannot read, else the parser's error type.
 */
function bodyRefusal(err: { type?: string; body?: unknown; charset?: string; encoding?: string }): string {
  if (err.type === 'entity.parse.failed') {
    return typeof err.body === 'string' && parsesAsJson(err.body)
      ? 'the request body is JSON but not an object: send {"query": ...} (or, for a batch, an array of them)'
      : 'the request body is not valid JSON';
  }
  if (err.type === MALFORMED_UTF8) return 'the request body is not well-formed UTF-8';
  if (err.type === 'charset.unsupported') return `the request body's charset${err.charset ? ` "${err.charset}"` : ''} is not supported: send UTF-8`;
  if (err.type === 'encoding.unsupported') return `the request body's content encoding${err.encoding ? ` "${err.encoding}"` : ''} is not supported: send gzip, deflate, br or none`;
  return `the request body was refused (${err.type ?? 'bad request'})`;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
