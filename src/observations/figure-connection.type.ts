import { Directive, Field, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { Figure } from './figure.type';
import type { FigureRecord } from './figure.record';
import type { FigureQuery } from './observation.repository';

/** Where a page ends (Relay PageInfo, forward pagination only). */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'Where a page ends (forward pagination with first/after).' })
export class PageInfo {
  @Field({ description: 'True when more figures follow the last one of this page.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null on an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge (pass it as `after` for the next page); null on an empty page.' })
  endCursor: string | null;
}

/** One figure of a page and its cursor. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A figure and its opaque cursor.' })
export class FigureEdge {
  @Field({ description: 'Opaque; pass it as `after` to continue after this figure.' })
  cursor: string;

  @Field(() => Figure)
  node: FigureRecord;
}

/** A page of a subject's figures (Relay connection). */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A page of a subject's figures, ordered by period, measure, partner, flow, unit and id (a stable order: equal values never swap)." })
export class FigureConnection {
  @Field(() => [FigureEdge])
  edges: FigureEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** The subject and query the page was taken from (for totalCount). */
  subjectCode: string;
  query: FigureQuery;
  /** totalCount when the page's statement already counted (the query selected totalCount), else null. */
  knownTotalCount: number | null;
}
