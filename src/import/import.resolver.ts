import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import type { Context } from '../context';
import { BadInputError, ErrorCode, LandportsError } from '../errors';
import { requireRole } from '../auth/authenticator';
import { ImportResult } from './import-result.type';
import { ObservationRowInput } from './observation-row.input';
import { ImportValidationError, OBSERVATION_COLUMNS, RowError, TsvRecord } from './tsv';

/** The input field of each file column (period_start -> periodStart). */
const FIELD_OF_COLUMN = new Map<string, string>(OBSERVATION_COLUMNS.map((c) => [c, c.replace(/_([a-z])/g, (_m, l: string) => l.toUpperCase())]));

/** Structured rows as file records: row N (1-based) of `rows` is record N; omitted cells are blank. */
export function recordsOfRows(rows: ObservationRowInput[]): TsvRecord[] {
  return rows.map((r, i) => {
    const cells: Record<string, string> = {};
    for (const [column, field] of FIELD_OF_COLUMN) cells[column] = String((r as unknown as Record<string, unknown>)[field] ?? '').trim();
    return { line: i + 1, cells };
  });
}

/** The refusal of an import as a client error: IMPORT_REJECTED, with every bad row, column and reason. */
function rejected(e: ImportValidationError, structured: boolean): LandportsError {
  const errors: RowError[] = structured ? e.errors.map((x) => ({ ...x, column: FIELD_OF_COLUMN.get(x.column) ?? x.column })) : e.errors;
  const where = structured ? 'rows' : 'tsv';
  return new LandportsError(
    `argument "${where}": ${errors.length} error${errors.length === 1 ? '' : 's'}, nothing was imported; ` +
      errors.slice(0, 5).map((x) => `row ${x.row}, ${structured ? 'field' : 'column'} ${x.column}: ${x.message}`).join('; ') + (errors.length > 5 ? '; ...' : ''),
    ErrorCode.IMPORT_REJECTED,
    { argument: where, errors },
  );
}

/** Writes: importing observations, for callers with the editor role only. */
@Resolver()
export class ImportResolver {
  @Directive(PUBLIC)
  @Mutation(() => ImportResult, {
    description: 'Imports observations, exactly as `npm run import` does: every row is checked, and a request with any bad row writes nothing ' +
      '(IMPORT_REJECTED lists every row, column and reason). Give either `tsv` (a file in the import format, header first) or `rows` ' +
      '(row N of the error list is the Nth element). Needs a bearer token (API key or JWT) with the editor role; records who imported and when.',
  })
  async importObservations(
    @Ctx() ctx: Context,
    @Arg('tsv', () => String, { nullable: true, description: 'A tab-separated file in the import format, header row first.' }) tsv?: string | null,
    @Arg('rows', () => [ObservationRowInput], { nullable: true, description: 'Structured rows, one per observation.' }) rows?: ObservationRowInput[] | null,
    @Arg('fileName', () => String, { nullable: true, description: 'A name for the batch (import_batch.file_name); default "graphql".' }) fileName?: string | null,
  ): Promise<ImportResult> {
    const caller = await requireRole(() => ctx.request.caller(), 'editor');
    if ((tsv == null) === (rows == null)) throw new BadInputError(tsv == null ? 'tsv' : 'rows', 'give exactly one of "tsv" and "rows"');
    if (rows?.length === 0) throw new BadInputError('rows', 'is empty: give at least one row');
    const name = (fileName ?? 'graphql').slice(0, 200);
    try {
      const r = tsv != null
        ? await ctx.repos.importer.importText(tsv, name, caller.id)
        : await ctx.repos.importer.importRecords(recordsOfRows(rows ?? []), name, caller.id);
      return { ...r, importedAt: new Date(r.importedAt) };
    } catch (e) {
      if (e instanceof ImportValidationError) throw rejected(e, tsv == null);
      throw e;
    }
  }
}
