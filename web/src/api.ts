/**
 * The GraphQL client (urql core) over the gateway's public API at /graphql, same origin.
 * Errors (network or GraphQL) are thrown as {@link ApiError} with a message for the page.
 */
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
  requestPolicy: 'cache-first',
});

/** The API could not answer: the message says why. */
export class ApiError extends Error {}

/** Runs a typed query; throws ApiError on a network or GraphQL error. */
export async function query<R, V extends Record<string, unknown>>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await client.query(doc, variables).toPromise();
  if (res.error) {
    const msg = res.error.graphQLErrors.length
      ? res.error.graphQLErrors.map((e) => e.message).join('; ')
      : res.error.networkError?.message ?? res.error.message;
    throw new ApiError(msg);
  }
  if (!res.data) throw new ApiError('the API answered without data');
  return res.data;
}
