import fs from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeUtf8, ImportValidationError, RowError, readTsv, SourceCitation, sourceKey, TsvRecord } from './tsv';
import { ImportResult, importObservationsFile, upsertSources } from './import.service';
import { isIsoDate } from '../stats/period';
import { parseDecimal } from '../stats/decimal';
import { basisOfSubject, UnknownSubjectError } from '../stats/share';
import { MAX_TREE_DEPTH } from '../subjects/subject.repository';

/** Partner codes that are not countries: groups as each source defines them, and the world. */
export const PARTNER_GROUPS: readonly { code: string; name: string; kind: 'GROUP' | 'WORLD' }[] = [
  { code: 'ALL', name: 'All partners (world)', kind: 'WORLD' },
  { code: 'GROUP-BRI', name: 'Belt and Road partners (as each source defines them)', kind: 'GROUP' },
  { code: 'GROUP-RCEP', name: 'RCEP members', kind: 'GROUP' },
];

/** The shipped reference and data files, relative to the data folder. */
export const SHIPPED_FILES = {
  subjects: 'subjects.tsv',
  measures: 'measures.tsv',
  ports: 'ports.tsv',
  portEvents: 'port-events.tsv',
  exchangeRates: 'exchange-rates.tsv',
  observations: 'xizang-trade-figures.tsv',
} as const;

function load(dir: string, file: string, columns: readonly string[]): TsvRecord[] {
  const { records, errors } = readTsv(decodeUtf8(fs.readFileSync(path.join(dir, file)), file), columns);
  if (errors.length) throw new ImportValidationError(file, errors);
  return records;
}

function fail(file: string, errors: RowError[]): void {
  if (errors.length) throw new ImportValidationError(file, errors);
}

/**
 * Problems with a reference file whose rows form a tree by code: data/subjects.tsv (`parent`) and
 * data/measures.tsv (`part_of`). One error per offending row and column:
 *  - `code`: empty, or already used by an earlier row (the upsert would fail without naming it);
 *  - the parent column: empty is a root; otherwise it must name another code of the file, and
 *    following it must never come back to the row (a cycle, reported on each of its rows) nor
 *    run deeper than {@link MAX_TREE_DEPTH} levels (src/subjects/subject.repository.ts
 *    shareLineage reads no deeper).
 * @param what the row's noun in messages ("subject", "measure")
 */
export function codeTreeErrors(records: readonly TsvRecord[], parentColumn: string, what: string): RowError[] {
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  for (const r of records) {
    const code = r.cells.code ?? '';
    if (code === '') errors.push({ row: r.line, column: 'code', message: 'is empty' });
    else if (firstRow.has(code)) errors.push({ row: r.line, column: 'code', message: `"${code}" appears more than once (first on row ${firstRow.get(code)})` });
    else firstRow.set(code, r.line);
  }
  const parentOf = new Map(records.filter((r) => firstRow.get(r.cells.code) === r.line).map((r) => [r.cells.code, r.cells[parentColumn] ?? '']));
  for (const r of records) {
    const code = r.cells.code ?? '';
    const parent = r.cells[parentColumn] ?? '';
    if (parent === '' || code === '' || firstRow.get(code) !== r.line) continue;
    if (parent === code) {
      errors.push({ row: r.line, column: parentColumn, message: `"${parent}" is the ${what} itself` });
      continue;
    }
    if (!parentOf.has(parent)) {
      errors.push({ row: r.line, column: parentColumn, message: `"${parent}" is not a ${what} of this file` });
      continue;
    }
    // Only the rows on a cycle are reported; one leading into a cycle stops where it repeats.
    const path: string[] = [];
    for (let m = parent; m !== '' && !path.includes(m); m = parentOf.get(m) ?? '') {
      if (m === code) {
        errors.push({ row: r.line, column: parentColumn, message: `following ${parentColumn} from "${code}" (${path.join(' -> ')}) comes back to it: a cycle` });
        break;
      }
      path.push(m);
      if (path.length > MAX_TREE_DEPTH) {
        errors.push({ row: r.line, column: parentColumn, message: `following ${parentColumn} from "${code}" runs deeper than ${MAX_TREE_DEPTH} levels` });
        break;
      }
    }
  }
  return errors.sort((a, b) => a.row - b.row);
}

/**
 * The codes of tree-shaped reference rows ordered so that each comes after its parent (roots
 * first, then their children, ...), for inserts checked by a foreign key to the parent. Call it
 * on rows {@link codeTreeErrors} accepted.
 */
export function parentsFirst(records: readonly TsvRecord[], parentColumn: string): TsvRecord[] {
  const depthOf = new Map<string, number>();
  const byCode = new Map(records.map((r) => [r.cells.code, r]));
  const depth = (code: string): number => {
    const known = depthOf.get(code);
    if (known !== undefined) return known;
    const parent = byCode.get(code)?.cells[parentColumn] ?? '';
    const d = parent === '' ? 0 : depth(parent) + 1;
    depthOf.set(code, d);
    return d;
  };
  return records.map((r, i) => ({ r, i, d: depth(r.cells.code) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.r);
}

/**
 * Loads (or refreshes) the reference tables from `dir`: subjects, measures, partners (every
 * ISO 3166-1 country with its English name from i18n-iso-countries, plus {@link PARTNER_GROUPS}),
 * ports, port events and exchange rates, each event and rate with its source. One transaction;
 * reference rows are upserted by code, events and rates are added once; then the tables written
 * are analyzed ({@link REFERENCE_TABLES}).
 * @throws ImportValidationError naming file, row and column when a reference file is malformed.
 */
export async function loadReferenceData(ds: DataSource, dir: string): Promise<void> {
  const subjects = load(dir, SHIPPED_FILES.subjects, ['code', 'name', 'kind', 'parent', 'chinese_name', 'note']);
  const measures = load(dir, SHIPPED_FILES.measures, ['code', 'name', 'category', 'description', 'part_of']);
  const ports = load(dir, SHIPPED_FILES.ports, ['code', 'name', 'other_names', 'chinese_name', 'county', 'prefecture', 'region', 'counterpart_country', 'counterpart_crossing', 'un_locode', 'notes']);
  const events = load(dir, SHIPPED_FILES.portEvents, ['port', 'date', 'event', 'detail', 'source_publisher', 'source_title', 'source_url']);
  const rates = load(dir, SHIPPED_FILES.exchangeRates, ['base_currency', 'base_amount', 'quote_currency', 'quote_amount', 'period_start', 'period_end', 'source_publisher', 'source_title', 'source_url', 'source_date', 'note']);

  // Every subject's statistical basis follows from its code (src/stats/share.ts basisOfSubject):
  // a code of no known pattern could never be shared or compared, so it is refused here.
  const subjectErrors: RowError[] = [];
  for (const s of subjects) {
    try {
      basisOfSubject(s.cells.code);
    } catch (e) {
      if (!(e instanceof UnknownSubjectError)) throw e;
      subjectErrors.push({ row: s.line, column: 'code', message: `"${s.cells.code}" has no known statistical basis (PORT-*, GROUP-XZ-4-LAND-PORTS, XZ, XZ-*, CUSTOMS-LHASA, NP, NP-*)` });
    }
  }
  fail(SHIPPED_FILES.subjects, [...subjectErrors, ...codeTreeErrors(subjects, 'parent', 'subject')].sort((a, b) => a.row - b.row));
  fail(SHIPPED_FILES.measures, codeTreeErrors(measures, 'part_of', 'measure'));
  const prefectureByName = new Map(subjects.filter((s) => s.cells.kind === 'PREFECTURE').map((s) => [s.cells.name, s.cells.code]));
  const portErrors: RowError[] = [];
  for (const p of ports) {
    if (!prefectureByName.has(p.cells.prefecture)) portErrors.push({ row: p.line, column: 'prefecture', message: `no prefecture subject named "${p.cells.prefecture}"` });
  }
  fail(SHIPPED_FILES.ports, portErrors);
  const eventErrors: RowError[] = [];
  for (const e of events) {
    if (!isIsoDate(e.cells.date)) eventErrors.push({ row: e.line, column: 'date', message: `"${e.cells.date}" is not a real date` });
    if (!['opened', 'closed', 'reopened'].includes(e.cells.event)) eventErrors.push({ row: e.line, column: 'event', message: `unknown event "${e.cells.event}"` });
  }
  fail(SHIPPED_FILES.portEvents, eventErrors);
  const rateErrors: RowError[] = [];
  for (const r of rates) {
    for (const col of ['base_amount', 'quote_amount']) {
      try { parseDecimal(r.cells[col]); } catch (e) { rateErrors.push({ row: r.line, column: col, message: (e as Error).message }); }
    }
  }
  fail(SHIPPED_FILES.exchangeRates, rateErrors);

  const cite = (c: Record<string, string>): SourceCitation => ({
    publisher: c.source_publisher, title: c.source_title, url: c.source_url || null, date: c.source_date || null,
  });

  await ds.transaction(async (m: EntityManager) => {
    // Parents first (the foreign key checks each row's parent as it is inserted).
    for (const s of parentsFirst(subjects, 'parent')) {
      const c = s.cells;
      await m.query(
        `INSERT INTO subject (code, name, kind, parent_code, chinese_name, note) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code,
           chinese_name = EXCLUDED.chinese_name, note = EXCLUDED.note`,
        [c.code, c.name, c.kind, c.parent || null, c.chinese_name || null, c.note || null],
      );
    }
    // One statement: a measure may name as part_of one later in the file (the key is checked at its end).
    await m.query(
      `INSERT INTO measure (code, name, category, description, part_of_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, description = EXCLUDED.description,
         part_of_code = EXCLUDED.part_of_code`,
      [measures.map((r) => r.cells.code), measures.map((r) => r.cells.name), measures.map((r) => r.cells.category), measures.map((r) => r.cells.description),
        measures.map((r) => r.cells.part_of || null)],
    );
    const names = countries.getNames('en', { select: 'official' });
    const partners = [
      ...Object.entries(names).map(([code, name]) => ({ code, name, kind: 'COUNTRY' })),
      ...PARTNER_GROUPS,
    ];
    await m.query(
      `INSERT INTO partner (code, name, kind) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`,
      [partners.map((p) => p.code), partners.map((p) => p.name), partners.map((p) => p.kind)],
    );
    for (const p of ports) {
      const c = p.cells;
      await m.query(
        `INSERT INTO port (code, name, other_names, chinese_name, county, prefecture_code, region_code, counterpart_country, counterpart_crossing, un_locode, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, other_names = EXCLUDED.other_names, chinese_name = EXCLUDED.chinese_name,
           county = EXCLUDED.county, prefecture_code = EXCLUDED.prefecture_code, region_code = EXCLUDED.region_code,
           counterpart_country = EXCLUDED.counterpart_country, counterpart_crossing = EXCLUDED.counterpart_crossing,
           un_locode = EXCLUDED.un_locode, notes = EXCLUDED.notes`,
        [c.code, c.name, c.other_names.split(';').map((n) => n.trim()).filter(Boolean), c.chinese_name, c.county,
          prefectureByName.get(c.prefecture), c.region, c.counterpart_country, c.counterpart_crossing, c.un_locode || null, c.notes || null],
      );
    }
    const sourceIds = await upsertSources(m, [...events.map((e) => cite(e.cells)), ...rates.map((r) => cite(r.cells))]);
    await m.query(
      `INSERT INTO port_event (port_code, event_date, event, detail, source_id)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::integer[])
       ON CONFLICT (port_code, event_date, event, source_id) DO UPDATE SET detail = EXCLUDED.detail`,
      [events.map((e) => e.cells.port), events.map((e) => e.cells.date), events.map((e) => e.cells.event.toUpperCase()),
        events.map((e) => e.cells.detail), events.map((e) => sourceIds.get(sourceKey(cite(e.cells))))],
    );
    await m.query(
      `INSERT INTO exchange_rate (base_currency, base_amount, quote_currency, quote_amount, period_start, period_end, source_id, note)
       SELECT * FROM unnest($1::text[], $2::numeric[], $3::text[], $4::numeric[], $5::date[], $6::date[], $7::integer[], $8::text[])
       ON CONFLICT (base_currency, quote_currency, period_start, period_end, source_id) DO NOTHING`,
      [rates.map((r) => r.cells.base_currency), rates.map((r) => r.cells.base_amount), rates.map((r) => r.cells.quote_currency),
        rates.map((r) => r.cells.quote_amount), rates.map((r) => r.cells.period_start), rates.map((r) => r.cells.period_end),
        rates.map((r) => sourceIds.get(sourceKey(cite(r.cells)))), rates.map((r) => r.cells.note || null)],
    );
    await m.query(`ANALYZE ${REFERENCE_TABLES.join(', ')}`);
  });
}

/**
 * The tables {@link loadReferenceData} writes, which it analyzes once written: where autovacuum is
 * off (as on this project's machines) a table never analyzed has no statistics, and the planner
 * guessed 3 country partners instead of 250 and probed the yearly rollup once per partner (top
 * partners of 20 ports: 196 ms instead of 24). A few milliseconds for tables this small.
 */
export const REFERENCE_TABLES = ['subject', 'measure', 'partner', 'port', 'source', 'port_event', 'exchange_rate'] as const;

/**
 * Loads the reference data and then the shipped real figures from `dir` (data/ in the project).
 * Safe to repeat: the second run changes nothing.
 */
export async function loadShippedData(ds: DataSource, dir: string): Promise<ImportResult> {
  await loadReferenceData(ds, dir);
  return importObservationsFile(ds, path.join(dir, SHIPPED_FILES.observations), 'shipped-data');
}
