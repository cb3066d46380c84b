/**
 * SYNTHETIC benchmark data, never real figures. A deterministic dataset (seeded xoroshiro128+
 * from pure-rand: same options, same rows) of its own subjects, kept apart from the real data:
 * the region BENCH-REGION, its prefecture BENCH-PREFECTURE, and ports BENCH-PORT-001.. (kind
 * PORT), all named "synthetic", with its own source "Landports synthetic benchmark data". Per
 * port and calendar month it has the trade value (CNY_MN) with each partner in each flow
 * (import, export), plus the cargo weight (TONNES) and the vehicle trips (partner ALL, flow
 * total). It goes through the project's import path: every batch is validated by
 * validateObservationRecords and written by writeObservationBatches in one transaction.
 */
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { copyInto, copyLine } from '../src/db/copy';
import { ImportResult, loadReferenceCodes, writeObservationBatches, WriteOptions } from '../src/import/import.service';
import { ImportValidationError, ObservationRow, TsvRecord, validateObservationRecords } from '../src/import/tsv';

/** Sizes and seed of a synthetic dataset. */
export interface SyntheticOptions {
  seed: number;
  /** Number of ports: BENCH-PORT-001 .. */
  ports: number;
  /** Number of partner countries per port (the first by ISO code, CN excluded). */
  partners: number;
  /** Number of consecutive calendar months from January of `startYear`. */
  months: number;
  startYear: number;
  /** Records per validated and staged batch. */
  batchRows: number;
}

/** The default: 60 ports × 200 partners × 120 months (2015–2024) × 2 flows = 2 880 000 trade values, + 14 400 weights and trips. */
export const DEFAULT_SYNTHETIC: SyntheticOptions = { seed: 20241130, ports: 60, partners: 200, months: 120, startYear: 2015, batchRows: 50000 };

/** Publisher of the synthetic source. */
export const SYNTHETIC_PUBLISHER = 'Landports synthetic benchmark data';
/** Subject codes of the synthetic region and prefecture. */
export const BENCH_REGION = 'BENCH-REGION';
export const BENCH_PREFECTURE = 'BENCH-PREFECTURE';

/** Code of synthetic port `i` (1-based): BENCH-PORT-001. */
export function benchPortCode(i: number): string {
  return `BENCH-PORT-${String(i).padStart(3, '0')}`;
}

/** Number of observations a dataset holds: ports × months × (partners × 2 flows + 2). */
export function syntheticRowCount(o: SyntheticOptions): number {
  return o.ports * o.months * (o.partners * 2 + 2);
}

/** The source title, which names seed and sizes, so that two datasets never share a source. */
export function syntheticTitle(o: SyntheticOptions): string {
  return `Synthetic benchmark dataset, not real figures (seed ${o.seed}, ${o.ports} ports, ${o.partners} partners, ${o.months} months from ${o.startYear})`;
}

/**
 * Upserts the synthetic region, prefecture and ports (subjects and port rows). Needs the
 * reference data (partners; src/import/reference.service.ts loadReferenceData) loaded first.
 * @returns the partner codes the dataset uses, in order.
 */
export async function loadSyntheticReference(ds: DataSource, o: SyntheticOptions): Promise<string[]> {
  const codes = Array.from({ length: o.ports }, (_, i) => benchPortCode(i + 1));
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO subject (code, name, kind, parent_code, note) VALUES
         ($1, 'Synthetic benchmark region (not real)', 'REGION', NULL, 'synthetic benchmark data'),
         ($2, 'Synthetic benchmark prefecture (not real)', 'PREFECTURE', $1, 'synthetic benchmark data')
       ON CONFLICT (code) DO NOTHING`,
      [BENCH_REGION, BENCH_PREFECTURE],
    );
    await m.query(
      `INSERT INTO subject (code, name, kind, parent_code, note)
       SELECT c, 'Synthetic port ' || right(c, 3) || ' (not real)', 'PORT', $2, 'synthetic benchmark data' FROM unnest($1::text[]) c
       ON CONFLICT (code) DO NOTHING`,
      [codes, BENCH_PREFECTURE],
    );
    await m.query(
      `INSERT INTO port (code, name, other_names, chinese_name, county, prefecture_code, region_code, counterpart_country, counterpart_crossing, notes)
       SELECT c, 'Synthetic port ' || right(c, 3), '{}', '合成', 'synthetic', $2, $3, 'NP', 'synthetic', 'synthetic benchmark port, not real'
       FROM unnest($1::text[]) c ON CONFLICT (code) DO NOTHING`,
      [codes, BENCH_PREFECTURE, BENCH_REGION],
    );
    // As loadReferenceData does (src/import/reference.service.ts REFERENCE_TABLES).
    await m.query('ANALYZE subject, port');
  });
  const partners: { code: string }[] = await ds.query(
    `SELECT code FROM partner WHERE kind = 'COUNTRY' AND code <> 'CN' ORDER BY code LIMIT $1`,
    [o.partners],
  );
  if (partners.length < o.partners) throw new Error(`only ${partners.length} partner countries are stored; asked for ${o.partners}`);
  return partners.map((p) => p.code);
}

/** A decimal text with `dp` places from a non-negative integer count of its smallest unit (exact; no float). */
function fixed(n: number, dp: number): string {
  const s = String(n).padStart(dp + 1, '0');
  return dp === 0 ? s : `${s.slice(0, -dp)}.${s.slice(-dp)}`;
}

/**
 * The synthetic records in batches of `o.batchRows`, in the column form of an observations file
 * (line numbers as if one file). Order: port, month, then cargo weight, vehicle trips, and each
 * partner's import and export. Same options, same records.
 */
export function* syntheticRecords(o: SyntheticOptions, partners: readonly string[]): Generator<TsvRecord[]> {
  const rng = xoroshiro128plus(o.seed);
  const title = syntheticTitle(o);
  let line = 1;
  let batch: TsvRecord[] = [];
  const record = (measure: string, subject: string, partner: string, flow: string, start: string, end: string, value: string, unit: string): void => {
    line += 1;
    batch.push({
      line,
      cells: {
        measure, subject, partner, flow, period_start: start, period_end: end, value, unit,
        reported_yoy_growth_pct: '', growth_basis: '', source_publisher: SYNTHETIC_PUBLISHER, source_title: title,
        source_url: '', source_date: '', note: '',
      },
    });
  };
  for (let p = 1; p <= o.ports; p++) {
    const port = benchPortCode(p);
    for (let k = 0; k < o.months; k++) {
      const y = o.startYear + Math.floor(k / 12);
      const mo = (k % 12) + 1;
      const start = `${y}-${String(mo).padStart(2, '0')}-01`;
      const end = `${y}-${String(mo).padStart(2, '0')}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
      record('cargo_weight', port, 'ALL', 'total', start, end, fixed(unsafeUniformIntDistribution(0, 9_999_999, rng), 1), 'TONNES');
      record('vehicle_trips', port, 'ALL', 'total', start, end, String(unsafeUniformIntDistribution(0, 20_000, rng)), 'VEHICLE_TRIPS');
      for (const partner of partners) {
        record('trade_value', port, partner, 'import', start, end, fixed(unsafeUniformIntDistribution(0, 99_999_999, rng), 4), 'CNY_MN');
        record('trade_value', port, partner, 'export', start, end, fixed(unsafeUniformIntDistribution(0, 99_999_999, rng), 4), 'CNY_MN');
      }
      if (batch.length >= o.batchRows) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/**
 * Validates and imports a synthetic dataset in one transaction (reference rows first, see
 * {@link loadSyntheticReference}). Validation is the import's own; a refused batch aborts the
 * whole import and nothing is written.
 */
export async function importSynthetic(ds: DataSource, o: SyntheticOptions, options: WriteOptions = {}): Promise<ImportResult> {
  const partners = await loadSyntheticReference(ds, o);
  const refs = await loadReferenceCodes(ds);
  const fileName = `synthetic-seed-${o.seed}`;
  async function* validated(): AsyncGenerator<ObservationRow[]> {
    for (const records of syntheticRecords(o, partners)) {
      const { rows, errors } = validateObservationRecords(records, refs);
      if (errors.length) throw new ImportValidationError(fileName, errors);
      yield rows;
    }
  }
  return writeObservationBatches(ds, validated(), fileName, 'bench:data', options);
}

/**
 * The benchmark's import yardstick: creates a bare table `bare_observation` (no key, index or
 * constraint) in the database of `url` and COPYs the same synthetic rows into it, unvalidated, on
 * a connection of its own. Resolves with the seconds the COPY took (the table is left in place).
 */
export async function plainCopySeconds(ds: DataSource, url: string, o: SyntheticOptions, partners: string[]): Promise<number> {
  await ds.query(`CREATE TABLE bare_observation (measure_code text, subject_code text, partner_code text, flow text, period_start date,
    period_end date, value numeric, unit text, reported_yoy_growth_pct numeric, growth_basis text, status text, note text, source_id integer)`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const t = process.hrtime.bigint();
    function* chunks(): Generator<string> {
      for (const batch of syntheticRecords(o, partners)) {
        let text = '';
        for (const { cells: c } of batch) {
          text += copyLine([c.measure, c.subject, c.partner, c.flow, c.period_start, c.period_end, c.value, c.unit, null, null, 'REPORTED', null, 1]);
        }
        yield text;
      }
    }
    await copyInto(client as never, 'bare_observation', ['measure_code', 'subject_code', 'partner_code', 'flow', 'period_start', 'period_end', 'value', 'unit',
      'reported_yoy_growth_pct', 'growth_basis', 'status', 'note', 'source_id'], chunks());
    return Number(process.hrtime.bigint() - t) / 1e9;
  } finally {
    await client.end();
  }
}
