import { BadInputError } from '../errors';
import type { Context } from '../context';
import { parsePeriod, Period, PeriodFormatError, priorComparablePeriod } from '../stats/period';
import { Decimal, toDecimalOrNull } from '../stats/decimal';
import { GrowthResult, yoyGrowthPct } from '../stats/growth';
import { choosePreferred } from '../stats/conflict';
import type { FigureQuery } from './observation.repository';
import type { FigureFilter } from './figure-filter.input';
import type { FigureRecord } from './figure.record';

/** Normalises a code as users type it: trimmed; ASCII letters upper case unless `lower` (others as they are). */
export function normaliseCode(code: string, lower = false): string {
  // ASCII letters only: Unicode case mapping turns look-alikes into real codes ("ın" into IN,
  // "xz-ſhigatse" into XZ-SHIGATSE), which must stay unknown instead.
  const t = code.trim();
  return lower ? t.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : t.replace(/[a-z]+/g, (c) => c.toUpperCase());
}

/**
 * {@link normaliseCode} of an argument's code.
 * @throws BadInputError naming `argument` when the code is spaces only (it passed the length checks).
 */
export function codeArg(argument: string, code: string, lower = false): string {
  const c = normaliseCode(code, lower);
  if (c === '') throw new BadInputError(argument, 'is empty once its spaces are trimmed');
  return c;
}

/** Normalises a port code as users type it: trimmed, upper case, `PORT-` added when missing (`zham` gives PORT-ZHAM). */
export function normalisePortCode(code: string): string {
  const c = normaliseCode(code);
  return c.includes('-') ? c : `PORT-${c}`;
}

/**
 * Parses period text (or an ISO date, read as that one day) for argument `argument`.
 * @throws BadInputError naming the argument and why.
 */
export function periodArg(argument: string, text: string): Period {
  try {
    return parsePeriod(text.trim());
  } catch (e) {
    if (e instanceof PeriodFormatError) throw new BadInputError(argument, e.message);
    throw e;
  }
}

/**
 * Turns a GraphQL filter into a repository query: codes normalised, period text parsed.
 * @param argument the argument's name, for error messages (e.g. "filter").
 * @throws BadInputError for a malformed period, or `from` after `to`.
 */
export function toFigureQuery(filter: FigureFilter | undefined | null, argument = 'filter'): FigureQuery {
  const q: FigureQuery = {};
  if (!filter) return q;
  // A list given empty selects nothing (as SQL's IN of no values), never everything.
  if (filter.measures) q.measures = filter.measures.map((m) => normaliseCode(m, true));
  if (filter.flow) q.flows = [filter.flow];
  if (filter.partners) q.partners = filter.partners.map((p) => normaliseCode(p));
  if (filter.unit) q.units = [filter.unit];
  if (filter.period) {
    const p = periodArg(`${argument}.period`, filter.period);
    q.periodStart = p.start;
    q.periodEnd = p.end;
  }
  if (filter.from) q.from = periodArg(`${argument}.from`, filter.from).start;
  if (filter.to) q.to = periodArg(`${argument}.to`, filter.to).end;
  if (q.from && q.to && q.from > q.to) throw new BadInputError(`${argument}.from`, `starts at ${q.from}, after "to" ends (${q.to})`);
  if (filter.asOf) q.asOf = filter.asOf;
  return q;
}

/** Growth of a figure against its prior-year figure, with the prior used and the alternatives. */
export interface PriorComparison {
  prior: FigureRecord | null;
  alternatives: FigureRecord[];
  growth: GrowthResult;
}

/**
 * A subject's figures under a query (through the per-request loader: one statement for all
 * subjects asking the same query). Each record remembers the query's asOf, so that its prior
 * figure is looked up at the same vintage.
 */
export async function figuresOf(ctx: Context, subjectCode: string, query: FigureQuery): Promise<FigureRecord[]> {
  const rows = await ctx.loaders.figuresOfSubject.load({ subjectCode, query });
  return query.asOf ? rows.map((r) => ({ ...r, asOf: query.asOf })) : rows;
}

/**
 * The comparable prior figure of `f`: same measure, subject, partner, flow and unit, for the
 * same span one calendar year earlier (src/stats/period.ts priorComparablePeriod), at the same
 * vintage. Where several sources published it, the preferred one (src/stats/conflict.ts) is used.
 */
export async function priorOf(ctx: Context, f: FigureRecord): Promise<PriorComparison> {
  const p = priorComparablePeriod({ start: f.periodStart, end: f.periodEnd });
  const candidates = await ctx.loaders.figuresAtKey.load({
    measureCode: f.measureCode, subjectCode: f.subjectCode, partnerCode: f.partnerCode, flow: f.flow, unit: f.unit,
    periodStart: p.start, periodEnd: p.end, asOf: f.asOf ?? null,
  });
  const current = toDecimalOrNull(f.value);
  if (candidates.length === 0) return { prior: null, alternatives: [], growth: yoyGrowthPct(current, undefined) };
  const choice = preferredOf(candidates);
  return {
    prior: choice.preferred,
    alternatives: choice.alternatives,
    growth: yoyGrowthPct(current, toDecimalOrNull(choice.preferred.value)),
  };
}

/** The preferred figure among several for one key, the others in preference order, and their spread. */
export interface FigureChoice {
  preferred: FigureRecord;
  alternatives: FigureRecord[];
  conflict: boolean;
  spreadAbs: Decimal | null;
  spreadRelPct: Decimal | null;
}

/** Chooses among figures of one key by the documented rule of src/stats/conflict.ts. */
export function preferredOf(figures: readonly FigureRecord[]): FigureChoice {
  const c = choosePreferred(
    figures.map((record) => ({
      id: record.id,
      value: toDecimalOrNull(record.value),
      status: record.status,
      sourceDate: record.source.publishedOn,
      record,
    })),
  );
  return { ...c, preferred: c.preferred.record, alternatives: c.alternatives.map((a) => a.record) };
}

/** The span from the first day of month `from` to the last day of month `to` of `year` (months 1–12). */
export function periodOfMonths(year: number, from: number, to: number): Period {
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(year, to, 0)).getUTCDate();
  return { start: `${year}-${pad(from)}-01`, end: `${year}-${pad(to)}-${pad(last)}` };
}
