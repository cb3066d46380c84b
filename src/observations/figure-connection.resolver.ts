import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { selectedFieldNames, SelectionInfo, selectsField } from '../common/lookahead';
import { decodeCursor, encodeCursor, notACursor } from '../common/cursor';
import type { Context } from '../context';
import { isIsoDate } from '../stats/period';
import { FLOWS, UNITS } from '../import/tsv';
import { Port } from '../subjects/port.type';
import { Subject } from '../subjects/subject.type';
import type { FigureRecord } from './figure.record';
import { toFigureQuery } from './figure.service';
import { FigureConnectionArgs } from './figure-connection.args';
import { FigureConnection } from './figure-connection.type';
import type { FigureColumns, FigurePosition } from './observation.repository';

const CURSOR_KIND = 'figure.v1';
const FLOW_SET: ReadonlySet<string> = new Set(FLOWS);
const UNIT_SET: ReadonlySet<string> = new Set(UNITS);
const POSITION_KEYS = ['periodStart', 'periodEnd', 'measureCode', 'partnerCode', 'flow', 'unit', 'id'] as const;

/** The cursor of a figure: its position in the connection order. */
export function figureCursor(f: FigureRecord): string {
  return encodeCursor(CURSOR_KIND, POSITION_KEYS.map((k) => f[k]));
}

/**
 * The position a cursor holds. @throws BadInputError on argument "after" for a foreign or forged
 * cursor: dates that are not real, an id that is not a number, a flow or unit no figure has (a
 * NUL anywhere is refused by decodeCursor: PostgreSQL refused it inside the page's statement).
 */
export function positionOf(cursor: string): FigurePosition {
  const v = decodeCursor('after', CURSOR_KIND, POSITION_KEYS.length, cursor);
  if (!isIsoDate(v[0]) || !isIsoDate(v[1]) || !/^\d{1,18}$/.test(v[6]) || !FLOW_SET.has(v[4]) || !UNIT_SET.has(v[5])) throw notACursor('after');
  return Object.fromEntries(POSITION_KEYS.map((k, i) => [k, v[i]])) as unknown as FigurePosition;
}

/**
 * The Figure fields that read only a figure's key, period and value (FigureCore: measure,
 * subject and partner load by code, period is made from the dates). A page whose nodes select
 * nothing else reads the `core` columns. Any other field (source, growth, conversion, the
 * vintage's dates) needs every column; a field added to Figure is in none of these until it is
 * listed here, so it gets every column.
 */
export const CORE_NODE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'measureCode', 'subjectCode', 'partnerCode', 'flow', 'value', 'unit', 'period', 'measure', 'subject', 'partner']);

/** The columns a connection's page must read for what its edges' nodes select (fragments included; @skip/@include count as selected). */
export function pageColumnsFor(info: SelectionInfo): FigureColumns {
  for (const name of selectedFieldNames(info, ['edges', 'node'])) if (!CORE_NODE_FIELDS.has(name)) return 'all';
  return 'core';
}

/**
 * A page of a subject's figures through the per-request loader: one statement for the pages of
 * all subjects asking the same filter and size, which also counts them when the query selects
 * totalCount, and reads only the columns the nodes' fields need (both from `info`). One more
 * row than asked tells hasNextPage.
 */
export async function figureConnectionOf(ctx: Context, subjectCode: string, args: FigureConnectionArgs, info: GraphQLResolveInfo): Promise<FigureConnection> {
  const query = toFigureQuery(args.filter);
  const after = args.after ? positionOf(args.after) : null;
  const withCount = selectsField(info, 'totalCount');
  const columns = pageColumnsFor(info);
  const { figures: rows, totalCount } = await ctx.loaders.figurePage.load({ subjectCode, query, limit: args.first + 1, after, withCount, columns });
  // A core record keeps its prototype (whose getters refuse the fields it lacks); none of its fields reads asOf.
  const page = rows.slice(0, args.first).map((r) => (query.asOf && columns === 'all' ? { ...r, asOf: query.asOf } : r));
  // An edge's cursor is encoded when it is read: most pages are asked for their nodes and endCursor only.
  const edges = page.map((node) => ({ node, get cursor() { return figureCursor(node); } }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      startCursor: page.length ? figureCursor(page[0]) : null,
      endCursor: page.length ? figureCursor(page[page.length - 1]) : null,
    },
    subjectCode,
    query,
    knownTotalCount: totalCount,
  };
}

/** totalCount of a figures connection (one statement for all connections of a request with the same filter). */
@Resolver(() => FigureConnection)
export class FigureConnectionResolver {
  @FieldResolver(() => Int, { description: 'How many figures match the filter, in all pages.' })
  totalCount(@Root() c: FigureConnection, @Ctx() ctx: Context): Promise<number> | number {
    return c.knownTotalCount ?? ctx.loaders.figureCount.load({ subjectCode: c.subjectCode, query: c.query });
  }
}

/** Port.figuresConnection. */
@Resolver(() => Port)
export class PortFigureConnectionResolver {
  @FieldResolver(() => FigureConnection, { description: 'Its figures, filtered, a page at a time (first/after; at most 500 per page).' })
  figuresConnection(@Root() p: Port, @Args(() => FigureConnectionArgs) args: FigureConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<FigureConnection> {
    return figureConnectionOf(ctx, p.code, args, info);
  }
}

/** Subject.figuresConnection. */
@Resolver(() => Subject)
export class SubjectFigureConnectionResolver {
  @FieldResolver(() => FigureConnection, { description: 'Its figures, filtered, a page at a time (first/after; at most 500 per page).' })
  figuresConnection(@Root() s: Subject, @Args(() => FigureConnectionArgs) args: FigureConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<FigureConnection> {
    return figureConnectionOf(ctx, s.code, args, info);
  }
}
