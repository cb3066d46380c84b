import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A dated change of a port's status (data/port-events.tsv), with its source. */
@Entity({ name: 'port_event' })
export class PortEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'port_code', type: 'text' })
  portCode: string;

  /** ISO date. */
  @Column({ name: 'event_date', type: 'date' })
  eventDate: string;

  /** OPENED, CLOSED or REOPENED. */
  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'text' })
  detail: string;

  @Column({ name: 'source_id', type: 'integer' })
  sourceId: number;
}
