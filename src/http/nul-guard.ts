/**
 * The NUL character (U+0000) cannot be stored or compared by PostgreSQL text: a string carrying
 * one would fail in SQL as an internal error (and fail every key batched with it). It is refused
 * before any SQL runs: in a literal by a validation rule naming the argument (Apollo reports it
 * as GRAPHQL_VALIDATION_FAILED, status 400), in a variable as BAD_USER_INPUT naming the variable.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { BadInputError } from '../errors';

const NUL = '\u0000';

/** A validation rule refusing string literals in the document that contain U+0000. */
export const noNulInStringLiterals: ValidationRule = (ctx: ValidationContext) => ({
  Argument(node) {
    let found = false;
    const visit = (v: typeof node.value): void => {
      if (v.kind === 'StringValue' && v.value.includes(NUL)) found = true;
      else if (v.kind === 'ListValue') v.values.forEach(visit);
      else if (v.kind === 'ObjectValue') v.fields.forEach((f) => visit(f.value));
    };
    visit(node.value);
    if (found) {
      ctx.reportError(new GraphQLError(`argument "${node.name.value}": strings may not contain the NUL character (U+0000)`, {
        nodes: node,
        extensions: { argument: node.name.value },
      }));
    }
  },
});

function containsNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes(NUL);
  if (Array.isArray(v)) return v.some(containsNul);
  if (v && typeof v === 'object') return Object.values(v).some(containsNul);
  return false;
}

/** Refuses variables whose strings contain U+0000, naming the variable. */
export function noNulInVariablesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            if (containsNul(value)) throw new BadInputError(`$${name}`, 'strings may not contain the NUL character (U+0000)');
          }
        },
      };
    },
  };
}
