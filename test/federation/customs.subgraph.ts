/**
 * A small logistics subgraph for the composition tests: it extends Landports' Port with the
 * Nepal customs office facing it, and points each office at its Landports Subject. The office
 * names and which port each faces come from data/subjects.tsv (notes of NP-CUSTOMS-*); Burang
 * has no office there, so its customsOffice is null.
 */
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

export const CUSTOMS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])

type Port @key(fields: "code") {
  code: String!
  "The Nepal customs office facing the port; null where data/subjects.tsv names none."
  customsOffice: CustomsOffice
}

type CustomsOffice {
  name: String!
  "The port it faces."
  facing: Port!
  "The office as a Landports subject (reporter)."
  subject: Subject!
}

type Subject @key(fields: "code", resolvable: false) {
  code: String!
}

type Query {
  customsOffices: [CustomsOffice!]!
}
`;

/** data/subjects.tsv: NP-CUSTOMS-RASUWA faces Gyirong, NP-CUSTOMS-TATOPANI Zham, NP-CUSTOMS-KORALA Lektse. */
const OFFICES = [
  { subjectCode: 'NP-CUSTOMS-RASUWA', name: 'Rasuwa Customs Office', portCode: 'PORT-GYIRONG' },
  { subjectCode: 'NP-CUSTOMS-TATOPANI', name: 'Tatopani Customs Office', portCode: 'PORT-ZHAM' },
  { subjectCode: 'NP-CUSTOMS-KORALA', name: 'Korala Customs Office', portCode: 'PORT-LEKTSE' },
];
type Office = (typeof OFFICES)[number];

/** The customs subgraph's executable schema. */
export function customsSubgraph(): GraphQLSchema {
  return buildSubgraphSchema([{
    typeDefs: parse(CUSTOMS_SDL),
    resolvers: {
      Query: { customsOffices: () => OFFICES },
      Port: {
        __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
        customsOffice: (port: { code: string }) => OFFICES.find((o) => o.portCode === port.code) ?? null,
      },
      CustomsOffice: {
        facing: (o: Office) => ({ code: o.portCode }),
        subject: (o: Office) => ({ code: o.subjectCode }),
      },
    } as never,
  }]);
}
