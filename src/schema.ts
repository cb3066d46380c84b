import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { FigureResolver } from './observations/figure.resolver';
import { SubjectResolver } from './subjects/subject.resolver';
import { PortResolver } from './subjects/port.resolver';
import { SourceResolver } from './sources/source.resolver';
import { PartnerResolver } from './partners/partner.resolver';

/** Every resolver class of the schema. */
export const RESOLVERS = [FigureResolver, SubjectResolver, PortResolver, SourceResolver, PartnerResolver] as const;

/** The committed SDL, emitted from the code (npm run emit-schema); a test fails when it is stale. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', schemaFileRelative());

function schemaFileRelative(): string {
  // src/schema.ts (ts-jest/swc) and dist/src/schema.js (built) both resolve to the project root.
  return __dirname.includes(`${path.sep}dist${path.sep}`) ? '../schema.graphql' : 'schema.graphql';
}

/**
 * Builds the executable schema, code-first. Arguments and inputs are validated with
 * class-validator (type-graphql leaves this off by default; here it is on).
 */
export function buildLandportsSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    validate: { forbidUnknownValues: false },
  });
}

/** The schema as committed: sorted, printed SDL. */
export function printLandportsSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

/** Writes schema.graphql at the project root. */
export async function emitSchemaFile(): Promise<string> {
  const sdl = printLandportsSchema(await buildLandportsSchema());
  fs.writeFileSync(SCHEMA_FILE, sdl);
  return SCHEMA_FILE;
}
