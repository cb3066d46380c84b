import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource, migrate } from '../src/db/data-source';
import { loadReferenceData } from '../src/import/reference.service';
import { loadReferenceCodes } from '../src/import/import.service';
import { validateObservationRecords } from '../src/import/tsv';
import { importSynthetic, loadSyntheticReference, plainCopySeconds, syntheticRecords, SyntheticOptions } from './synthetic';

/** The project root, whether this runs as TypeScript (bench/) or built (dist/bench/). */
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

async function main() {
  const server = 'postgres://postgres@127.0.0.1:5432';
  const name = 'landports_import_profile';
  const admin = new Client({ connectionString: server + '/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`ALTER DATABASE ${name} SET log_min_duration_statement = 100`);
  const ds = createDataSource(`${server}/${name}`, 4);
  await ds.initialize();
  await migrate(ds);
  await loadReferenceData(ds, path.join(ROOT, 'data'));
  const rows = Number(process.argv[2] ?? 1000000);
  const o: SyntheticOptions = { seed: 99, ports: 25, partners: 200, months: Math.max(1, Math.round(rows / (25 * 402))), startYear: 2010, batchRows: 50000 };
  const partners = await loadSyntheticReference(ds, o);
  const refs = await loadReferenceCodes(ds);
  let t = process.hrtime.bigint();
  let n = 0;
  for (const b of syntheticRecords(o, partners)) n += b.length;
  console.log('generate', n, Number(process.hrtime.bigint() - t) / 1e6, 'ms');
  t = process.hrtime.bigint();
  for (const b of syntheticRecords(o, partners)) validateObservationRecords(b, refs);
  console.log('generate+validate', Number(process.hrtime.bigint() - t) / 1e6, 'ms');
  t = process.hrtime.bigint();
  const start = t;
  let stagedAt = t;
  const r = await importSynthetic(ds, o, { onBatch: () => (stagedAt = process.hrtime.bigint()) });
  const end = process.hrtime.bigint();
  console.log('import', r.inserted, Number(end - t) / 1e6, 'ms:', 'staging (generate, validate, COPY)', Number(stagedAt - t) / 1e6, 'ms,',
    'then SQL', Number(end - stagedAt) / 1e6, 'ms;', Math.round(r.inserted / (Number(end - t) / 1e9)), 'rows/s');
  // The benchmark's yardstick (bench/run.ts importBench): the same rows COPYed into a bare table.
  const copyS = await plainCopySeconds(ds, `${server}/${name}`, o, partners);
  console.log('plain COPY', Math.round(copyS * 1000), 'ms;', Math.round(n / copyS), 'rows/s; ratio (COPY time / import time)', (copyS / (Number(end - start) / 1e9)).toFixed(2));
  await ds.destroy();
  await admin.end();
}
main();
