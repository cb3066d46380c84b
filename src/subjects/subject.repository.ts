import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { SubjectEntity } from './subject.entity';
import { PortEntity } from './port.entity';
import { PortEventEntity } from './port-event.entity';
import { PartnerEntity } from '../partners/partner.entity';
import { MeasureEntity } from '../observations/measure.entity';

/** A port event with its source's columns. */
export interface PortEventRecord {
  id: number;
  portCode: string;
  eventDate: string;
  event: 'OPENED' | 'CLOSED' | 'REOPENED';
  detail: string;
  source: { id: number; publisher: string; title: string; url: string | null; publishedOn: string | null };
}

/** Reads reference data: subjects, ports, port events, partners, measures. One statement per call. */
export class ReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  findSubjects(codes: readonly string[]): Promise<SubjectEntity[]> {
    return this.ds.getRepository(SubjectEntity).findBy({ code: In([...codes]) });
  }

  listSubjects(kinds?: readonly string[]): Promise<SubjectEntity[]> {
    return this.ds.getRepository(SubjectEntity).find({ where: kinds?.length ? { kind: In([...kinds]) } : {}, order: { code: 'ASC' } });
  }

  /** Subjects whose parent is one of `codes`. */
  findChildren(codes: readonly string[]): Promise<SubjectEntity[]> {
    return this.ds.getRepository(SubjectEntity).find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } });
  }

  findPorts(codes: readonly string[]): Promise<PortEntity[]> {
    return this.ds.getRepository(PortEntity).findBy({ code: In([...codes]) });
  }

  /** All ports, or those with the given codes, by code. */
  listPorts(codes?: readonly string[]): Promise<PortEntity[]> {
    return this.ds.getRepository(PortEntity).find({ where: codes ? { code: In([...codes]) } : {}, order: { code: 'ASC' } });
  }

  /**
   * Ports whose name, Chinese name or any other name equals `name` after trimming, ignoring case.
   * (`Zhangmu` finds Zham.)
   */
  findPortsByName(name: string): Promise<PortEntity[]> {
    return this.ds
      .getRepository(PortEntity)
      .createQueryBuilder('p')
      .where('lower(p.name) = lower(:name) OR p.chinese_name = :name OR lower(:name) = ANY(SELECT lower(n) FROM unnest(p.other_names) n)', { name: name.trim() })
      .orderBy('p.code')
      .getMany();
  }

  /** Events of several ports, by date. */
  async findPortEvents(portCodes: readonly string[]): Promise<PortEventRecord[]> {
    const rows: (Omit<PortEventRecord, 'source'> & { sourceId: number; publisher: string; title: string; url: string | null; publishedOn: string | null })[] =
      await this.ds.query(
        `SELECT e.id, e.port_code AS "portCode", e.event_date AS "eventDate", e.event, e.detail,
           s.id AS "sourceId", s.publisher, s.title, s.url, s.published_on AS "publishedOn"
         FROM port_event e JOIN source s ON s.id = e.source_id
         WHERE e.port_code = ANY($1::text[]) ORDER BY e.port_code, e.event_date, e.id`,
        [portCodes],
      );
    return rows.map(({ sourceId, publisher, title, url, publishedOn, ...e }) => ({ ...e, source: { id: sourceId, publisher, title, url, publishedOn } }));
  }

  findPartners(codes: readonly string[]): Promise<PartnerEntity[]> {
    return this.ds.getRepository(PartnerEntity).findBy({ code: In([...codes]) });
  }

  findMeasures(codes: readonly string[]): Promise<MeasureEntity[]> {
    return this.ds.getRepository(MeasureEntity).findBy({ code: In([...codes]) });
  }

  listMeasures(): Promise<MeasureEntity[]> {
    return this.ds.getRepository(MeasureEntity).find({ order: { category: 'ASC', code: 'ASC' } });
  }
}
