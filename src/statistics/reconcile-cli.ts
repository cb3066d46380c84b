/**
 * `npm run reconcile -- [--percent-pp 0.5] [--multiple-pp 10] [--as-of YYYY-MM-DD] [--all]`:
 * prints the reconciliation of reported with computed growth on DATABASE_URL (or the embedded
 * database): the counts, every figure beyond tolerance (largest discrepancy first), the
 * uncheckable ones and the conflicts between sources (`--all` also lists those within tolerance).
 * Exits 0 on success (whatever it finds), 2 on bad arguments, 1 on another failure.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from '../db/database';
import { createContext, createRepositories } from '../context';
import { LandportsError } from '../errors';
import { toPlain } from '../stats/decimal';
import { formatPeriod } from '../stats/period';
import type { FigureRecord } from '../observations/figure.record';
import { asOfArg } from './derivation.service';
import { GrowthCheckRecord, reconcile, ReconciliationRecord, tolerancesOf } from './reconciliation.service';

function describe(f: FigureRecord): string {
  const partner = f.partnerCode === 'ALL' ? '' : `-${f.partnerCode}`;
  return `${f.measureCode} ${f.subjectCode}${partner} ${f.flow} ${formatPeriod({ start: f.periodStart, end: f.periodEnd })} = ${f.value ?? '(no value)'} ${f.unit} (${f.source.publisher}${f.source.publishedOn ? ' ' + f.source.publishedOn : ''})`;
}

function checkLine(c: GrowthCheckRecord): string {
  const r = c.result;
  const basis = r.basis === 'MULTIPLE_ROUNDED' ? ' (multiple)' : '';
  if (r.classification === 'UNCHECKABLE') return `  reported ${toPlain(r.reportedPct)}%${basis}, ${c.growthNullReason ?? 'not computable'}: ${describe(c.figure)}`;
  const d = r.discrepancyPp!;
  return `  ${d.isNegative() ? '' : '+'}${toPlain(d)} pp: reported ${toPlain(r.reportedPct)}%${basis}, computed ${toPlain(r.computedPct!)}% against ${c.prior!.value} (${c.prior!.source.publisher}): ${describe(c.figure)}`;
}

/** The report as printed (also quoted in README). */
export function formatReconciliation(r: ReconciliationRecord, all = false): string {
  const n = r.beyond.length + r.within.length + r.uncheckable.length;
  const lines = [
    `Reported growth checked against computed growth (tolerance ${toPlain(r.tolerances.percentPp)} pp for percent, ${toPlain(r.tolerances.multipleRoundedPp)} pp for rounded multiples)`,
    `${n} reported growths: ${r.within.length} within tolerance, ${r.beyond.length} beyond, ${r.uncheckable.length} uncheckable; ${r.conflicts.length} figures with conflicting sources`,
    '',
    `Beyond tolerance (${r.beyond.length}, largest first):`,
    ...r.beyond.map(checkLine),
  ];
  if (all) lines.push('', `Within tolerance (${r.within.length}):`, ...r.within.map(checkLine));
  lines.push('', `Uncheckable (${r.uncheckable.length}):`, ...r.uncheckable.map(checkLine), '', `Conflicting sources (${r.conflicts.length}):`);
  for (const c of r.conflicts) {
    lines.push(`  spread ${toPlain(c.spreadAbs!)} (${c.spreadRelPct === null ? '-' : toPlain(c.spreadRelPct) + '%'}): preferred ${describe(c.preferred)}`);
    for (const a of c.alternatives) lines.push(`      other ${a.value ?? '(no value)'} ${a.status === 'LOWER_BOUND' ? '(lower bound) ' : ''}(${a.source.publisher}${a.source.publishedOn ? ' ' + a.source.publishedOn : ''})`);
  }
  return lines.join('\n');
}

async function run(argv: string[]): Promise<number> {
  let opts: { 'percent-pp'?: string; 'multiple-pp'?: string; 'as-of'?: string; all?: boolean };
  let tolerances;
  let asOf: string | null;
  try {
    opts = parseArgs({
      args: argv,
      options: { 'percent-pp': { type: 'string' }, 'multiple-pp': { type: 'string' }, 'as-of': { type: 'string' }, all: { type: 'boolean' } },
    }).values;
    tolerances = tolerancesOf(opts['percent-pp'], opts['multiple-pp'], { percentPp: '--percent-pp', multipleRoundedPp: '--multiple-pp' });
    asOf = asOfArg(opts['as-of'], '--as-of');
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    console.error('usage: npm run reconcile -- [--percent-pp 0.5] [--multiple-pp 10] [--as-of YYYY-MM-DD] [--all]');
    return 2;
  }
  const loaded = loadConfig();
  // The embedded database is seeded with the shipped data on first use; a DATABASE_URL is only read.
  const config = { ...loaded, seedOnStart: loaded.seedOnStart && !loaded.databaseUrl };
  const db = await openDatabase(config, createLogger('warn'));
  try {
    const r = await reconcile(createContext(createRepositories(db.ds)), tolerances, asOf);
    console.log(formatReconciliation(r, opts.all));
    return 0;
  } catch (e) {
    if (e instanceof LandportsError) {
      console.error(e.message);
      return 2;
    }
    throw e;
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
