import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A land port (data/ports.tsv). Its code is also a subject code. */
@Entity({ name: 'port' })
export class PortEntity {
  /** e.g. `PORT-ZHAM`; references subject.code. */
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** Other spellings, e.g. Zhangmu, Dram, Khasa for Zham. */
  @Column({ name: 'other_names', type: 'text', array: true })
  otherNames: string[];

  @Column({ name: 'chinese_name', type: 'text' })
  chineseName: string;

  @Column({ type: 'text' })
  county: string;

  /** Prefecture subject code, e.g. `XZ-SHIGATSE`. */
  @Column({ name: 'prefecture_code', type: 'text' })
  prefectureCode: string;

  /** Region subject code, `XZ`. */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  /** ISO 3166-1 alpha-2 code of the country the crossing faces (partner code). */
  @Column({ name: 'counterpart_country', type: 'text' })
  counterpartCountry: string;

  @Column({ name: 'counterpart_crossing', type: 'text' })
  counterpartCrossing: string;

  /** UN/LOCODE, e.g. `CN GIR`; null where none exists. */
  @Column({ name: 'un_locode', type: 'text', nullable: true })
  unLocode: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
