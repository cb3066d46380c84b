/**
 * Executes operations with graphql-jit (a compiler of GraphQL operations into JavaScript, used by
 * Mercurius) instead of graphql-js's interpreter, through Apollo Server's executor hook (the
 * `gateway` option; Apollo still parses, validates, runs every plugin, formats and masks errors).
 *
 * Why: graphql-js re-reads the operation for every field of every answer (it coerces each field's
 * arguments, even of fields without any, and looks up each field's definition and type). A compiled
 * operation does this once. Measured on the benchmark machine (2026-12-03, interleaved A/B, c=16,
 * medians of 3 × 6 s): benchmark Q2 (64 ports' year-to-date totals) 440 req/s with graphql-js, 501
 * with graphql-jit (+14 %); Q4 (a 50-figure page) 400 against 507 (+27 %); Q1 and Q3 unchanged.
 * Answers byte-equal.
 *
 * Apollo's hook builds each request's context for the executor with an object literal holding a
 * getter and setter of the HTTP status; V8 kept an accessor pair per request in old space that
 * referenced the whole request, so every request's objects were promoted at the next scavenge
 * (1.7 MB per scavenge against 0.25; peak RSS about 270 MB instead of 160 at c=16; Q1 about 20 %
 * slower). patches/@apollo+server+5.5.1.patch (patch-package, applied by `postinstall` and in the
 * Dockerfile) builds that object from a class instead; a test checks that the patch is applied.
 *
 * - An operation's first execution is graphql-js's: it is compiled when it comes a second time
 *   (as Mercurius's `jit: 1`). Compiling costs more than interpreting once (measured 2026-12-03:
 *   0.4 to 1.5 ms for the benchmark operations, 80 ms for a 26 KB document of 200 aliased ports,
 *   which graphql-js validates in 13 ms), so a stream of one-off documents never pays for it.
 *
 * What else stays graphql-js's:
 * - Before a compiled operation runs, its variables are coerced by graphql-js's `getVariableValues`,
 *   so a refused variable gets graphql-js's message and Apollo's BAD_USER_INPUT with HTTP 400, as
 *   when graphql-js runs it (graphql-jit's own refusals lack what Apollo recognises them by).
 * - An operation graphql-jit cannot compile is executed by graphql-js, and so is one with a variable
 *   of an input object type, a variable with a default, or a variable inside a list or object
 *   literal ({@link compilable}): graphql-jit 0.8.9 does not fill in an input object's field
 *   defaults (a SeriesInput variable without `measure` was refused), refuses an omitted non-null
 *   variable that has a default, and applies a default where graphql-js refuses a null variable.
 *   Passing it graphql-js's coerced values instead is not safe either (it would coerce enums'
 *   internal values again).
 * - Errors come back as graphql-js GraphQLErrors (graphql-jit's own lack `extensions`, which Apollo's
 *   formatting reads), with their message, locations, path and original error.
 *
 * A compiled operation is kept per parsed document (a WeakMap): Apollo's document store hands the
 * same document for the same text, so an operation is compiled once while its document is cached,
 * and forgotten with it.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  ASTNode, DocumentNode, FragmentDefinitionNode, execute, ExecutionResult, getNamedType, getVariableValues, GraphQLError, GraphQLSchema, isInputObjectType, Kind,
  OperationDefinitionNode, typeFromAST, visit,
} from 'graphql';
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

/** The fragment definitions of `document` that `operation` spreads, directly or through others. */
function fragmentsOf(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const found = new Map<string, FragmentDefinitionNode>();
  const scan = (node: ASTNode) => visit(node, {
    FragmentSpread(f) {
      const def = byName.get(f.name.value);
      if (def && !found.has(f.name.value)) {
        found.set(f.name.value, def);
        scan(def);
      }
    },
  });
  scan(operation);
  return [...found.values()];
}

/**
 * Whether graphql-jit may run `operation`: none of its variables is of an input object type (nor a
 * list of one) or has a default (`$y: Int! = 2023`), and none is written inside a list or object
 * literal (`series: { measure: $m }`). In each case graphql-jit 0.8.9 coerces differently from
 * graphql-js: it does not fill in input field defaults, it refuses an omitted non-null variable
 * that has a default, and it applies a default where graphql-js refuses a null variable.
 */
export function compilable(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const plainTypes = (operation.variableDefinitions ?? []).every((v) => {
    const type = typeFromAST(schema, v.type as Parameters<typeof typeFromAST>[1]);
    return type !== undefined && !isInputObjectType(getNamedType(type)) && v.defaultValue === undefined;
  });
  if (!plainTypes) return false;
  let nested = false;
  let depth = 0;
  const inLiteral = { enter: () => { depth += 1; }, leave: () => { depth -= 1; } };
  for (const node of [operation, ...fragmentsOf(document, operation)]) {
    visit(node, {
      ObjectValue: inLiteral,
      ListValue: inLiteral,
      VariableDefinition: () => false, // a variable's default value is a literal without variables
      Variable() {
        if (depth > 0) nested = true;
      },
    });
  }
  return !nested;
}

/**
 * How an operation of one document runs: the number of its executions so far (graphql-js's, before
 * it is compiled), its compiled form, or null when graphql-js always runs it.
 */
type Entry = number | CompiledQuery | null;

/**
 * Compiles and runs operations for Apollo Server: pass the result as ApolloServer's `gateway`
 * option in place of `schema`. The schema never changes while the server runs.
 * @param observe called once per execution with the executor that ran it (for metrics)
 */
export function jitExecutor(schema: GraphQLSchema, observe: (executor: 'compiled' | 'interpreted') => void = () => undefined): GatewayInterface {
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();
  /** The compiled operation, or null when graphql-js runs it this time. */
  const compiledFor = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = entries.get(document);
    if (!byName) entries.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const known = byName.get(key);
    let entry = known === undefined ? (compilable(schema, document, operation) ? 0 : null) : known;
    if (typeof entry === 'number' && entry < 1) {
      byName.set(key, entry + 1);
      return null;
    }
    if (typeof entry === 'number') {
      const c = compileQuery(schema, document, operationName);
      entry = isCompiledQuery(c) ? c : null;
    }
    if (entry !== known) byName.set(key, entry);
    return entry;
  };
  const executor: GatewayExecutor = async (rc) => {
    const variables = rc.request.variables ?? {};
    const query = compiledFor(rc.document, rc.operation, rc.request.operationName);
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
