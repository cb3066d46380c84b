import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * How a bulk load sends rows to the server: `copy` = COPY ... FROM STDIN in text format
 * (pg-copy-streams); `insert` = one multi-row INSERT ... SELECT FROM unnest(arrays) per batch.
 * The embedded database (PGlite over its socket server) does not speak the COPY sub-protocol,
 * so it gets `insert`; every other PostgreSQL gets `copy`.
 */
export type BulkMethod = 'copy' | 'insert';

/** Picks {@link BulkMethod} from the server's version string (one statement). */
export async function bulkMethodOf(db: DataSource | EntityManager): Promise<BulkMethod> {
  const [{ version }]: { version: string }[] = await db.query('SELECT version() AS version');
  return /PGlite/i.test(version) ? 'insert' : 'copy';
}

/** One value in COPY text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** One row in COPY text format (cells joined by tabs, newline-terminated). */
export function copyLine(cells: readonly (string | number | null | undefined)[]): string {
  let line = copyCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += `\t${copyCell(cells[i])}`;
  return `${line}\n`;
}

/**
 * Streams text-format lines into `table (columns)` with COPY FROM STDIN on `client` (which may
 * be inside a transaction). Chunks are written with back-pressure.
 */
export async function copyInto(client: PoolClient, table: string, columns: readonly string[], chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/** The pg client under a TypeORM EntityManager's query runner (in a transaction: that transaction's connection). */
export async function pgClientOf(m: EntityManager): Promise<PoolClient> {
  if (!m.queryRunner) throw new Error('pgClientOf needs an EntityManager bound to a query runner (inside a transaction)');
  return (await m.queryRunner.connect()) as PoolClient;
}
