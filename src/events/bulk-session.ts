import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, surviveLostConnections } from '../db/database.js';
import { isRetryable, TRANSACTION_ATTEMPTS } from '../db/retry.js';

/** One transaction on one connection, able to COPY rows in: what bulk loading needs beyond Kysely. */
export interface BulkSession {
  query<R>(text: string, params: unknown[]): Promise<R[]>;
  /** COPY table (columns) FROM … in text format: whole lines in UTF-8, each ending in a newline. */
  copyIn(table: string, columns: readonly string[], lines: Buffer): Promise<void>;
}

export interface BulkConnections {
  /** Runs work in a transaction of its own (retried from the start when the database says to). */
  transaction<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

/**
 * A server: connections of their own (Kysely's pool does not lend its clients out), since COPY FROM STDIN needs
 * the client itself. pg-copy-streams streams the text with the client's backpressure.
 */
function serverConnections(databaseUrl: string, size: number, durable: boolean): BulkConnections {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: size });
  pool.on('error', () => {
    // An idle client the server dropped is replaced on the next connect; the transaction using one reports it.
  });
  surviveLostConnections(pool);
  return {
    transaction: (work) =>
      retrying(async () => {
        const client = await pool.connect();
        let broken = false;
        try {
          // An import does not wait for each chunk's commit to reach the disk (durable: false): its last statements
          // (the rollups, the audit entry) commit synchronously, which makes every earlier commit durable too; a chunk
          // lost to a server crash before then fails the import, and running it again loads that chunk (loading is
          // idempotent). The tracking API acknowledges a batch when it is committed, so it waits (durable: true).
          await client.query(durable ? 'begin' : 'begin; set local synchronous_commit = off');
          const result = await work({
            async query<R>(text: string, params: unknown[]) {
              return (await client.query(text, params)).rows as R[];
            },
            async copyIn(table, columns, lines) {
              await pipeline(
                Readable.from([lines]),
                client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)),
              );
            },
          });
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => {
            broken = true;
          });
          throw error;
        } finally {
          client.release(broken);
        }
      }),
    close: () => pool.end(),
  };
}

/** The embedded engine: its one connection, in a Kysely transaction (which holds it); COPY reads from a blob. */
function embeddedConnections(database: Database): BulkConnections {
  const pglite = database.pglite;
  if (!pglite) throw new Error('the embedded database is not open');
  return {
    transaction: (work) =>
      retrying(() =>
        database.db.transaction().execute((trx) =>
          work({
            async query<R>(text: string, params: unknown[]) {
              return (await trx.executeQuery<R>(CompiledQuery.raw(text, params))).rows;
            },
            async copyIn(table, columns, lines) {
              await pglite.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], {
                blob: new Blob([lines as Uint8Array<ArrayBuffer>]),
              });
            },
          }),
        ),
      ),
    async close() {},
  };
}

/**
 * Connections for bulk loading into this database: on a server, `size` of them at the URL the database was opened
 * with (undefined when none was given: then the caller loads without COPY). Durable: each commit waits until it
 * is on disk. The embedded engine ignores `durable`: every commit there waits for the disk (its WAL is fsynced at
 * commit, see db/synced-node-fs.ts), unless it was opened with sync off (PACER_EMBEDDED_SYNC=off), when none does.
 */
export function openBulkConnections(
  database: Database,
  options: { databaseUrl?: string; size: number; durable: boolean },
): BulkConnections | undefined {
  if (database.engine === 'pglite') return embeddedConnections(database);
  return options.databaseUrl ? serverConnections(options.databaseUrl, options.size, options.durable) : undefined;
}
