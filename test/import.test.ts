/**
 * The import path on the scratch database: a clean load of the shipped real data, an idempotent
 * second load, a file with bad rows that writes nothing, and a changed value kept as a new vintage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { spawnSync } from 'node:child_process';
import { openEmptyScratchDatabase, testDatabaseKind } from './support/database';
import { sqlCounterOf } from '../src/db/data-source';
import { TEST_ENV } from './support/env';
import { loadReferenceData, loadShippedData } from '../src/import/reference.service';
import { importObservationsFile, importObservationsText, maxObservationsFileBytes } from '../src/import/import.service';
import { writeFailureLines } from '../src/import/cli';
import { ImportValidationError } from '../src/import/tsv';

const DATA = path.resolve(__dirname, '../data');
const FIGURES = path.join(DATA, 'xizang-trade-figures.tsv');
const HEADER = fs.readFileSync(FIGURES, 'utf8').split('\n')[0];
let ds: DataSource;

async function count(sql: string): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${sql}`);
  return n;
}

beforeAll(async () => {
  ds = await openEmptyScratchDatabase();
});
afterAll(async () => {
  await ds.destroy();
});

describe('reference files', () => {
  test('a subject whose code has no known statistical basis is refused naming file, row and column, and nothing is loaded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landports-ref-'));
    for (const f of fs.readdirSync(DATA)) fs.copyFileSync(path.join(DATA, f), path.join(dir, f));
    const subjects = fs.readFileSync(path.join(DATA, 'subjects.tsv'), 'utf8').replace(/\n?$/, '\n');
    const rows = subjects.split('\n').length - 1; // the header is line 1, so the new row is line rows + 1
    fs.writeFileSync(path.join(dir, 'subjects.tsv'), `${subjects}MARS-PORT\tMars\tPORT\t\t\t\n`);
    const before = await count('subject');
    await expect(loadReferenceData(ds, dir)).rejects.toMatchObject({
      fileName: 'subjects.tsv',
      errors: [{ row: rows + 1, column: 'code', message: '"MARS-PORT" has no known statistical basis (PORT-*, GROUP-XZ-4-LAND-PORTS, XZ, XZ-*, CUSTOMS-LHASA, NP, NP-*)' }],
    });
    expect(await count('subject')).toBe(before);
    fs.rmSync(dir, { recursive: true });
  });

  /** Copies data/ to a temporary folder with `file` rewritten by `edit` (its lines, the header first). */
  function dataWith(file: string, edit: (lines: string[]) => string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landports-ref-'));
    for (const f of fs.readdirSync(DATA)) fs.copyFileSync(path.join(DATA, f), path.join(dir, f));
    const lines = fs.readFileSync(path.join(DATA, file), 'utf8').replace(/\n$/, '').split('\n');
    fs.writeFileSync(path.join(dir, file), `${edit(lines).join('\n')}\n`);
    return dir;
  }
  const lineOf = (lines: string[], code: string) => lines.findIndex((l) => l.startsWith(`${code}\t`)) + 1;
  const setCell = (lines: string[], code: string, column: number, value: string) => {
    const at = lineOf(lines, code) - 1;
    const cells = lines[at].split('\t');
    cells[column] = value;
    lines[at] = cells.join('\t');
    return lines;
  };

  test.each([
    ['names no measure of the file', 'garment_trade_value', 'part_of_nothing', '"part_of_nothing" is not a measure of this file'],
    ['names the measure itself', 'trade_value', 'trade_value', '"trade_value" is the measure itself'],
    ['makes a cycle', 'trade_value', 'garment_trade_value', 'following part_of from "trade_value" (garment_trade_value -> labour_intensive_trade_value) comes back to it: a cycle'],
  ])('a measure whose part_of %s is refused naming file, row and column, and nothing is loaded', async (_what, code, partOf, message) => {
    const lines = fs.readFileSync(path.join(DATA, 'measures.tsv'), 'utf8').split('\n');
    const dir = dataWith('measures.tsv', (l) => setCell(l, code, 4, partOf));
    const before = await count('measure');
    const errors = [{ row: lineOf(lines, code), column: 'part_of', message }];
    if (partOf === 'garment_trade_value') {
      // The cycle trade_value -> garment_trade_value -> labour_intensive_trade_value -> trade_value is reported on each of its
      // three measures, and on no measure that only leads into it (all the other *_trade_value ones).
      const labour = lineOf(lines, 'labour_intensive_trade_value');
      const garment = lineOf(lines, 'garment_trade_value');
      errors.push(
        { row: labour, column: 'part_of', message: 'following part_of from "labour_intensive_trade_value" (trade_value -> garment_trade_value) comes back to it: a cycle' },
        { row: garment, column: 'part_of', message: 'following part_of from "garment_trade_value" (labour_intensive_trade_value -> trade_value) comes back to it: a cycle' },
      );
    }
    await expect(loadReferenceData(ds, dir)).rejects.toMatchObject({ fileName: 'measures.tsv', errors });
    expect(await count('measure')).toBe(before);
    fs.rmSync(dir, { recursive: true });
  });

  test('subjects: a parent cycle, a parent not in the file, an empty or repeated code are refused naming row and column, and nothing is loaded', async () => {
    const subjects = fs.readFileSync(path.join(DATA, 'subjects.tsv'), 'utf8').split('\n');
    const before = await ds.query('SELECT code, parent_code FROM subject ORDER BY code');
    const cases: [string, (l: string[]) => string[], { row: number; column: string; message: string }[]][] = [
      // XZ's parent XZ-LHASA, whose parent is XZ: a share of XZ in XZ-LHASA read 210.9 % when this loaded.
      ['cycle', (l) => setCell(l, 'XZ', 3, 'XZ-LHASA'), [
        { row: lineOf(subjects, 'XZ'), column: 'parent', message: 'following parent from "XZ" (XZ-LHASA) comes back to it: a cycle' },
        { row: lineOf(subjects, 'XZ-LHASA'), column: 'parent', message: 'following parent from "XZ-LHASA" (XZ) comes back to it: a cycle' },
      ]],
      ['self', (l) => setCell(l, 'XZ', 3, 'XZ'), [{ row: lineOf(subjects, 'XZ'), column: 'parent', message: '"XZ" is the subject itself' }]],
      ['unknown parent', (l) => setCell(l, 'XZ-BURANG-COUNTY', 3, 'XZ-NGRI'), [{ row: lineOf(subjects, 'XZ-BURANG-COUNTY'), column: 'parent', message: '"XZ-NGRI" is not a subject of this file' }]],
      ['repeated code', (l) => [...l.filter((x) => x !== ''), l[lineOf(l, 'XZ-NGARI') - 1]], [{ row: subjects.filter((x) => x !== '').length + 1, column: 'code', message: `"XZ-NGARI" appears more than once (first on row ${lineOf(subjects, 'XZ-NGARI')})` }]],
    ];
    for (const [what, edit, errors] of cases) {
      const dir = dataWith('subjects.tsv', edit);
      const refused = await loadReferenceData(ds, dir).then(() => null, (e: unknown) => e);
      expect([what, refused]).toMatchObject([what, { fileName: 'subjects.tsv', errors }]);
      fs.rmSync(dir, { recursive: true });
    }
    expect(await ds.query('SELECT code, parent_code FROM subject ORDER BY code')).toEqual(before);
  });

  test('measures: an empty or repeated code and a part_of chain deeper than 32 levels are refused naming row and column', async () => {
    const measures = fs.readFileSync(path.join(DATA, 'measures.tsv'), 'utf8').replace(/\n$/, '').split('\n');
    const n = measures.length; // the header is line 1, so an appended row is line n + 1
    const repeated = dataWith('measures.tsv', (l) => [...l, l[lineOf(l, 'apple_trade_value') - 1]]);
    await expect(loadReferenceData(ds, repeated)).rejects.toMatchObject({
      fileName: 'measures.tsv', errors: [{ row: n + 1, column: 'code', message: `"apple_trade_value" appears more than once (first on row ${lineOf(measures, 'apple_trade_value')})` }],
    });
    const empty = dataWith('measures.tsv', (l) => [...l, '\tNothing\tTOTAL\tno code\ttrade_value']);
    await expect(loadReferenceData(ds, empty)).rejects.toMatchObject({ fileName: 'measures.tsv', errors: [{ row: n + 1, column: 'code', message: 'is empty' }] });
    // deep_01 part of trade_value, deep_02 part of deep_01, ...: deep_33 lies 33 levels below trade_value, deep_32 32.
    const chain = (depth: number) => Array.from({ length: depth }, (_, i) => `deep_${String(i + 1).padStart(2, '0')}\tDeep\tTOTAL\ttest\t${i === 0 ? 'trade_value' : `deep_${String(i).padStart(2, '0')}`}`);
    const deep = dataWith('measures.tsv', (l) => [...l, ...chain(33)]);
    await expect(loadReferenceData(ds, deep)).rejects.toMatchObject({
      fileName: 'measures.tsv', errors: [{ row: n + 33, column: 'part_of', message: 'following part_of from "deep_33" runs deeper than 32 levels' }],
    });
    for (const dir of [repeated, empty, deep]) fs.rmSync(dir, { recursive: true });
  });

  test('every shipped measure that is part of another names one that is stored, and Measure.partOfCode shows it', async () => {
    await loadReferenceData(ds, DATA);
    const rows: { code: string; part_of_code: string | null }[] = await ds.query(`SELECT code, part_of_code FROM measure WHERE code IN ('garment_trade_value', 'labour_intensive_trade_value', 'trade_value') ORDER BY code`);
    expect(rows).toEqual([
      { code: 'garment_trade_value', part_of_code: 'labour_intensive_trade_value' },
      { code: 'labour_intensive_trade_value', part_of_code: 'trade_value' },
      { code: 'trade_value', part_of_code: null },
    ]);
  });
});

describe('import of the shipped real data', () => {
  test('a clean load inserts every row, with its source and reference data', async () => {
    const r = await loadShippedData(ds, DATA);
    // data/xizang-trade-figures.tsv has 168 data rows (169 lines with the header).
    expect(r).toMatchObject({ inserted: 168, unchanged: 0, superseded: 0 });
    expect(await count('observation')).toBe(168);
    expect(await count('subject')).toBe(15);
    expect(await count('port')).toBe(4);
    expect(await count('port_event')).toBe(13);
    expect(await count("partner WHERE kind = 'COUNTRY'")).toBe(250);
    // 56 distinct citations among the figures, plus the port events' and the rate's own sources.
    expect(await count('source')).toBeGreaterThanOrEqual(56);
    // The nine rows whose note says "lower bound" (e.g. Xizang-Nepal 2014 "exceeded" 10000).
    expect(await count(`observation WHERE status = 'LOWER_BOUND'`)).toBe(9);
  });

  test('values keep the published digits exactly', async () => {
    const rows = await ds.query(`SELECT value::text AS v FROM observation WHERE value::text IN ('12174.39', '0.8258', '59.9971', '3.7302', '10.0')`);
    expect(rows.map((r: { v: string }) => r.v).sort()).toEqual(['0.8258', '12174.39', '3.7302', '59.9971']);
    const [g] = await ds.query(`SELECT reported_yoy_growth_pct::text AS g FROM observation WHERE period_start = '2022-01-01' AND period_end = '2022-06-30' AND flow = 'total' AND partner_code = 'ALL' AND measure_code = 'trade_value'`);
    expect(g.g).toBe('10.0');
  });

  test('a quoted note keeps its inner quotes', async () => {
    const [n] = await ds.query(`SELECT note FROM observation WHERE value = 1330`);
    expect(n.note).toBe('the English report says "nearly 1.33 billion" border-resident trade; the Chinese original gives 1327 for small-scale plus resident trade');
  });

  test('importing the same file again adds nothing and says so', async () => {
    const counter = sqlCounterOf(ds);
    counter.reset();
    counter.recording = true;
    const r = await importObservationsFile(ds, FIGURES);
    counter.recording = false;
    expect(r).toMatchObject({ inserted: 0, unchanged: 168, superseded: 0 });
    // Its statements are planned for their parameters, not generically as serving connections plan (src/db/data-source.ts).
    const begin = counter.recorded.indexOf('START TRANSACTION');
    expect(counter.recorded.slice(begin, begin + 3)).toEqual(['START TRANSACTION', 'SELECT pg_advisory_xact_lock($1)', 'SET LOCAL plan_cache_mode = auto']);
    expect(await count('observation')).toBe(168);
    await loadReferenceData(ds, DATA); // reference data too is idempotent
    expect(await count('port_event')).toBe(13);
  });

  test('a file with bad rows writes nothing and names each row, column and reason', async () => {
    const before = await count('observation');
    const sources = await count('source');
    const batches = await count('import_batch');
    let err: ImportValidationError | undefined;
    try {
      await importObservationsFile(ds, path.join(__dirname, 'fixtures/bad-rows.tsv'));
    } catch (e) {
      err = e as ImportValidationError;
    }
    expect(err).toBeInstanceOf(ImportValidationError);
    expect(err!.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'measure'],
      [4, 'subject'],
      [5, 'partner'],
      [6, 'unit'],
      [7, 'period_start'],
      [8, 'period_end'],
      [9, 'value'],
      [10, 'growth_basis'],
      [11, 'value'],
    ]);
    expect(err!.errors[0].message).toBe('unknown measure code "trade_vallue"');
    expect(err!.errors[4].message).toMatch(/"2023-02-30" is not a real date/);
    expect(err!.errors[5].message).toBe('2023-01-01 is before period_start 2023-11-30');
    expect(err!.errors[6].message).toMatch(/must not be negative/);
    expect(err!.errors[7].message).toBe('is given but reported_yoy_growth_pct is blank');
    expect(err!.errors[8].message).toMatch(/thousands separators/);
    expect(err!.message).toMatch(/^bad-rows\.tsv: 9 errors, nothing was imported\n  row 3, column measure: /);
    // Row 2 was good, but nothing at all was written: no observation, no source, no batch.
    expect(await count('observation')).toBe(before);
    expect(await count('source')).toBe(sources);
    expect(await count('import_batch')).toBe(batches);
  });

  test('a header without a required column is refused at row 1, and the misspelt column too', async () => {
    const text = HEADER.replace('\tunit\t', '\tunits\t') + '\n';
    await expect(importObservationsText(ds, text, 'no-unit.tsv')).rejects.toMatchObject({
      errors: [
        { row: 1, column: 'unit', message: 'required column is missing from the header' },
        { row: 1, column: 'units', message: expect.stringMatching(/^is not a column of this file \(column 8; the columns are measure, subject, .*, note\)$/) },
      ],
    });
  });

  test('a column the file kind does not have (a "notes" beside "note") is refused, not dropped, and nothing is written', async () => {
    const before = await count('observation');
    const line = 'trade_value\tXZ\tALL\ttotal\t2023-01-01\t2023-11-30\t100\tCNY_MN\t\t\tLandports test fixture\textra\t\t2024\t\tlost remark';
    await expect(importObservationsText(ds, `${HEADER}\tnotes\n${line}\n`, 'extra.tsv')).rejects.toMatchObject({
      errors: [{ row: 1, column: 'notes', message: expect.stringMatching(/^is not a column of this file \(column 16;/) }],
    });
    expect(await count('observation')).toBe(before);
  });

  test('a row repeating another row of the same source is refused', async () => {
    const line = 'trade_value\tXZ\tALL\ttotal\t2023-01-01\t2023-11-30\t100\tCNY_MN\t\t\tLandports test fixture\tdup\t\t2024\t';
    await expect(importObservationsText(ds, `${HEADER}\n${line}\n${line}\n`, 'dup.tsv')).rejects.toMatchObject({
      errors: [{ row: 3, column: '(row)', message: expect.stringMatching(/repeats the figure of row 2/) }],
    });
  });

  test('a changed value for the same key and source keeps the earlier value as an earlier vintage', async () => {
    const original = fs.readFileSync(FIGURES, 'utf8');
    // Xizang 2025 total, People's Daily-style source row: 8479 -> 8480 (a made-up correction for the test).
    const row = original.split('\n').find((l) => l.startsWith('trade_value\tXZ\tALL\ttotal\t2025-01-01\t2025-12-31\t8479\t'))!;
    const changed = row.replace('\t8479\t', '\t8480\t');
    const r = await importObservationsText(ds, `${HEADER}\n${changed}\n`, 'correction.tsv');
    expect(r).toMatchObject({ inserted: 1, unchanged: 0, superseded: 1 });
    const versions = await ds.query(
      `SELECT value::text AS v, superseded_at IS NOT NULL AS old FROM observation
       WHERE measure_code = 'trade_value' AND subject_code = 'XZ' AND period_start = '2025-01-01' AND partner_code = 'ALL' ORDER BY id`,
    );
    expect(versions).toEqual([{ v: '8479', old: true }, { v: '8480', old: false }]);
    expect(await count('observation WHERE superseded_at IS NULL')).toBe(168);
    // The same correction again changes nothing.
    expect(await importObservationsText(ds, `${HEADER}\n${changed}\n`, 'correction.tsv')).toMatchObject({ inserted: 0, unchanged: 1, superseded: 0 });
  });
});

describe('bad files found by trying to break the import', () => {
  const row = (value: string, extra = '') =>
    `trade_value\tXZ\tALL\ttotal\t2023-01-01\t2023-11-30\t${value}\tCNY_MN\t\t\tLandports test fixture\tbreak${extra}\t\t2024\t`;

  test('a file that is not UTF-8 is refused naming its line, not imported with replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${row('1')}\n`), Buffer.from('trade_value\tXZ\tALL\ttotal\t2023-01-01\t2023-11-30\t1\tCNY_MN\t\t\tBr'), Buffer.from([0xe9]), Buffer.from('aker\tt\t\t2024\t\n')]);
    const file = path.join(require('node:os').tmpdir(), `latin1-${process.pid}.tsv`);
    fs.writeFileSync(file, bytes);
    await expect(importObservationsFile(ds, file)).rejects.toMatchObject({ errors: [{ row: 3, column: '(row)', message: 'is not UTF-8 text (the file must be UTF-8)' }] });
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]));
    await expect(importObservationsFile(ds, file)).rejects.toMatchObject({ errors: [{ row: 1, message: 'is UTF-16 text; save it as UTF-8' }] });
    fs.unlinkSync(file);
  });

  test('a file larger than the process can read whole is refused with its size and the limit, before it is read', async () => {
    // Sparse: as large as asked, at no cost to write; reading it would take minutes and, past the heap, kill the process.
    const file = path.join(os.tmpdir(), `huge-${process.pid}.tsv`);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, maxObservationsFileBytes() + 1);
    // Refused on its size: read, its NUL bytes would have been refused row by row instead.
    await expect(importObservationsFile(ds, file)).rejects.toMatchObject({
      errors: [{ row: 1, column: '(file)', message: expect.stringMatching(/^is \d+ MiB; this process reads files of at most \d+ MiB \(a file is read and validated whole, in memory\): split it into smaller files/) }],
    });
    fs.unlinkSync(file);
    // The limit: the heap over 16 bytes per byte of file, never past the longest string Node can make.
    expect(maxObservationsFileBytes()).toBe(Math.min(536870888, Math.floor(require('node:v8').getHeapStatistics().heap_size_limit / 16)));
  });

  test('a missing file and a directory are refused with the reason', async () => {
    await expect(importObservationsFile(ds, '/nonexistent/x.tsv')).rejects.toMatchObject({ errors: [{ column: '(file)', message: 'cannot be read: no such file' }] });
    await expect(importObservationsFile(ds, __dirname)).rejects.toMatchObject({ errors: [{ column: '(file)', message: 'cannot be read: it is a directory, not a file' }] });
    // A device is never read: /dev/zero would be read without end (a helper saw 5.8 GB in 30 s).
    await expect(importObservationsFile(ds, '/dev/zero')).rejects.toMatchObject({ errors: [{ column: '(file)', message: 'cannot be read: it is not a regular file (a device, pipe or socket)' }] });
  });

  test('NUL characters, duplicate header columns and unclosed quotes are refused with their row', async () => {
    await expect(importObservationsText(ds, `${HEADER}\n${row('1', '\u0000')}\n`, 'nul.tsv')).rejects.toMatchObject({ errors: [{ row: 2, message: expect.stringMatching(/NUL character/) }] });
    await expect(importObservationsText(ds, `${HEADER}\tvalue\n`, 'dup.tsv')).rejects.toMatchObject({ errors: [{ row: 1, column: 'value', message: 'appears more than once in the header (columns 7 and 16)' }] });
    await expect(importObservationsText(ds, `${HEADER}\n${row('1').replace('break', '"break')}\n`, 'quote.tsv')).rejects.toMatchObject({ errors: [{ column: '(row)', message: expect.stringMatching(/never closed/) }] });
  });

  test('values with more digits than any published figure, and dates outside 1900..2099, are refused', async () => {
    const long = '1'.repeat(21);
    await expect(importObservationsText(ds, `${HEADER}\n${row(long)}\n${row('0.12345678901', 'x')}\n`, 'digits.tsv')).rejects.toMatchObject({
      errors: [
        { row: 2, column: 'value', message: 'has more digits than a published figure needs (at most 20 before the point and 10 after)' },
        { row: 3, column: 'value', message: 'has more digits than a published figure needs (at most 20 before the point and 10 after)' },
      ],
    });
    const old = row('1').replace('2023-01-01\t2023-11-30', '0001-01-01\t0001-12-31');
    await expect(importObservationsText(ds, `${HEADER}\n${old}\n`, 'old.tsv')).rejects.toMatchObject({
      errors: [
        { row: 2, column: 'period_start', message: '0001-01-01 lies outside the supported dates 1900-01-01..2099-12-31' },
        { row: 2, column: 'period_end', message: '0001-12-31 lies outside the supported dates 1900-01-01..2099-12-31' },
      ],
    });
    await expect(importObservationsText(ds, `${HEADER}\n${row('1e3')}\n`, 'exp.tsv')).rejects.toMatchObject({
      errors: [{ row: 2, column: 'value', message: 'not a plain decimal: "1e3" (exponent notation is not allowed)' }],
    });
  });

  test('the same value written with a trailing zero is the same figure, not a new vintage', async () => {
    const original = fs.readFileSync(FIGURES, 'utf8').split('\n');
    const yearbook = original.find((l) => l.includes('\t12174.39\t'))!;
    const r = await importObservationsText(ds, `${HEADER}\n${yearbook.replace('\t12174.39\t', '\t12174.390\t')}\n`, 'zero.tsv');
    expect(r).toMatchObject({ inserted: 0, unchanged: 1, superseded: 0 });
  });

  test('a note with a backslash, a quoted line break and the COPY escapes as text is stored exactly as written', async () => {
    const note = 'C:\\tables\\t1 says \\N; see "line one\nline two"';
    const text = `${HEADER}\n${row('1', ' escapes').replace(/\t$/, `\t"${note.replace(/"/g, '""')}"`)}\n`;
    expect(await importObservationsText(ds, text, 'escapes.tsv')).toMatchObject({ inserted: 1 });
    const [stored] = await ds.query(`SELECT o.note FROM observation o JOIN source s ON s.id = o.source_id WHERE s.title = 'break escapes'`);
    expect(stored.note).toBe(note);
  });

  test('two imports at once: the second waits for the first and supersedes it; no correction is lost', async () => {
    const base = row('10', ' concurrent');
    await importObservationsText(ds, `${HEADER}\n${base}\n`, 'c0.tsv');
    const [a, b] = await Promise.all([
      importObservationsText(ds, `${HEADER}\n${base.replace('\t10\t', '\t20\t')}\n`, 'c1.tsv'),
      importObservationsText(ds, `${HEADER}\n${base.replace('\t10\t', '\t30\t')}\n`, 'c2.tsv'),
    ]);
    expect([a, b].map((r) => [r.inserted, r.superseded])).toEqual([[1, 1], [1, 1]]);
    const rows: { v: string; current: boolean }[] = await ds.query(
      `SELECT o.value::text AS v, o.superseded_at IS NULL AS current FROM observation o JOIN source s ON s.id = o.source_id
       WHERE s.title = 'break concurrent' ORDER BY o.id`,
    );
    // Three vintages: the first, then both corrections in the order the lock admitted them; only the last is current.
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ v: '10', current: false });
    expect([rows[1].v, rows[2].v].sort()).toEqual(['20', '30']);
    expect(rows.map((r) => r.current)).toEqual([false, false, true]);
  });
});

describe('the import command (`npm run import -- FILE...`)', () => {
  test('a write that PostgreSQL refuses is printed with its detail, and says nothing of the file was written and which files were', async () => {
    let err: unknown;
    await ds.transaction(async (m) => {
      await m.query(`SAVEPOINT s`);
      try {
        await m.query(`INSERT INTO observation (measure_code, subject_code, partner_code, flow, period_start, period_end, value, unit, status, source_id, import_batch_id)
          SELECT 'trade_value', 'XZ', 'NO-SUCH-PARTNER', 'total', '2023-01-01', '2023-01-31', 1, 'CNY_MN', 'REPORTED', min(id), (SELECT min(id) FROM import_batch) FROM source`);
      } catch (e) {
        err = e;
      }
      await m.query(`ROLLBACK TO SAVEPOINT s`);
    });
    expect(writeFailureLines('second.tsv', err, ['first.tsv'])).toEqual([
      'second.tsv: insert or update on table "observation" violates foreign key constraint "observation_partner_code_fkey" (Key (partner_code)=(NO-SUCH-PARTNER) is not present in table "partner".)',
      'nothing of second.tsv was written (its transaction was rolled back); written before it: first.tsv',
    ]);
    expect(writeFailureLines('only.tsv', new Error('Connection terminated unexpectedly'), [])).toEqual([
      'only.tsv: Connection terminated unexpectedly', 'nothing of only.tsv was written (its transaction was rolled back)',
    ]);
  });

  // The command is a process of its own; the embedded database admits only the test pools' connections.
  const onServer = testDatabaseKind() === 'embedded' ? test.skip : test;
  const cli = (...files: string[]) => spawnSync(process.execPath, ['-r', path.resolve(__dirname, 'support/swc-register.js'), path.resolve(__dirname, '../src/import/cli.ts'), ...files], {
    env: { ...process.env, DATABASE_URL: process.env[TEST_ENV.scratchUrl], LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60000,
  });
  const goodRows = () => count(`observation o JOIN source s ON s.id = o.source_id WHERE s.title = 'good row'`);

  onServer('checks every file before writing any: a bad second file leaves the good first one unwritten', async () => {
    // good.tsv is the one good row of the bad-rows fixture; bad-rows.tsv has 9 bad rows after it.
    const bad = path.join(__dirname, 'fixtures/bad-rows.tsv');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landports-cli-'));
    const good = path.join(dir, 'good.tsv');
    fs.writeFileSync(good, fs.readFileSync(bad, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    expect(await goodRows()).toBe(0);
    const refused = cli(good, bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^bad-rows\.tsv: 9 errors, nothing was imported\n  row 3, column measure: /m);
    expect(refused.stderr).toContain('nothing was imported: 1 of 2 files were refused');
    expect(refused.stdout).not.toContain('inserted');
    expect(await goodRows()).toBe(0);
    // The good file alone is written.
    const alone = cli(good);
    expect([alone.status, alone.stdout]).toEqual([0, expect.stringMatching(/good\.tsv: 1 inserted, 0 unchanged, 0 earlier vintages kept as superseded \(batch \d+\)/)]);
    expect(await goodRows()).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });
});
