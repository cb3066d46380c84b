/**
 * `npm run import -- FILE.tsv [FILE.tsv ...]`: validates and imports observation files into
 * DATABASE_URL (or the embedded database), after loading the reference data. Prints how many
 * rows were inserted and how many left unchanged; on a bad file prints every bad row and column,
 * writes nothing and exits 1.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from '../db/database';
import { importObservationsFile } from './import.service';
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
    for (const file of files) {
      const r = await importObservationsFile(db.ds, file, process.env.USER ? `cli:${process.env.USER}` : 'cli');
      console.log(`${file}: ${r.inserted} inserted, ${r.unchanged} unchanged, ${r.superseded} earlier vintages kept as superseded (batch ${r.batchId})`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ImportValidationError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}
run(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
