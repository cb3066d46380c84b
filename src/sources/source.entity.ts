import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A document that published figures. Identified by publisher, title, address and date together
 * (`natural_key`), so re-importing the same citation finds the same source.
 */
@Entity({ name: 'source' })
export class SourceEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' })
  publisher: string;

  @Column({ type: 'text' })
  title: string;

  /** Address; null where the source is cited without one. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** Publication date as published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when unknown (yearbooks). */
  @Column({ name: 'published_on', type: 'text', nullable: true })
  publishedOn: string | null;

  @Column({ name: 'natural_key', type: 'text', unique: true })
  naturalKey: string;
}
