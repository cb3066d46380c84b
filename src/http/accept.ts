/**
 * Content negotiation decided before execution. Apollo Server answers an operation whose `Accept`
 * header admits none of its JSON media types with 406, but only after it has executed the
 * operation (runHttpQuery chooses the content type of a single result once the result exists):
 * the SQL ran, and a mutation wrote what the client was then told was refused. This plugin makes
 * the same decision at didResolveOperation, before any resolver runs; Apollo then answers its own
 * 406 as before, and the log and metrics see status 406.
 */
import Negotiator from 'negotiator';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * The media types Apollo Server 5 answers a single GraphQL result in (its `MEDIA_TYPES`, which the
 * package does not export; `chooseContentTypeForSingleResultResponse` in dist/cjs/ApolloServer.js).
 * test/serving/http.test.ts checks each verdict against Apollo's own answer.
 */
export const SINGLE_RESULT_MEDIA_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
] as const;

/**
 * Whether a single GraphQL result can answer a request with this `Accept` header, as Apollo decides
 * it: true when the header is absent or empty, or when it admits one of
 * {@link SINGLE_RESULT_MEDIA_TYPES} as Negotiator (Apollo's own negotiation library) reads it:
 * q-values, wildcards, parameters (`text/html` alone: false; any wildcard type: true).
 * @param accept the header's value, undefined when absent
 */
export function acceptsSingleResult(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType([...SINGLE_RESULT_MEDIA_TYPES]) !== undefined;
}

/**
 * Apollo plugin refusing, before execution, an operation whose `Accept` header admits no JSON
 * answer: HTTP 406, code BAD_REQUEST (Apollo's own message reaches the client). An operation sent
 * without HTTP (executeOperation in tests) is never refused.
 */
export function notAcceptablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get('accept');
      if (acceptsSingleResult(accept)) return;
      return {
        async didResolveOperation() {
          throw new GraphQLError(`An 'accept' header was provided for this request which does not accept ${SINGLE_RESULT_MEDIA_TYPES[0]} or ${SINGLE_RESULT_MEDIA_TYPES[1]}`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 406 } },
          });
        },
      };
    },
  };
}
