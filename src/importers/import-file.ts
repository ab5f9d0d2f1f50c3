import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.js';
import { type BulkConnections, openBulkConnections } from '../events/bulk-session.js';
import { type CopyState, copyEvents, newCopyState } from '../events/copy-events.js';
import { createEventChunk, type EventChunk } from '../events/event-chunk.js';
import { createDuplicateCounter, type DuplicateCounter } from '../events/message-ids.js';
import type { ImportedEvent } from '../events/usage-event.js';
import { reasonOf, rowErrorReason } from '../server/http-error.js';
import { addCounts, type ChunkRow, type Counts, noCounts } from '../shared/write-counts.js';
import { flushUsageRollups } from '../usage/roll-up-usage.js';
import { bulkPlans } from './bulk-plans.js';
import { compileCellsEvent } from './cells-event.js';
import { eventWriter, importKeyWriter, upsertWriter } from './chunk-writers.js';
import { type DateOrder, DEFAULT_NUMBER_FORMAT, type DecimalMark, type ThousandsMark } from './coerce-value.js';
import { type ImportKind, type ImportKindName, importKinds } from './import-kinds.js';
import { type ChunkWriter, loadChunk, type Reject } from './load-chunk.js';
import { mapRow } from './map-row.js';
import { prepareEvent } from './prepare-event.js';
import { type Prepared, prepareRecord, type RecordInput } from './prepare-record.js';
import { type Delimiter, type FileFormat, openRowSource, type RowSource } from './read-rows.js';
import { type ColumnMapping, type MappingRequest, resolveMapping } from './resolve-mapping.js';
import { type ColumnTypes, loadRecordChunk, readColumnTypes, requiredToCreate } from './upsert-records.js';
import { openRejectsFile } from './write-rejects.js';

export const DEFAULT_RECORD_CHUNK = 500;
// Records written set-based (bulk-plans.ts): 10,000 rows a transaction. The statements of a chunk cost about the
// same for 500 rows as for 10,000 on PGlite, so larger chunks are faster up to here; beyond, the gain is small and
// a chunk's JSON parameter grows (bench:import).
export const DEFAULT_BULK_RECORD_CHUNK = 10_000;
// Events: 20,000 rows a transaction. Against 10,000, a warehouse export of distinct rows loaded about 15% faster
// (fewer transactions and lookups, larger sorted COPYs), for about 25 MB more memory (bench:import).
export const DEFAULT_EVENT_CHUNK = 20_000;
// Two chunks of events are stored side by side while the next is read: a third gained nothing measurable on a
// two-core machine and held ~80 MB more (bench:import).
const EVENT_CHUNKS_IN_FLIGHT = 2;
// A chunk loaded by COPY inserts the rollup rows that are new itself and queues the counts of the others in
// usage_pending (ADD_IMPORT_COUNTS); one loaded by statement (a chunk holding a row the database refuses) queues
// them all, as the tracking API does. The import moves the queue into the rollups after about this many events,
// and at its end, so that the queue stays small. When chunks queued counts of rollup rows that exist (a file
// repeating the same keys: CopyState.queuedExisting), each move updates those rows again, so moves are few;
// otherwise the queue holds the accounts' counts of new keys, which cost the same moved in five moves as in one, and
// the move at the end, beside which nothing runs, is the shorter for it (1M distinct rows: about 0.5 s less).
const ROLLUP_EVERY_EVENTS = { existing: 500_000, new: 100_000 };

export interface ImportProgress {
  rowsRead: number;
  /** Rows in chunks that have committed. */
  rowsCommitted: number;
  /** Rows rejected so far (in the rejects file). */
  rowsRejected: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportRequest {
  kind: ImportKindName;
  file: string;
  format?: FileFormat;
  /** Delimited text: what separates cells (default a comma; tab for .tsv). */
  delimiter?: Delimiter;
  /** Delimited text without a header row: the names of its columns, in order. */
  columns?: string[];
  mapping?: MappingRequest;
  dateOrder?: DateOrder;
  /** What separates a number's fraction in the file's cells (default a point). */
  decimal?: DecimalMark;
  /** What groups a number's thousands; without one, a cell that seems to have one is rejected, not guessed. */
  thousands?: ThousandsMark;
  /** Default: FILE.rejects.csv beside the file. */
  rejectsPath?: string;
  /** B2C: each user is its own account (events). */
  userIsAccount?: boolean;
  /**
   * The URL the database was opened with, when it is a server: events are then loaded with COPY, on connections of
   * their own. Without it they are loaded by statement (slower, the same result).
   */
  databaseUrl?: string;
  chunkSize?: number;
  /**
   * Records: the file is a snapshot of how things stood at the end of this day (YYYY-MM-DD, not after today), so the
   * history of contacts' roles and accounts' fields and traits it writes counts from then, not from the import.
   */
  asOf?: string;
  /** Stops reading; the rows read so far are loaded, then the import ends with interrupted set. */
  signal?: AbortSignal;
  /** Who the audit entry names (default "cli") and the import it is about (the web app's imports). */
  audit?: { actor: string; entityId?: string };
  onProgress?(progress: ImportProgress): void;
  onChunkCommitted?(progress: ImportProgress): void;
}

export interface ImportSummary extends Counts {
  kind: ImportKindName;
  file: string;
  rowsRead: number;
  rejected: number;
  seconds: number;
  /** Columns that fill no field of a kind without traits. */
  ignoredColumns: string[];
  rejectsPath?: string;
  interrupted: boolean;
}

/** Columns a kind cannot be imported without (a missing one would reject every row). */
export const requiredFields: Partial<Record<ImportKindName, string[]>> = {
  accounts: ['externalId'],
  contacts: ['externalId'],
  tickets: ['externalId'],
  events: ['name', 'timestamp'],
};

type Loaded = RecordInput | ImportedEvent;

function recordWriter(kind: ImportKind): ChunkWriter<Loaded> {
  const spec = kind.spec;
  if (!spec) throw new Error(`${kind.name} have no resource`);
  return (kind.load === 'externalId' ? upsertWriter(spec) : importKeyWriter(spec)) as ChunkWriter<Loaded>;
}

/**
 * Rows naming an account that does not exist are turned away before the chunk's transaction, with the reason the
 * API gives, so that they do not send the whole chunk down the slow row-by-row path.
 */
async function rejectUnknownAccounts(
  database: Database,
  rows: ChunkRow<Loaded>[],
): Promise<{ rows: ChunkRow<Loaded>[]; rejects: Reject[] }> {
  const named = [
    ...new Set(
      rows.flatMap(({ value }) => {
        const id = (value as RecordInput).input.accountExternalId;
        return typeof id === 'string' ? [id] : [];
      }),
    ),
  ];
  if (named.length === 0) return { rows, rejects: [] };
  const { rows: found } = await sql<{ external_id: string }>`select external_id from accounts
    where external_id = any(${named}::text[])`.execute(database.db);
  const known = new Set(found.map((row) => row.external_id));
  const kept: ChunkRow<Loaded>[] = [];
  const rejects: Reject[] = [];
  for (const row of rows) {
    const id = (row.value as RecordInput).input.accountExternalId;
    if (typeof id !== 'string' || known.has(id)) kept.push(row);
    else {
      rejects.push({
        line: row.line,
        raw: row.source.raw,
        reason: `accountExternalId: no account has the external id ${JSON.stringify(id)}`,
      });
    }
  }
  return { rows: kept, rejects };
}

/**
 * A chunk of events: by COPY when there are bulk connections, else (or when the database refuses a row, or another
 * writer stored one of the same message ids meanwhile) by statement, which keeps the good rows and says why each
 * bad one was refused.
 */
async function loadEventChunk(
  database: Database,
  bulk: BulkConnections | undefined,
  chunk: EventChunk,
  options: { userIsAccount: boolean; state: CopyState },
): Promise<{ counts: Counts; rejects: Reject[] }> {
  if (bulk) {
    try {
      return {
        counts: await bulk.transaction((session) => copyEvents(session, chunk, options.state, { counts: 'rollups' })),
        rejects: [],
      };
    } catch (error) {
      if (rowErrorReason(error) === undefined) throw error;
    }
  }
  return loadChunk(database.db, chunk.rows(), eventWriter(options.userIsAccount));
}

export function formatSummary(summary: ImportSummary): string {
  const rate = summary.seconds > 0 ? Math.round(summary.rowsRead / summary.seconds) : summary.rowsRead;
  const lines = [
    `${summary.kind}: ${summary.rowsRead} rows read, ${summary.inserted} inserted, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.rejected} rejected in ${summary.seconds.toFixed(1)} s (${rate} rows/s)`,
  ];
  if (summary.rejectsPath) lines.push(`Rejected rows, with the reason for each: ${summary.rejectsPath}`);
  if (summary.ignoredColumns.length > 0) {
    lines.push(`Columns ignored (${summary.kind} have no such field): ${summary.ignoredColumns.join(', ')}`);
  }
  if (summary.interrupted) lines.push('Interrupted: run the same command again to load the rest.');
  return `${lines.join('\n')}\n`;
}

async function recordAudit(
  database: Database,
  request: ImportRequest,
  summary: ImportSummary,
  error?: string,
): Promise<void> {
  await database.db
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      actor: request.audit?.actor ?? 'cli',
      action: `import ${summary.kind}`,
      entity: 'import',
      entity_id: request.audit?.entityId ?? null,
      account_id: null,
      changes: JSON.stringify({
        file: summary.file,
        rowsRead: summary.rowsRead,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        ...(summary.interrupted ? { interrupted: true } : {}),
        ...(error ? { error } : {}),
      }),
    })
    .execute();
}

export interface OpenedImport {
  request: ImportRequest;
  kind: ImportKind;
  source: RowSource;
  mapping: ColumnMapping;
}

/**
 * Opens the file and resolves the mapping against its columns: what can be wrong with the command line (no such
 * file, an unknown field, a missing column) fails here, before any database is opened.
 */
/** The number format of the request; the same mark for both is refused, as it could not be read. */
export function numberFormatOf(request: Pick<ImportRequest, 'decimal' | 'thousands'>) {
  const decimal = request.decimal ?? DEFAULT_NUMBER_FORMAT.decimal;
  if (request.thousands === decimal) {
    throw new Error(
      `--thousands ${request.thousands}: the decimal mark is ${decimal} already; give one of them another`,
    );
  }
  return { decimal, ...(request.thousands ? { thousands: request.thousands } : {}) };
}

export async function openImport(request: ImportRequest): Promise<OpenedImport> {
  const kind = importKinds[request.kind];
  const source = await openRowSource(request.file, {
    format: request.format,
    delimiter: request.delimiter,
    columns: request.columns,
  });
  const mapping = resolveMapping(kind, source.columns, {
    ...request.mapping,
    dateOrder: request.dateOrder,
    numbers: numberFormatOf(request),
  });
  for (const field of requiredFields[kind.name] ?? []) {
    if (!mapping.sources.some((source) => source.field === field) && !(field in mapping.constants)) {
      throw new Error(
        `${kind.name} need a ${field} column and none of the file's columns is one: map one with --map ${field}=COLUMN (columns: ${source.columns.join(', ') || 'none'})`,
      );
    }
  }
  return { request, kind, source, mapping };
}

export async function importFile(database: Database, request: ImportRequest): Promise<ImportSummary> {
  return runImport(database, await openImport(request));
}

/**
 * Imports a CSV or JSON Lines file of one kind: streamed, mapped, coerced, validated with the API's schemas and
 * loaded in chunks that each commit on their own. Loading is idempotent (upsert by external id, import keys,
 * event message ids), so running it again after an interruption loads every row exactly once.
 */
export async function runImport(database: Database, opened: OpenedImport): Promise<ImportSummary> {
  const started = performance.now();
  const { request, kind, source, mapping } = opened;
  const dateOrder = request.dateOrder ?? 'ymd';
  const numbers = numberFormatOf(request);
  const rejectsFile = openRejectsFile(request.rejectsPath ?? `${request.file}.rejects.csv`);
  const userIsAccount = request.userIsAccount ?? false;
  // The last instant of the snapshot's day: a day replayed reads what was known by its end.
  const effectiveAt = request.asOf ? `${request.asOf}T23:59:59.999Z` : undefined;
  const bulkPlan = bulkPlans[kind.name];
  const chunkSize =
    request.chunkSize ??
    (kind.load === 'events' ? DEFAULT_EVENT_CHUNK : bulkPlan ? DEFAULT_BULK_RECORD_CHUNK : DEFAULT_RECORD_CHUNK);
  const checkAccounts =
    !bulkPlan && kind.load !== 'events' && kind.name !== 'accounts' && 'accountExternalId' in kind.fields;
  let columnTypes: ColumnTypes | undefined;
  const ignoredColumns = new Set<string>();
  const duplicates = kind.load === 'events' ? createDuplicateCounter() : undefined;
  const totals = noCounts();
  let rowsRead = 0;
  let rowsCommitted = 0;
  const summary = (interrupted: boolean): ImportSummary => ({
    kind: kind.name,
    file: resolve(request.file),
    rowsRead,
    ...totals,
    rejected: rejectsFile.count(),
    seconds: (performance.now() - started) / 1000,
    ignoredColumns: [...ignoredColumns],
    interrupted,
  });
  const progress = (): ImportProgress => ({
    rowsRead,
    rowsCommitted,
    rowsRejected: rejectsFile.count(),
    bytesRead: source.bytesRead(),
    totalBytes: source.totalBytes,
  });

  // The chunk being filled: records as rows, events as the lines of their COPY (see createEventChunk).
  // Chunks that have been stored are filled again: their buffers are allocated once for the whole import.
  const spareChunks: EventChunk[] = [];
  const newEventChunk = () => spareChunks.pop() ?? createEventChunk(chunkSize, userIsAccount);
  let records: ChunkRow<RecordInput>[] = [];
  let events = kind.load === 'events' ? newEventChunk() : undefined;
  let early: Reject[] = [];
  // Chunks are written while the next rows are read and prepared. Events may have several chunks in flight on a
  // server (their loading is idempotent and order-free); records one at a time, in the file's order.
  const parallel = kind.load === 'events' && database.engine === 'postgres' ? EVENT_CHUNKS_IN_FLIGHT : 1;
  const writer = kind.load === 'events' ? undefined : recordWriter(kind);
  const state = newCopyState();
  const bulk =
    kind.load === 'events'
      ? openBulkConnections(database, { databaseUrl: request.databaseUrl, size: parallel, durable: false })
      : undefined;
  const inFlight = new Set<Promise<void>>();
  // Chunks handed off while every writer was busy, in the file's order.
  const waiting: (() => Promise<void>)[] = [];
  let failure: { error: unknown } | undefined;
  let insertedSinceRollup = 0;
  const startWriting = () => {
    while (inFlight.size < parallel && waiting.length > 0) {
      const write = waiting.shift() as () => Promise<void>;
      const work: Promise<void> = write()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          inFlight.delete(work);
          startWriting();
        });
      inFlight.add(work);
    }
  };
  /** Waits until at most `limit` chunks are being written or waiting for a writer. */
  const settle = async (limit: number) => {
    while (inFlight.size + waiting.length > limit && inFlight.size > 0) await Promise.race(inFlight);
    if (failure) throw failure.error;
  };
  /**
   * Hands the rows read so far to a writer, without waiting: the reader waits between batches of rows (settle), when
   * the rows of a batch are done with. Waiting in the middle of one kept its rows alive long enough for V8 to move
   * them to the old generation, and the heap grew by a batch each chunk.
   */
  const handOff = () => {
    if ((events ? events.size : records.length) === 0 && early.length === 0) return;
    const rejected = early;
    const rows = records;
    const chunk = events;
    early = [];
    records = [];
    if (chunk) events = newEventChunk();
    waiting.push(async () => {
      let loaded: { counts: Counts; rejects: Reject[] };
      if (chunk) loaded = await loadEventChunk(database, bulk, chunk, { userIsAccount, state });
      else if (bulkPlan) {
        columnTypes ??= await readColumnTypes(database.db, bulkPlan.spec.table);
        loaded = await loadRecordChunk(database.db, rows, bulkPlan, {
          types: columnTypes,
          required: requiredToCreate(bulkPlan),
          fallback: writer as ChunkWriter<RecordInput>,
          effectiveAt,
        });
      } else {
        const checked = checkAccounts ? await rejectUnknownAccounts(database, rows) : { rows, rejects: [] };
        loaded = await loadChunk(database.db, checked.rows, writer as ChunkWriter<RecordInput>, effectiveAt);
        loaded.rejects.push(...checked.rejects);
      }
      addCounts(totals, loaded.counts);
      await rejectsFile.add([...rejected, ...loaded.rejects].sort((a, b) => a.line - b.line));
      rowsCommitted += (chunk ? chunk.size : rows.length) + rejected.length;
      request.onChunkCommitted?.(progress());
      if (chunk) {
        chunk.clear();
        spareChunks.push(chunk);
      }
      insertedSinceRollup += loaded.counts.inserted;
      if (chunk && insertedSinceRollup >= ROLLUP_EVERY_EVENTS[state.queuedExisting ? 'existing' : 'new']) {
        insertedSinceRollup = 0;
        state.queuedExisting = false;
        await flushUsageRollups(database.db);
      }
    });
    startWriting();
  };

  const unsupplied = new Set(
    Object.keys(kind.fields).filter(
      (field) => !mapping.sources.some((source) => source.field === field) && !(field in mapping.constants),
    ),
  );
  const prepareRow = (values: Record<string, unknown>, problem: string | undefined): Prepared<Loaded> => {
    if (problem) return { ok: false, reason: problem };
    const mapped = mapRow(values, {
      kind,
      mapping,
      dateOrder,
      numbers,
      fromText: source.format === 'csv',
      ignoredColumns,
    });
    if (mapped.issues.length > 0) return { ok: false, reason: reasonOf(mapped.issues) };
    return kind.load === 'events'
      ? prepareEvent(mapped.input, {
          userIsAccount,
          duplicates: duplicates as DuplicateCounter,
        })
      : prepareRecord(kind, mapped.input, unsupplied);
  };

  // Delimited text mapped the common way: events made straight from the cells, the general path for the rest.
  const cellsEvent =
    events && source.format === 'csv'
      ? compileCellsEvent(source.columns, mapping, { userIsAccount, duplicates: duplicates as DuplicateCounter })
      : undefined;

  try {
    reading: for await (const rows of source.rows) {
      for (const row of rows) {
        rowsRead++;
        const event = cellsEvent && row.cells && !row.problem ? cellsEvent(row.cells) : undefined;
        if (event) (events as EventChunk).add(row.line, row.raw, event);
        else {
          const prepared = prepareRow(row.values, row.problem);
          if (!prepared.ok) early.push({ line: row.line, raw: row.raw, reason: prepared.reason });
          else if (events) events.add(row.line, row.raw, prepared.value as ImportedEvent);
          else records.push({ line: row.line, source: row, value: prepared.value as RecordInput });
        }
        if ((events ? events.size : records.length) >= chunkSize || early.length >= chunkSize) handOff();
        if (rowsRead % 1000 === 0) request.onProgress?.(progress());
        if (request.signal?.aborted) break reading;
      }
      // Reading goes on while `parallel` chunks are written and none waits.
      await settle(parallel);
    }
    handOff();
    await settle(0);
    // No rollup worker runs beside the command: the usage of what was imported is in the rollups when it ends.
    if (kind.load === 'events') await flushUsageRollups(database.db);
  } catch (error) {
    await settle(0).catch(() => undefined);
    const partial = { ...summary(false), rejectsPath: await rejectsFile.close().catch(() => undefined) };
    await recordAudit(database, request, partial, (error as Error).message).catch(() => undefined);
    throw error;
  } finally {
    await bulk?.close();
  }
  request.onProgress?.(progress());
  const result = { ...summary(request.signal?.aborted ?? false), rejectsPath: await rejectsFile.close() };
  await recordAudit(database, request, result);
  return result;
}
