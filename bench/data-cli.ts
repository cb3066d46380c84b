/**
 * `npm run bench:data [-- --seed N --ports N --partners N --months N --start-year YYYY --batch N]`:
 * loads the SYNTHETIC benchmark dataset (bench/synthetic.ts) into DATABASE_URL (or the embedded
 * database) through the import path, in one transaction, and prints rows per second.
 * Loading the same options again inserts nothing.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { openDatabase } from '../src/db/database';
import { loadReferenceData } from '../src/import/reference.service';
import { DEFAULT_SYNTHETIC, importSynthetic, SyntheticOptions, syntheticRowCount } from './synthetic';

/** Reads the size flags; each must be a positive whole number. */
export function syntheticOptionsFromArgs(args: string[]): SyntheticOptions {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string' }, ports: { type: 'string' }, partners: { type: 'string' }, months: { type: 'string' },
      'start-year': { type: 'string' }, batch: { type: 'string' },
    },
  });
  const int = (name: keyof typeof values, dflt: number, max: number): number => {
    const v = values[name];
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${v}"`);
    return Number(v);
  };
  return {
    seed: int('seed', DEFAULT_SYNTHETIC.seed, 2 ** 31 - 1),
    ports: int('ports', DEFAULT_SYNTHETIC.ports, 999),
    partners: int('partners', DEFAULT_SYNTHETIC.partners, 240),
    months: int('months', DEFAULT_SYNTHETIC.months, 1200),
    startYear: int('start-year', DEFAULT_SYNTHETIC.startYear, 2100),
    batchRows: int('batch', DEFAULT_SYNTHETIC.batchRows, 1_000_000),
  };
}

async function main(): Promise<void> {
  const o = syntheticOptionsFromArgs(process.argv.slice(2));
  const config = { ...loadConfig(), seedOnStart: false, dbStatementTimeoutMs: 0 }; // bulk loads may run longer than the server's statement timeout
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await loadReferenceData(db.ds, config.shippedDataDir);
    const total = syntheticRowCount(o);
    console.log(`SYNTHETIC benchmark data: ${o.ports} ports × ${o.partners} partners × ${o.months} months from ${o.startYear} × 2 flows + weight and trips = ${total} rows (seed ${o.seed})`);
    const t0 = process.hrtime.bigint();
    let last = 0;
    const r = await importSynthetic(db.ds, o, {
      onBatch: (n) => {
        if (n - last >= 500000) {
          last = n;
          console.log(`  staged ${n} rows`);
        }
      },
    });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`${r.inserted} inserted, ${r.unchanged} unchanged in ${s.toFixed(1)} s: ${Math.round(total / s)} rows/s (validation, staging, insert and rollup, one transaction)`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
