/**
 * `npm run import -- FILE.tsv [FILE.tsv ...]`: validates and imports observation files into
 * DATABASE_URL (or the embedded database), after loading the reference data. Every file is read
 * and validated before any is written: when one is bad, prints every bad row and column of every
 * bad file, writes nothing and exits 1. Then each file is read and validated again and written in
 * its own transaction (its own import batch), in the order given, printing how many rows were
 * inserted and how many left unchanged; so only one file's rows are held in memory at a time. A
 * write that fails (the database gone, a check PostgreSQL makes when it rebuilds the indexes and
 * keys of a bulk load) prints the file, the error and PostgreSQL's detail (the offending key),
 * says that nothing of that file was written and which files before it were, and exits 1. A
 * warning that does not fail the import (VACUUM after a bulk load) is printed on stderr.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from '../db/database';
import { validateObservationsFile, writeObservations } from './import.service';
import { loadReferenceData } from './reference.service';
import { ImportValidationError } from './tsv';

/**
 * What the command prints when writing `file` failed with `err`, after the files `written`: the
 * file and the error, with PostgreSQL's detail where it gave one (a violated key or foreign key:
 * `Key (partner_code)=(ZW) is not present in table "partner".`), then that nothing of the file was
 * written and which files before it were. A validation error prints as it does when refused.
 */
export function writeFailureLines(file: string, err: unknown, written: readonly string[]): string[] {
  const detail = (err as { driverError?: { detail?: unknown } }).driverError?.detail ?? (err as { detail?: unknown }).detail;
  const first = err instanceof ImportValidationError
    ? err.message
    : `${file}: ${err instanceof Error ? err.message : String(err)}${typeof detail === 'string' ? ` (${detail})` : ''}`;
  return [first, `nothing of ${file} was written (its transaction was rolled back)${written.length ? `; written before it: ${written.join(', ')}` : ''}`];
}

async function run(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('usage: npm run import -- FILE.tsv [FILE.tsv ...]');
    return 2;
  }
  const config = { ...loadConfig(), migrateOnStart: true, seedOnStart: false, dbStatementTimeoutMs: 0 };
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await loadReferenceData(db.ds, config.shippedDataDir);
    const refused: string[] = [];
    for (const file of files) {
      try {
        // Validated only: the rows are read again when the file is written.
        await validateObservationsFile(db.ds, file);
      } catch (err) {
        if (!(err instanceof ImportValidationError)) throw err;
        refused.push(err.message);
      }
    }
    if (refused.length > 0) {
      for (const message of refused) console.error(message);
      if (files.length > 1) console.error(`nothing was imported: ${refused.length} of ${files.length} files were refused`);
      return 1;
    }
    const importedBy = process.env.USER ? `cli:${process.env.USER}` : 'cli';
    const warn = (message: string) => console.error(`warning: ${message}`);
    const written: string[] = [];
    for (const file of files) {
      try {
        const validated = await validateObservationsFile(db.ds, file);
        const r = await writeObservations(db.ds, validated.rows, validated.fileName, importedBy, { warn });
        console.log(`${file}: ${r.inserted} inserted, ${r.unchanged} unchanged, ${r.superseded} earlier vintages kept as superseded (batch ${r.batchId})`);
        written.push(file);
      } catch (err) {
        for (const line of writeFailureLines(file, err, written)) console.error(line);
        return 1;
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}
if (require.main === module) {
  run(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
