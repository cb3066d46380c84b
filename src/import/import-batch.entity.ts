import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One run of the import: which file, who, when, and what it changed. */
@Entity({ name: 'import_batch' })
export class ImportBatchEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'imported_by', type: 'text' })
  importedBy: string;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;

  @Column({ name: 'rows_inserted', type: 'integer' })
  rowsInserted: number;

  @Column({ name: 'rows_unchanged', type: 'integer' })
  rowsUnchanged: number;

  @Column({ name: 'rows_superseded', type: 'integer' })
  rowsSuperseded: number;
}
