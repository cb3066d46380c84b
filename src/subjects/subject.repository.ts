import type { DataSource } from 'typeorm';
import { entityColumns, Sql } from '../db/sql';
import { SubjectEntity } from './subject.entity';
import { PortEntity } from './port.entity';
import { PortEventEntity } from './port-event.entity';
import { PartnerEntity } from '../partners/partner.entity';
import { MeasureEntity } from '../observations/measure.entity';
import type { ReferenceChangeFeed } from '../db/change-feed';
import { ReferenceCache } from './reference.cache';
import type { ShareLineage } from '../stats/share';

/** A port event with its source's columns. */
export interface PortEventRecord {
  id: number;
  portCode: string;
  eventDate: string;
  event: 'OPENED' | 'CLOSED' | 'REOPENED';
  detail: string;
  source: { id: number; publisher: string; title: string; url: string | null; publishedOn: string | null };
}

/** Deepest chain of subject parents or measure part_of that {@link ReferenceRepository.shareLineage} follows; the reference load refuses deeper ones. */
export const MAX_TREE_DEPTH = 32;

/** The reference tables a series names by code. */
export type ReferenceTable = 'subject' | 'measure' | 'partner';

/** Reads reference data: subjects, ports, port events, partners, measures. One statement per call (src/db/sql.ts). */
export class ReferenceRepository {
  private readonly sql: Sql;

  /** The in-memory port table, when a change feed keeps it fresh (null: every lookup reads the table). */
  private readonly cache: ReferenceCache | null;

  /** @param changes the feed of committed reference changes; with it, ports are served from a {@link ReferenceCache} while it is live */
  constructor(private readonly ds: DataSource, changes: ReferenceChangeFeed | null = null) {
    this.sql = new Sql(ds);
    this.cache = changes ? new ReferenceCache(() => this.select(PortEntity, 'true', []), () => changes.live) : null;
    if (changes && this.cache) changes.subscribe(this.cache);
  }

  /** Whether ports are now served from memory: null when no change feed was given (no cache at all). */
  portCacheServing(): boolean | null {
    return this.cache === null ? null : this.cache.serving();
  }

  /** Rows of an entity's table shaped like the entity, filtered by `where` ($1.. are `params`). */
  private select<E>(entity: { new (): E }, where: string, params: unknown[], orderBy = 'code'): Promise<E[]> {
    const table = this.ds.getMetadata(entity).tableName;
    return this.sql.query<E>(`SELECT ${entityColumns(this.ds, entity)} FROM ${table} WHERE ${where} ORDER BY ${orderBy}`, params);
  }

  findSubjects(codes: readonly string[]): Promise<SubjectEntity[]> {
    return this.select(SubjectEntity, 'code = ANY($1::text[])', [codes]);
  }

  /** Every subject, or (with `kinds`) those of the given kinds: none for an empty list. */
  listSubjects(kinds?: readonly string[]): Promise<SubjectEntity[]> {
    return kinds ? this.select(SubjectEntity, 'kind = ANY($1::text[])', [kinds]) : this.select(SubjectEntity, 'true', []);
  }

  /** Subjects whose parent is one of `codes`. */
  findChildren(codes: readonly string[]): Promise<SubjectEntity[]> {
    return this.select(SubjectEntity, 'parent_code = ANY($1::text[])', [codes]);
  }

  /** The ports with the given codes, by code (from the cache when it serves). */
  findPorts(codes: readonly string[]): Promise<readonly PortEntity[]> {
    const all = this.cache?.allPorts();
    if (!all) return this.select(PortEntity, 'code = ANY($1::text[])', [codes]);
    const wanted = new Set(codes);
    return all.then((rows) => rows.filter((p) => wanted.has(p.code)));
  }

  /** All ports, or those with the given codes, by code (from the cache when it serves). */
  listPorts(codes?: readonly string[]): Promise<readonly PortEntity[]> {
    if (codes) return this.findPorts(codes);
    return this.cache?.allPorts() ?? this.select(PortEntity, 'true', []);
  }

  /**
   * Ports whose name, Chinese name or any other name equals `name` after trimming, ignoring case.
   * (`Zhangmu` finds Zham.)
   */
  findPortsByName(name: string): Promise<PortEntity[]> {
    return this.select(PortEntity, 'lower(name) = lower($1) OR chinese_name = $1 OR lower($1) = ANY(SELECT lower(n) FROM unnest(other_names) n)', [name.trim()]);
  }

  /** Events of several ports, by date. */
  async findPortEvents(portCodes: readonly string[]): Promise<PortEventRecord[]> {
    const rows: (Omit<PortEventRecord, 'source'> & { sourceId: number; publisher: string; title: string; url: string | null; publishedOn: string | null })[] =
      await this.sql.query(
        `SELECT e.id, e.port_code AS "portCode", e.event_date AS "eventDate", e.event, e.detail,
           s.id AS "sourceId", s.publisher, s.title, s.url, s.published_on AS "publishedOn"
         FROM port_event e JOIN source s ON s.id = e.source_id
         WHERE e.port_code = ANY($1::text[]) ORDER BY e.port_code, e.event_date, e.id`,
        [portCodes],
      );
    return rows.map(({ sourceId, publisher, title, url, publishedOn, ...e }) => ({ ...e, source: { id: sourceId, publisher, title, url, publishedOn } }));
  }

  findPartners(codes: readonly string[]): Promise<PartnerEntity[]> {
    return this.select(PartnerEntity, 'code = ANY($1::text[])', [codes]);
  }

  findMeasures(codes: readonly string[]): Promise<MeasureEntity[]> {
    return this.select(MeasureEntity, 'code = ANY($1::text[])', [codes]);
  }

  listMeasures(): Promise<MeasureEntity[]> {
    return this.select(MeasureEntity, 'true', [], 'category, code');
  }

  /**
   * Which of the given codes are stored, in one statement over the three tables a series names:
   * rows `{ table, code }` for each stored subject, measure and partner code asked for.
   */
  storedCodes(subjects: readonly string[], measures: readonly string[], partners: readonly string[]): Promise<{ table: ReferenceTable; code: string }[]> {
    return this.sql.query(
      `SELECT 'subject' AS "table", code FROM subject WHERE code = ANY($1::text[])
       UNION ALL SELECT 'measure', code FROM measure WHERE code = ANY($2::text[])
       UNION ALL SELECT 'partner', code FROM partner WHERE code = ANY($3::text[])`,
      [subjects, measures, partners],
    );
  }

  /**
   * What a share needs to know to tell whether its whole counts its part (src/stats/share.ts
   * partOutsideWhole), in one statement: whether the part's subject is a listed port (the port
   * table), the kind of the whole's subject, the part subject's ancestors by `parent_code` and
   * the part measure's broader measures by `part_of_code`, nearest first (at most
   * {@link MAX_TREE_DEPTH} levels each). A subject or measure not stored gives no ancestors (and
   * an empty kind).
   */
  async shareLineage(partSubject: string, wholeSubject: string, partMeasure: string): Promise<ShareLineage> {
    const [row] = await this.sql.query<ShareLineage>(
      `WITH RECURSIVE up(code, parent, depth) AS (
           SELECT code, parent_code, 0 FROM subject WHERE code = $1
           UNION ALL SELECT s.code, s.parent_code, up.depth + 1 FROM subject s JOIN up ON s.code = up.parent WHERE up.depth < $4),
         broader(code, parent, depth) AS (
           SELECT code, part_of_code, 0 FROM measure WHERE code = $3
           UNION ALL SELECT m.code, m.part_of_code, b.depth + 1 FROM measure m JOIN broader b ON m.code = b.parent WHERE b.depth < $4)
       SELECT EXISTS (SELECT 1 FROM port WHERE code = $1) AS "listedPort",
         coalesce((SELECT kind FROM subject WHERE code = $2), '') AS "wholeSubjectKind",
         coalesce((SELECT array_agg(code ORDER BY depth) FROM up WHERE depth > 0), '{}') AS "subjectAncestors",
         coalesce((SELECT array_agg(code ORDER BY depth) FROM broader WHERE depth > 0), '{}') AS "measureAncestors"`,
      [partSubject, wholeSubject, partMeasure, MAX_TREE_DEPTH],
    );
    return row;
  }
}
