import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import type { ImportsTable } from '../db/schema.js';
import { HttpError, notFound } from '../server/http-error.js';
import { type ImportProgress, type OpenedImport, runImport } from './import-file.js';

/** An import started from the web app, as the API shows it. */
export interface ImportRecord {
  id: string;
  fileName: string;
  format: 'csv' | 'jsonl';
  gzip: boolean;
  sizeBytes: number;
  columns: string[];
  kind: string | null;
  mapping: Record<string, string> | null;
  dateOrder: 'ymd' | 'dmy' | 'mdy' | null;
  status: 'uploaded' | 'running' | 'done' | 'failed';
  rowsRead: number;
  /** Rows of chunks that have committed, loaded or rejected. */
  rowsCommitted: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  /** In the database after the import: inserted, updated or found unchanged. */
  rowsLoaded: number;
  rowsRejected: number;
  bytesRead: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

// A running import writes its progress at most this often, and at least this often (its heartbeat).
const PROGRESS_EVERY_MS = 500;
const HEARTBEAT_MS = 5000;
// A running import whose heartbeat is older than this stopped with the server that ran it.
const STALE_AFTER_MS = 60_000;
export const STOPPED_MESSAGE =
  'stopped: the server stopped during the import; run it again (rows already loaded are not loaded twice)';

/** Where uploads are kept: beside the embedded database, else (a database server) in the system's temp folder. */
export function importsDirectory(database: Database): string {
  return process.env.PACER_IMPORT_DIR?.trim() || join(database.dataDir ?? join(tmpdir(), 'pacer'), 'imports');
}

const columns = [
  'id',
  'file_name',
  'format',
  'gzip',
  'size_bytes',
  'dir',
  'columns',
  'kind',
  'mapping',
  'date_order',
  'status',
  'rows_read',
  'rows_committed',
  'rows_inserted',
  'rows_updated',
  'rows_unchanged',
  'rows_rejected',
  'bytes_read',
  'error',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
  'updated_at',
] as const;

type ImportRow = Selectable<ImportsTable>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toImportRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    gzip: row.gzip,
    sizeBytes: Number(row.size_bytes),
    columns: row.columns,
    kind: row.kind,
    mapping: row.mapping,
    dateOrder: row.date_order,
    status: row.status,
    rowsRead: Number(row.rows_read),
    rowsCommitted: Number(row.rows_committed),
    rowsInserted: Number(row.rows_inserted),
    rowsUpdated: Number(row.rows_updated),
    rowsUnchanged: Number(row.rows_unchanged),
    rowsLoaded: Number(row.rows_inserted) + Number(row.rows_updated) + Number(row.rows_unchanged),
    rowsRejected: Number(row.rows_rejected),
    bytesRead: Number(row.bytes_read),
    error: row.error,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** Imports running in this process, so that closing the database stops them first. */
const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
const watched = new WeakSet<object>();

/** A running import that no process has written to for a while stopped with its server: it shows as failed. */
async function settleStale(db: Executor, row: ImportRow): Promise<ImportRow> {
  if (row.status !== 'running' || running.has(row.id)) return row;
  if (Date.now() - new Date(row.updated_at).getTime() < STALE_AFTER_MS) return row;
  await db
    .updateTable('imports')
    .set({ status: 'failed', error: STOPPED_MESSAGE, finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', row.id)
    .where('status', '=', 'running')
    .execute();
  return { ...row, status: 'failed', error: STOPPED_MESSAGE };
}

export async function findImport(db: Executor, id: string): Promise<ImportRow> {
  const row = await db.selectFrom('imports').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('import', id);
  return settleStale(db, row);
}

export async function listImports(db: Executor, limit: number): Promise<ImportRow[]> {
  const rows = await db.selectFrom('imports').select(columns).orderBy('created_at', 'desc').limit(limit).execute();
  return Promise.all(rows.map((row) => settleStale(db, row)));
}

export async function createImportRow(
  db: Executor,
  values: {
    id: string;
    fileName: string;
    format: 'csv' | 'jsonl';
    gzip: boolean;
    sizeBytes: number;
    dir: string;
    columns: string[];
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      id: values.id,
      file_name: values.fileName,
      format: values.format,
      gzip: values.gzip,
      size_bytes: values.sizeBytes,
      dir: values.dir,
      columns: JSON.stringify(values.columns),
      created_by: values.createdBy,
    })
    .execute();
}

/**
 * Marks the import running (refusing one running already), then loads it in this process in the background with
 * the command line's importer, writing its progress to its row as it goes and its outcome at the end.
 */
export async function startImport(
  database: Database,
  id: string,
  opened: OpenedImport,
  mapping: Record<string, string>,
): Promise<void> {
  const claimed = await database.db
    .updateTable('imports')
    .set({
      status: 'running',
      kind: opened.kind.name,
      mapping: JSON.stringify(mapping),
      date_order: opened.request.dateOrder ?? 'ymd',
      rows_read: 0,
      rows_committed: 0,
      rows_inserted: 0,
      rows_updated: 0,
      rows_unchanged: 0,
      rows_rejected: 0,
      bytes_read: 0,
      error: null,
      started_at: new Date(),
      finished_at: null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '!=', 'running')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new HttpError(409, 'running', `import ${id} is running already`);
  if (!watched.has(database)) {
    watched.add(database);
    // The server is closing: stop its imports after the rows read so far, and wait for them to say so.
    database.beforeClose(async () => {
      for (const job of running.values()) job.controller.abort();
      await Promise.all([...running.values()].map((job) => job.done));
    });
  }
  const controller = new AbortController();
  const done = loadInBackground(database, id, opened, controller.signal).finally(() => running.delete(id));
  running.set(id, { controller, done });
}

async function loadInBackground(
  database: Database,
  id: string,
  opened: OpenedImport,
  signal: AbortSignal,
): Promise<void> {
  let latest: ImportProgress | undefined;
  let writing: Promise<void> | undefined;
  let lastWrite = 0;
  const writeProgress = () => {
    if (writing || !latest) return;
    const progress = latest;
    lastWrite = Date.now();
    writing = database.db
      .updateTable('imports')
      .set({
        rows_read: progress.rowsRead,
        rows_committed: progress.rowsCommitted,
        rows_rejected: progress.rowsRejected,
        bytes_read: progress.bytesRead,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        writing = undefined;
      });
  };
  const onProgress = (progress: ImportProgress) => {
    latest = progress;
    if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) writeProgress();
  };
  const heartbeat = setInterval(() => {
    latest ??= { rowsRead: 0, rowsCommitted: 0, rowsRejected: 0, bytesRead: 0, totalBytes: 0 };
    writeProgress();
  }, HEARTBEAT_MS);
  const finish = async (values: {
    status: 'done' | 'failed';
    error: string | null;
    rowsRead: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  }) => {
    clearInterval(heartbeat);
    await writing;
    await database.db
      .updateTable('imports')
      .set({
        status: values.status,
        error: values.error,
        rows_read: values.rowsRead,
        rows_committed: values.rowsRead,
        rows_inserted: values.inserted,
        rows_updated: values.updated,
        rows_unchanged: values.unchanged,
        rows_rejected: values.rejected,
        bytes_read: sql<number>`size_bytes`,
        finished_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  };
  try {
    const summary = await runImport(database, {
      ...opened,
      request: { ...opened.request, signal, onProgress, onChunkCommitted: onProgress },
    });
    await finish({
      status: summary.interrupted ? 'failed' : 'done',
      error: summary.interrupted ? STOPPED_MESSAGE : null,
      rowsRead: summary.rowsRead,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
    });
  } catch (error) {
    // What committed before the failure stays loaded; how many rows it inserted or updated is not known, so only
    // the progress so far is kept beside the reason.
    clearInterval(heartbeat);
    await writing;
    await database.db
      .updateTable('imports')
      .set({
        status: 'failed',
        error: (error as Error).message,
        ...(latest
          ? { rows_read: latest.rowsRead, rows_committed: latest.rowsCommitted, rows_rejected: latest.rowsRejected }
          : {}),
        finished_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
      .catch(() => undefined);
  }
}

/** Waits for this process's imports to end (tests). */
export async function importsSettled(): Promise<void> {
  await Promise.all([...running.values()].map((job) => job.done));
}
