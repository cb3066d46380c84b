/**
 * `npm run import -- FILE.tsv [FILE.tsv ...]`: validates and imports observation files into
 * DATABASE_URL (or the embedded database), after loading the reference data. Every file is read
 * and validated before any is written: when one is bad, prints every bad row and column of every
 * bad file, writes nothing and exits 1. Then each file is written in its own transaction (its own
 * import batch), in the order given, printing how many rows were inserted and how many left
 * unchanged; a write that fails (the database gone) leaves that file unwritten and the files
 * before it written, and exits 1.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from '../db/database';
import { validateObservationsFile, ValidatedFile, writeObservations } from './import.service';
import { loadReferenceData } from './reference.service';
import { ImportValidationError } from './tsv';

async function run(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('usage: npm run import -- FILE.tsv [FILE.tsv ...]');
    return 2;
  }
  const config = { ...loadConfig(), migrateOnStart: true, seedOnStart: false, dbStatementTimeoutMs: 0 };
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await loadReferenceData(db.ds, config.shippedDataDir);
    const valid: { file: string; validated: ValidatedFile }[] = [];
    const refused: string[] = [];
    for (const file of files) {
      try {
        valid.push({ file, validated: await validateObservationsFile(db.ds, file) });
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
    for (const { file, validated } of valid) {
      const r = await writeObservations(db.ds, validated.rows, validated.fileName, importedBy);
      console.log(`${file}: ${r.inserted} inserted, ${r.unchanged} unchanged, ${r.superseded} earlier vintages kept as superseded (batch ${r.batchId})`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
run(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
