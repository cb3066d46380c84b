import type { Logger, QueryRunner } from 'typeorm';

/**
 * Counts every SQL statement TypeORM sends (it calls `logQuery` for each one, whatever the
 * logging setting). Golden-operation tests and the benchmark read it to assert how many
 * statements an operation issued. Errors are passed to `onError` for logging.
 */
export class SqlCounter implements Logger {
  /** Statements sent since the counter was created or last reset. */
  count = 0;
  /** The statements themselves, kept only while `recording` is true (tests, EXPLAIN checks). */
  recorded: string[] = [];
  /** The parameters of each recorded statement, in the same order. */
  recordedParameters: (unknown[] | undefined)[] = [];
  recording = false;

  constructor(private readonly onError: (message: string) => void = () => undefined) {}

  /** Sets the count to zero and clears the record; returns the previous count. */
  reset(): number {
    const n = this.count;
    this.count = 0;
    this.recorded = [];
    this.recordedParameters = [];
    return n;
  }

  logQuery(query: string, parameters?: unknown[], _qr?: QueryRunner): void {
    this.count += 1;
    if (this.recording) {
      this.recorded.push(query);
      this.recordedParameters.push(parameters);
    }
  }
  logQueryError(error: string | Error, query: string): void {
    this.onError(`SQL failed: ${error instanceof Error ? error.message : error} (${query.slice(0, 80)})`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
