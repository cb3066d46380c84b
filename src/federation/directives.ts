/**
 * The Federation 2 directives the subgraph applies, as SDL text for type-graphql's @Directive.
 * They are kept in the built schema's AST; src/schema.ts prints them into the subgraph SDL
 * (subgraph.graphql) and links them from https://specs.apollo.dev/federation (FEDERATION_LINK).
 * The plain API SDL (schema.graphql) does not print applied directives.
 */

/** The Federation 2 version the subgraph links, and the directives it imports. */
export const FEDERATION_LINK = '@link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", "@shareable", "@tag", "@inaccessible"])';

/** `@key(fields: ...)`: the type is an entity other subgraphs may reference and extend by these fields. */
export function key(fields: string): string {
  return `@key(fields: "${fields}")`;
}

/** Tag of the public contract: every object type of the public API and every root field carries it. */
export const PUBLIC = '@tag(name: "public")';

/** A field another subgraph may resolve too (a country's name). */
export const SHAREABLE = '@shareable';

/** An internal field: served by this subgraph, hidden from the supergraph's API. */
export const INACCESSIBLE = '@inaccessible';
