import type { Database } from '../db/database.js';
import { ensureUserAccounts, type RecordResult, storeEvents } from './record-events.js';
import type { UsageEvent } from './usage-event.js';

// Group commit for tracking batches: while one write is in flight, batches that arrive queue up, and the next
// write stores all of them in one statement and one commit. Each request is still acknowledged only after the
// commit that holds its events; the database plans and commits once for many batches instead of once each.

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

function createIngestWriter(database: Database, parallel: number): IngestWriter {
  const queue: Pending[] = [];
  let running = 0;

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
      const userIsAccount = group[0]?.userIsAccount ?? false;
      const events = group.flatMap((item) => item.events);
      database.db
        .transaction()
        .execute(async (trx) => {
          if (userIsAccount) {
            await ensureUserAccounts(
              trx,
              events.flatMap((e) => (e.accountExternalId === null && e.userId ? [e.userId] : [])),
            );
          }
          return storeEvents(trx, events, { userIsAccount });
        })
        .then(
          (stored) => {
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
          },
          (error: unknown) => {
            for (const item of group) item.reject(error);
          },
        )
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
