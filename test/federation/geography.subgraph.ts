/**
 * A small geography subgraph for the composition tests: it extends Landports' Country with its
 * capital, and resolves the country's name too (the field both subgraphs share). The names are
 * the English short names Landports stores (i18n-iso-countries); the capitals are general
 * knowledge, test data only.
 */
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * The SDL. Two deliberate mistakes for the tests: `shareName: false` leaves @shareable off
 * Country.name (composition must refuse), `nullableName: true` declares it `String` where
 * Landports says `String!` (composition gives a hint the tests count as a real mistake).
 */
export function geographySdl({ shareName = true, nullableName = false } = {}): string {
  return `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", "@shareable"])

type Country @key(fields: "isoCode") {
  isoCode: String!
  name: String${nullableName ? '' : '!'}${shareName ? ' @shareable' : ''}
  capital: String!
}

type Query {
  countries: [Country!]!
}
`;
}

const COUNTRIES = [
  { isoCode: 'NP', name: 'Nepal', capital: 'Kathmandu' },
  { isoCode: 'CN', name: "People's Republic of China", capital: 'Beijing' },
];

/** The geography subgraph's executable schema. */
export function geographySubgraph(): GraphQLSchema {
  return buildSubgraphSchema([{
    typeDefs: parse(geographySdl()),
    resolvers: {
      Query: { countries: () => COUNTRIES },
      Country: { __resolveReference: (ref: { isoCode: string }) => COUNTRIES.find((c) => c.isoCode === ref.isoCode) ?? null },
    } as never,
  }]);
}
