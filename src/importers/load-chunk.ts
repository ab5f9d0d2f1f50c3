import { type Kysely, sql, type Transaction } from 'kysely';
import { isRetryable, TRANSACTION_ATTEMPTS } from '../db/retry.js';
import type { Schema } from '../db/schema.js';
import { rowErrorReason } from '../server/http-error.js';
import { addCounts, type ChunkRow, type Counts, noCounts } from '../shared/write-counts.js';

export interface Reject {
  line: number;
  reason: string;
  raw: string;
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

/**
 * Runs work in a transaction, retried from the start when the database says to; its now() comes with it. With
 * `effectiveAt`, the history the writes make (contacts' roles, accounts' fields and traits) is dated then, not now
 * (`pacer import --as-of`: the file is a snapshot of that day).
 */
export async function inTransaction<R>(
  db: Kysely<Schema>,
  work: (session: ChunkSession) => Promise<R>,
  effectiveAt?: string,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        if (effectiveAt) await sql`select set_config('pacer.effective_at', ${effectiveAt}, true)`.execute(trx);
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
  effectiveAt?: string,
): Promise<{ counts: Counts; rejects: Reject[] }> {
  if (rows.length === 0) return { counts: noCounts(), rejects: [] };
  try {
    const counts = await inTransaction(
      db,
      (session) =>
        writer.writeAll(
          session,
          rows.map((row) => row.value),
        ),
      effectiveAt,
    );
    return { counts, rejects: [] };
  } catch (error) {
    // Not about a row (the connection went, the disk is full): retrying row by row would only fail again.
    if (rowErrorReason(error) === undefined) throw error;
  }
  return inTransaction(db, (session) => writeRowByRow(session, rows, writer), effectiveAt);
}

/**
 * Writes rows one at a time, each under a savepoint, in the session's transaction: the good rows are kept and each
 * bad one is rejected with the reason it was refused.
 */
export async function writeRowByRow<T>(
  session: ChunkSession,
  rows: ChunkRow<T>[],
  writer: ChunkWriter<T>,
): Promise<{ counts: Counts; rejects: Reject[] }> {
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
}
