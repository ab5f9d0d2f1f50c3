import type { Database } from '../db/database.js';
import { type BulkConnections, openBulkConnections } from '../events/bulk-session.js';
import { type CopyState, copyEvents, newCopyState } from '../events/copy-events.js';
import { createEventChunk, type EventChunk } from '../events/event-chunk.js';
import { type RecordResult, recordEventIds } from '../events/record-events.js';
import type { UsageEvent } from '../events/usage-event.js';
import { toImportedEvent } from '../events/usage-event.js';
import { rowErrorReason } from '../server/http-error.js';

// Group commit for tracking batches: while one write is in flight, batches that arrive queue up, and the next
// write stores all of them in one transaction. Each request is still acknowledged only after the commit that holds
// its events; the database commits once for many batches instead of once each.
//
// A write goes by COPY, as an import's chunk does (src/importers/copy-events.ts): the same accounts, the same queue
// of counts, the same answer for message ids stored before. On either engine PostgreSQL spends about half as long
// on a COPY as on the one-statement insert (recordEvents), which parses the batch as JSON and inserts row by row
// with ON CONFLICT (bench:ingest). A batch the database refuses by COPY is stored by statement, which says why.

interface Pending {
  events: UsageEvent[];
  userIsAccount: boolean;
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

export interface IngestWriter {
  write(events: UsageEvent[], userIsAccount: boolean): Promise<RecordResult>;
}

const MAX_EVENTS_PER_WRITE = 10_000;
const writers = new WeakMap<Database, IngestWriter>();

/** The writer of a database, one per process: PGlite is one connection, so one write at a time; a server, two. */
export function ingestWriterFor(database: Database): IngestWriter {
  let writer = writers.get(database);
  if (!writer) {
    writer = createIngestWriter(database, database.engine === 'pglite' ? 1 : 2);
    writers.set(database, writer);
  }
  return writer;
}

/** Stores events by statement (recordEvents), answering which message ids were stored now. */
function storeByStatement(database: Database, events: UsageEvent[], userIsAccount: boolean): Promise<Set<string>> {
  return database.db.transaction().execute((trx) => recordEventIds(trx, events, { userIsAccount }));
}

async function storeByCopy(
  bulk: BulkConnections,
  chunk: EventChunk,
  events: UsageEvent[],
  state: CopyState,
): Promise<Set<string>> {
  for (const [index, event] of events.entries()) chunk.add(index, '', toImportedEvent(event));
  const stored = new Set<string>();
  await bulk.transaction((session) => {
    // A transaction retried after a deadlock starts over: what the failed attempt stored was rolled back.
    stored.clear();
    return copyEvents(session, chunk, state, { counts: 'queue', storedIds: stored });
  });
  return stored;
}

function createIngestWriter(database: Database, parallel: number): IngestWriter {
  const queue: Pending[] = [];
  let running = 0;
  const bulk = openBulkConnections(database, { databaseUrl: database.url, size: parallel, durable: true });
  if (bulk) database.beforeClose(() => bulk.close());
  const state = newCopyState();
  // Chunks are filled again once written: their buffers are allocated once per writer.
  const spare = { b2b: [] as EventChunk[], b2c: [] as EventChunk[] };

  /** Stores a group of requests' events in one transaction; rejects with the database's error when it refuses. */
  const store = async (events: UsageEvent[], userIsAccount: boolean): Promise<Set<string>> => {
    if (!bulk) return storeByStatement(database, events, userIsAccount);
    const chunks = userIsAccount ? spare.b2c : spare.b2b;
    const chunk = chunks.pop() ?? createEventChunk(MAX_EVENTS_PER_WRITE, userIsAccount);
    try {
      return await storeByCopy(bulk, chunk, events, state);
    } finally {
      chunk.clear();
      chunks.push(chunk);
    }
  };

  const settle = (group: Pending[], stored: Set<string>) => {
    // A messageId stored now counts for the first request that sent it; repeats are duplicates.
    const claimed = new Set<string>();
    for (const item of group) {
      let inserted = 0;
      for (const event of item.events) {
        if (stored.has(event.messageId) && !claimed.has(event.messageId)) {
          claimed.add(event.messageId);
          inserted++;
        }
      }
      item.resolve({ inserted, duplicates: item.events.length - inserted });
    }
  };

  /**
   * A group the database refuses because of a row (what validation lets through and PostgreSQL does not) is
   * written again request by request, by statement: the request holding the row gets the database's reason, and
   * the others written with it are stored all the same.
   */
  const writeGroup = async (group: Pending[]) => {
    const userIsAccount = group[0]?.userIsAccount ?? false;
    try {
      settle(
        group,
        await store(
          group.flatMap((item) => item.events),
          userIsAccount,
        ),
      );
    } catch (error) {
      if (group.length === 1 && !bulk) throw error;
      if (rowErrorReason(error) === undefined) throw error;
      for (const item of group) {
        await storeByStatement(database, item.events, userIsAccount).then(
          (stored) => settle([item], stored),
          (itemError: unknown) => item.reject(itemError),
        );
      }
    }
  };

  const takeGroup = (): Pending[] => {
    const first = queue.shift() as Pending;
    const group = [first];
    let size = first.events.length;
    for (let i = 0; i < queue.length && size < MAX_EVENTS_PER_WRITE; ) {
      const next = queue[i] as Pending;
      if (next.userIsAccount === first.userIsAccount && size + next.events.length <= MAX_EVENTS_PER_WRITE) {
        group.push(next);
        size += next.events.length;
        queue.splice(i, 1);
      } else i++;
    }
    return group;
  };

  const pump = () => {
    while (running < parallel && queue.length > 0) {
      const group = takeGroup();
      running++;
      writeGroup(group)
        .catch((error: unknown) => {
          for (const item of group) item.reject(error);
        })
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  return {
    write(events, userIsAccount) {
      if (events.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
      return new Promise<RecordResult>((resolve, reject) => {
        queue.push({ events, userIsAccount, resolve, reject });
        pump();
      });
    },
  };
}
