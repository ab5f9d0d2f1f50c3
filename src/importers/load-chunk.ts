import { type Kysely, sql, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.js';
import { HttpError, httpErrorFromDatabase } from '../server/http-error.js';
import { reasonOf } from './prepare-record.js';

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface Reject {
  line: number;
  reason: string;
  raw: string;
}

export interface ChunkRow<T> {
  line: number;
  /** The row as read; its raw text is made only for a row that is rejected. */
  source: { raw: string };
  value: T;
}

export interface ChunkSession {
  trx: Transaction<Schema>;
  /** The transaction's now(): a row whose updated_at is this was changed by this chunk. */
  now: Date;
}

export interface ChunkWriter<T> {
  /** Writes every row; throws on the first that fails (the chunk is then retried row by row). */
  writeAll(session: ChunkSession, values: T[]): Promise<Counts>;
  writeOne(session: ChunkSession, value: T): Promise<Counts>;
}

export const noCounts = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0 });

export function addCounts(total: Counts, more: Counts): void {
  total.inserted += more.inserted;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
}

/** Why the database or a resource's rules refused one row; undefined for failures that are not about the row. */
export function rowErrorReason(error: unknown): string | undefined {
  const http = error instanceof HttpError ? error : httpErrorFromDatabase(error);
  if (http) return http.issues.length > 0 ? reasonOf(http.issues) : http.message;
  // Data exceptions (22…) and integrity violations (23…) are about the row; anything else is the database's.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^2[23]/.test(code)) return `(row): ${(error as Error).message}`;
  return undefined;
}

// Chunks written side by side can deadlock on a shared key (one message id in two chunks); the loser is retried.
const RETRYABLE = new Set(['40P01', '40001']);
export const TRANSACTION_ATTEMPTS = 5;

/** A deadlock or serialization failure: the transaction may succeed when run again from the start. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

async function inTransaction<R>(db: Kysely<Schema>, work: (session: ChunkSession) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx);
        return work({ trx, now: (rows[0] as { now: Date }).now });
      });
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

/**
 * Loads one chunk in one transaction. If any row fails, the chunk is rolled back and done again row by row, each
 * under a savepoint, so the good rows are kept and each bad one is rejected with the reason it was refused.
 */
export async function loadChunk<T>(
  db: Kysely<Schema>,
  rows: ChunkRow<T>[],
  writer: ChunkWriter<T>,
): Promise<{ counts: Counts; rejects: Reject[] }> {
  if (rows.length === 0) return { counts: noCounts(), rejects: [] };
  try {
    const counts = await inTransaction(db, (session) =>
      writer.writeAll(
        session,
        rows.map((row) => row.value),
      ),
    );
    return { counts, rejects: [] };
  } catch (error) {
    // Not about a row (the connection went, the disk is full): retrying row by row would only fail again.
    if (rowErrorReason(error) === undefined) throw error;
  }
  return inTransaction(db, async (session) => {
    const counts = noCounts();
    const rejects: Reject[] = [];
    for (const row of rows) {
      await sql`savepoint import_row`.execute(session.trx);
      try {
        addCounts(counts, await writer.writeOne(session, row.value));
        await sql`release savepoint import_row`.execute(session.trx);
      } catch (error) {
        const reason = rowErrorReason(error);
        if (reason === undefined) throw error;
        await sql`rollback to savepoint import_row`.execute(session.trx);
        rejects.push({ line: row.line, reason, raw: row.source.raw });
      }
    }
    return { counts, rejects };
  });
}
