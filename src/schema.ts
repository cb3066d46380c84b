import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import {
  getNamedType, graphql, GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, lexicographicSortSchema, parse, printSchema,
} from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { createArgumentValidator } from './common/validation';
import { FEDERATION_LINK } from './federation/directives';
import { guardEntities, referenceResolvers } from './federation/entity.resolver';
import { CountryResolver } from './partners/country.resolver';
import { FigureResolver } from './observations/figure.resolver';
import { SubjectResolver } from './subjects/subject.resolver';
import { PortResolver } from './subjects/port.resolver';
import { SourceResolver } from './sources/source.resolver';
import { PartnerResolver } from './partners/partner.resolver';
import { ExchangeRateResolver } from './observations/exchange-rate.resolver';
import { PeriodResolver } from './observations/period.resolver';
import { DerivedFigureResolver } from './statistics/derived-figure.resolver';
import { ShareResolver } from './statistics/share.resolver';
import { FigureChoiceResolver } from './statistics/figure-choice.resolver';
import { ReconciliationResolver } from './statistics/reconciliation.resolver';
import { ImportResolver } from './import/import.resolver';
import { PortTotalsResolver, portTotalsListItemFields } from './totals/totals.resolver';
import { resolveArgsOncePerRequest } from './common/list-item-args';
import { FigureConnectionResolver, PortFigureConnectionResolver, SubjectFigureConnectionResolver } from './observations/figure-connection.resolver';

/** Every resolver class of the schema. */
export const RESOLVERS = [
  FigureResolver, SubjectResolver, PortResolver, SourceResolver, PartnerResolver, CountryResolver, ExchangeRateResolver, PeriodResolver,
  DerivedFigureResolver, ShareResolver, FigureChoiceResolver, ReconciliationResolver,
  PortTotalsResolver, FigureConnectionResolver, PortFigureConnectionResolver, SubjectFigureConnectionResolver, ImportResolver,
] as const;

/** The committed SDL, emitted from the code (npm run emit-schema); a test fails when it is stale. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', rootRelative('schema.graphql'));

/** The committed Federation 2 subgraph SDL, as served at `_service { sdl }`; a test fails when it is stale. */
export const SUBGRAPH_FILE = path.resolve(__dirname, '..', rootRelative('subgraph.graphql'));

function rootRelative(file: string): string {
  // src/schema.ts (ts-jest/swc) and dist/src/schema.js (built) both resolve to the project root.
  return __dirname.includes(`${path.sep}dist${path.sep}`) ? `../${file}` : file;
}

/**
 * Builds the executable schema, code-first. Arguments and inputs are validated with
 * class-validator (type-graphql leaves this off by default; here it is on), through
 * src/common/validation.ts, which remembers the argument values that passed. The port totals
 * fields then take their arguments once per request (src/common/list-item-args.ts).
 */
export async function buildLandportsSchema(): Promise<GraphQLSchema> {
  const validateFn = createArgumentValidator();
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    validate: true,
    validateFn,
  });
  // Port totals, asked once per port of a list: arguments converted and validated once per request.
  resolveArgsOncePerRequest(schema, 'Port', portTotalsListItemFields(), validateFn);
  return schema;
}

/** The schema as committed: sorted, printed SDL. */
export function printLandportsSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

/**
 * Builds the served schema: the API schema as an Apollo Federation 2 subgraph. Its SDL is the
 * API's, printed with every applied directive (@key, @shareable, @tag, @inaccessible; the plain
 * printer drops them) under `extend schema @link(federation/v2.x)`; the resolvers are the API's
 * plus each entity's `__resolveReference` (src/federation/entity.resolver.ts), and `_entities`
 * checks every representation before resolving it.
 */
export async function buildLandportsSubgraph(): Promise<GraphQLSchema> {
  const schema = await buildLandportsSchema();
  const typeDefs = parse(`extend schema ${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(schema))}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typename, reference] of Object.entries(referenceResolvers())) resolvers[typename] = { ...resolvers[typename], ...reference };
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }]);
  restoreEnumDefaults(subgraph, schema);
  guardEntities(subgraph);
  return subgraph;
}

/**
 * Gives every enum-typed argument and input field default of `subgraph` the value it has in `api`.
 * The subgraph is rebuilt from SDL, where `flow: Flow = TOTAL` is read as the enum's name "TOTAL"
 * before the resolvers map the enum to its values ("total"); @apollo/subgraph does not map
 * defaults too, so resolvers were given "TOTAL" for an omitted `flow`, and introspection failed
 * on it (`Enum "Flow" cannot represent value: "TOTAL"`, an internal error for every `defaultValue`
 * of Port.monthlyTotals, topPartners and yearToDate, which Apollo Sandbox asks for).
 */
export function restoreEnumDefaults(subgraph: GraphQLSchema, api: GraphQLSchema): void {
  const enumTyped = (x: { type: Parameters<typeof getNamedType>[0] }) => isEnumType(getNamedType(x.type));
  for (const type of Object.values(subgraph.getTypeMap())) {
    const apiType = api.getType(type.name);
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(apiType) || isInterfaceType(apiType))) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const apiArg = apiType.getFields()[field.name]?.args.find((a) => a.name === arg.name);
          if (apiArg && enumTyped(arg)) arg.defaultValue = apiArg.defaultValue;
        }
      }
    } else if (isInputObjectType(type) && isInputObjectType(apiType)) {
      for (const field of Object.values(type.getFields())) {
        const apiField = apiType.getFields()[field.name];
        if (apiField && enumTyped(field)) field.defaultValue = apiField.defaultValue;
      }
    }
  }
}

/** The subgraph SDL exactly as served at `_service { sdl }` (what Rover and composition read). */
export async function printSubgraphSdl(subgraph: GraphQLSchema): Promise<string> {
  const res = await graphql({ schema: subgraph, source: '{ _service { sdl } }' });
  if (res.errors?.length) throw new Error(`_service failed: ${res.errors.map((e) => e.message).join('; ')}`);
  return `${(res.data as { _service: { sdl: string } })._service.sdl}\n`;
}

/** Writes schema.graphql (the plain API SDL) and subgraph.graphql (the subgraph SDL) at the project root. */
export async function emitSchemaFile(): Promise<string[]> {
  fs.writeFileSync(SCHEMA_FILE, printLandportsSchema(await buildLandportsSchema()));
  fs.writeFileSync(SUBGRAPH_FILE, await printSubgraphSdl(await buildLandportsSubgraph()));
  return [SCHEMA_FILE, SUBGRAPH_FILE];
}
