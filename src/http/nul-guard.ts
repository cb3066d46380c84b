/**
 * The NUL character (U+0000) cannot be stored or compared by PostgreSQL text: a string carrying
 * one would fail in SQL as an internal error (and fail every key batched with it). It is refused
 * before any SQL runs: in a literal by a validation rule naming the argument (Apollo reports it
 * as GRAPHQL_VALIDATION_FAILED, status 400), in a declared variable as BAD_USER_INPUT naming the
 * variable (status 400).
 * A variable's string with an unpaired UTF-16 surrogate (which PostgreSQL would receive as U+FFFD,
 * silently changing an imported citation or note) is refused the same way.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ArgumentNode, GraphQLError, Kind, ValidationContext, ValidationRule, ValueNode, VariableDefinitionNode } from 'graphql';
import { BadVariableError } from '../errors';

const NUL = '\u0000';

/** Whether a literal holds a string with U+0000 (in lists and input objects too). */
function hasNul(value: ValueNode): boolean {
  if (value.kind === Kind.STRING) return value.value.includes(NUL);
  if (value.kind === Kind.LIST) return value.values.some(hasNul);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => hasNul(f.value));
  return false;
}

/**
 * A validation rule refusing string literals in the document that contain U+0000: in arguments,
 * and in variables' default values (`query($c: String = "...")`, named `$c`).
 */
export const noNulInStringLiterals: ValidationRule = (ctx: ValidationContext) => {
  const refuse = (argument: string, node: ArgumentNode | VariableDefinitionNode) => {
    ctx.reportError(new GraphQLError(`argument "${argument}": strings may not contain the NUL character (U+0000)`, { nodes: node, extensions: { argument } }));
  };
  return {
    Argument(node) {
      if (hasNul(node.value)) refuse(node.name.value, node);
    },
    VariableDefinition(node) {
      if (node.defaultValue && hasNul(node.defaultValue)) refuse(`$${node.variable.name.value}`, node);
    },
  };
};

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units; no `u` flag). */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a variable's value cannot be taken as text, or null: a NUL, or an unpaired UTF-16 surrogate
 * in any string it holds, however deeply nested (walked with a stack of its own, not recursion:
 * JSON nested thousands deep must not overflow the call stack).
 */
export function textProblem(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes(NUL)) return 'strings may not contain the NUL character (U+0000)';
      // JSON may carry "\ud800" alone; stored, it would silently become U+FFFD.
      if (UNPAIRED_SURROGATE.test(v)) return 'strings must be well-formed Unicode (an unpaired UTF-16 surrogate was found)';
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const item of Object.values(v)) stack.push(item);
    }
  }
  return null;
}

/**
 * Refuses variables whose strings contain U+0000 or an unpaired surrogate, naming the variable.
 * (In the document itself graphql-js already refuses an unpaired surrogate as a syntax error.)
 */
export function noNulInVariablesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          // Only the variables the operation declares reach a resolver (graphql-js ignores the rest).
          for (const definition of operation?.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            const problem = textProblem(request.variables?.[name]);
            if (problem) throw new BadVariableError(name, problem);
          }
        },
      };
    },
  };
}
