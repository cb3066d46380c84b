import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A reporter of statistics (SDMX "subject"): the region, a prefecture or county, a port, the
 * four-port group, a customs district, or a Nepal-side national or customs-office subject.
 * Reference data from data/subjects.tsv.
 */
@Entity({ name: 'subject' })
export class SubjectEntity {
  /** Stable code, e.g. `XZ`, `PORT-GYIRONG`, `GROUP-XZ-4-LAND-PORTS`. */
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** REGION, PREFECTURE, COUNTY, PORT, PORT_GROUP, CUSTOMS_DISTRICT, COUNTRY or CUSTOMS_OFFICE. */
  @Column({ type: 'text' })
  kind: string;

  /** The subject this one belongs to (a port's prefecture, a prefecture's region). */
  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @Column({ name: 'chinese_name', type: 'text', nullable: true })
  chineseName: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
