/**
 * Executes operations with graphql-jit (a compiler of GraphQL operations into JavaScript, used by
 * Mercurius) instead of graphql-js's interpreter, through Apollo Server's executor hook (the
 * `gateway` option; Apollo still parses, validates, runs every plugin, formats and masks errors).
 *
 * Why: graphql-js re-reads the operation for every field of every answer (it coerces each field's
 * arguments, even of fields without any, and looks up each field's definition and type). A compiled
 * operation does this once. Measured on the benchmark machine (2026-12-03, interleaved, c=16,
 * 2 × 6 s): benchmark Q2 (64 ports' year-to-date totals) 370–478 req/s with graphql-js, 446–563
 * with graphql-jit (+18 %); Q4 (a 50-figure page) 476–479 against 561–565 (+18 %). Answers byte-equal.
 *
 * What stays graphql-js's:
 * - Before a compiled operation runs, its variables are coerced by graphql-js's `getVariableValues`,
 *   so a refused variable gets graphql-js's message and Apollo's BAD_USER_INPUT with HTTP 400, as
 *   when graphql-js runs it (graphql-jit's own refusals lack what Apollo recognises them by).
 * - An operation graphql-jit cannot compile is executed by graphql-js.
 * - Errors come back as graphql-js GraphQLErrors (graphql-jit's own lack `extensions`, which Apollo's
 *   formatting reads), with their message, locations, path and original error.
 *
 * - An operation's first execution is graphql-js's: it is compiled when it comes a second time
 *   (as Mercurius's `jit: 1`). Compiling costs more than interpreting once (measured 2026-12-03:
 *   0.4 to 1.5 ms for the benchmark operations, 80 ms for a 26 KB document of 200 aliased ports,
 *   which graphql-js validates in 13 ms), so a stream of one-off documents never pays for it.
 *
 * A compiled operation is kept per parsed document (a WeakMap): Apollo's document store hands the
 * same document for the same text, so an operation is compiled once while its document is cached,
 * and forgotten with it.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { DocumentNode, execute, ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { GraphQLError as JitGraphQLError } from 'graphql-jit/dist/error';

/**
 * A graphql-jit error (its own class, without `extensions` unless its cause had some) as a
 * graphql-js GraphQLError with the same message, locations, path, original error and extensions.
 * Any other error is returned as it is.
 */
export function asGraphQLError(e: GraphQLError): GraphQLError {
  if (!(e instanceof (JitGraphQLError as unknown as typeof GraphQLError))) return e;
  const err = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? undefined,
    extensions: e.extensions ?? undefined,
  });
  // graphql-jit keeps locations, not the AST nodes graphql-js would compute them from.
  if (e.locations) (err as { locations?: unknown }).locations = e.locations;
  return err;
}

/** An operation's state under one document: executions so far (interpreted), or its compiled form (null: graphql-jit refused it). */
type Entry = number | CompiledQuery | null;

/**
 * Compiles and runs operations for Apollo Server: pass the result as ApolloServer's `gateway`
 * option in place of `schema`. The schema never changes while the server runs.
 * @param observe called once per execution with the executor that ran it (for metrics)
 */
export function jitExecutor(schema: GraphQLSchema, observe: (executor: 'compiled' | 'interpreted') => void = () => undefined): GatewayInterface {
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();
  /** The compiled operation, or null when it is to be interpreted this time. */
  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = entries.get(document);
    if (!byName) entries.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const entry = byName.get(key) ?? 0;
    if (typeof entry !== 'number') return entry;
    if (entry < 1) {
      byName.set(key, entry + 1);
      return null;
    }
    const c = compileQuery(schema, document, operationName);
    const query = isCompiledQuery(c) ? c : null;
    byName.set(key, query);
    return query;
  };
  const executor: GatewayExecutor = async (rc) => {
    const variables = rc.request.variables ?? {};
    const query = compiledFor(rc.document, rc.request.operationName);
    observe(query ? 'compiled' : 'interpreted');
    if (!query) {
      return execute({ schema, document: rc.document, contextValue: rc.context, variableValues: variables, operationName: rc.request.operationName });
    }
    const definitions = rc.operation.variableDefinitions ?? [];
    if (definitions.length > 0) {
      // As graphql-js's execute does before running anything (at most 50 errors).
      const coerced = getVariableValues(schema, definitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result: ExecutionResult = await query.query(undefined, rc.context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
