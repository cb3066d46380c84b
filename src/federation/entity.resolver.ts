import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { BadInputError } from '../errors';
import { normaliseCode, normalisePortCode } from '../observations/figure.service';

/**
 * An entity type of the subgraph: the key field its `@key` names, and how one key resolves.
 * Each resolution goes through a per-request DataLoader (src/subjects/reference.loaders.ts), so
 * however many representations of one type `_entities` receives, they cost one SQL statement.
 */
interface EntitySpec {
  keyField: string;
  /** The row for a key as a client typed it (normalised here), or null when none is stored. */
  resolve(key: string, ctx: Context): Promise<object | null>;
}

/**
 * The entities, by __typename. Keys are normalised as in normal queries: trimmed, upper case
 * (a port code may omit `PORT-`, as in `port(code:)`). A Country is a partner of kind COUNTRY;
 * GROUP-BRI, GROUP-RCEP and ALL are not countries and resolve to null.
 */
export const ENTITIES: Readonly<Record<string, EntitySpec>> = Object.freeze({
  Port: { keyField: 'code', resolve: (k, ctx) => ctx.loaders.port.load(normalisePortCode(k)) },
  Subject: { keyField: 'code', resolve: (k, ctx) => ctx.loaders.subject.load(normaliseCode(k)) },
  Country: {
    keyField: 'isoCode',
    resolve: async (k, ctx) => {
      const p = await ctx.loaders.partner.load(normaliseCode(k));
      return p && p.kind === 'COUNTRY' ? p : null;
    },
  },
});

/**
 * `__resolveReference` of every entity, for buildSubgraphSchema's resolver map. Each returns a
 * copy of the loaded row, because @apollo/subgraph stamps `__typename` on what it gets and the
 * loaders' rows are shared within the request.
 */
export function referenceResolvers(): Record<string, { __resolveReference(ref: Record<string, unknown>, ctx: Context): Promise<object | null> }> {
  return Object.fromEntries(
    Object.entries(ENTITIES).map(([typename, spec]) => [
      typename,
      {
        async __resolveReference(ref: Record<string, unknown>, ctx: Context) {
          const row = await spec.resolve(ref[spec.keyField] as string, ctx);
          return row ? { ...row } : null;
        },
      },
    ]),
  );
}

/** Why representation `i` cannot be resolved, or null when it can. */
function problemOf(rep: unknown, i: number): BadInputError | null {
  const argument = `representations[${i}]`;
  if (rep === null || typeof rep !== 'object' || Array.isArray(rep)) return new BadInputError(argument, 'must be an object with __typename and key fields');
  const { __typename } = rep as Record<string, unknown>;
  // Own properties only: `constructor` or `__proto__` must not find Object.prototype's.
  const spec = typeof __typename === 'string' && Object.hasOwn(ENTITIES, __typename) ? ENTITIES[__typename] : undefined;
  if (!spec) {
    return new BadInputError(argument, `unknown __typename ${JSON.stringify(__typename)}; the entities are ${Object.keys(ENTITIES).sort().join(', ')}`);
  }
  const key = (rep as Record<string, unknown>)[spec.keyField];
  if (typeof key !== 'string' || key.trim() === '') {
    return new BadInputError(argument, `${__typename} needs its key field "${spec.keyField}" as a non-empty string`);
  }
  return null;
}

/**
 * Wraps the subgraph's `Query._entities` so that every representation is checked first: one
 * with an unknown __typename or without its key field gets a BAD_USER_INPUT error in its place
 * (path `_entities.<i>`) and the others still resolve. Results keep the representations' order;
 * an unknown key gives null in its place.
 * @throws Error when the schema has no `_entities` field (it declares no entity).
 */
export function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) throw new Error('the subgraph schema has no _entities resolver');
  const original: GraphQLFieldResolver<unknown, Context> = field.resolve;
  field.resolve = async (source, args: { representations: unknown[] }, ctx, info) => {
    const problems = args.representations.map(problemOf);
    const valid = args.representations.filter((_, i) => problems[i] === null);
    const resolved = (await original(source, { ...args, representations: valid }, ctx, info)) as unknown[];
    let next = 0;
    return problems.map((problem) => problem ?? resolved[next++]);
  };
}
