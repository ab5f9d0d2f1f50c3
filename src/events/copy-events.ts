import type { Counts } from '../shared/write-counts.js';
import {
  ADD_IMPORT_COUNTS,
  CREATE_IMPORT_COUNTS,
  IMPORT_COUNTS_TABLE,
  LOCK_FOR_IMPORT_COUNTS,
} from '../usage/roll-up-usage.js';
import type { BulkSession } from './bulk-session.js';
import { EVENT_COPY_COLUMNS, type EventChunk, type EventCopy, PENDING_COPY_COLUMNS } from './event-chunk.js';
import { makeUserAccounts } from './make-user-accounts.js';
import { LOCK_ACCOUNTS_FOR_EVENTS } from './record-events.js';

const UNIQUE_VIOLATION = '23505';

/** What one chunk learns for the next. */
export interface CopyState {
  /** Whether to look for stored message ids before the COPY. */
  checkFirst: boolean;
  /**
   * How many more chunks of an import queue their counts rather than add them to the rollups: set when a chunk
   * found most of its keys in the rollups already (a file repeating the same users, days and names), for which
   * looking them up only to queue them cost more than queueing them outright. Then a chunk tries again.
   */
  queueCounts: number;
  /**
   * How many more chunks of an import add their counts by statement before one tries plain COPY into the users'
   * rollup again: set when a chunk's COPY met a key the rollup had already.
   */
  statementRollups: number;
  /**
   * Whether a chunk queued counts of rollup rows that exist already since the import last moved the queue into the
   * rollups (set here, cleared by the import): each move then updates those rows again.
   */
  queuedExisting: boolean;
}

export function newCopyState(): CopyState {
  return { checkFirst: false, queueCounts: 0, statementRollups: 0, queuedExisting: false };
}

// After a chunk whose keys were mostly in the rollups already, this many chunks queue their counts outright.
const QUEUE_COUNTS_CHUNKS = 8;
// After a chunk whose plain COPY into the users' rollup met a key there, this many chunks add theirs by statement.
const STATEMENT_ROLLUPS_CHUNKS = 8;

export interface CopyOptions {
  /**
   * Where the events' counts go: queued in usage_pending for the rollup worker (the tracking API: batches must not
   * wait on each other's rollup rows), or added to the rollups in the chunk's transaction (an import).
   */
  counts: 'queue' | 'rollups';
  /** Filled with the message ids stored now, when given (the tracking API answers which were duplicates). */
  storedIds?: Set<string>;
}

async function storedMessageIds(session: BulkSession, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await session.query<{ message_id: string }>(
    'select message_id from events where message_id = any($1::text[])',
    [ids],
  );
  return new Set(rows.map((row) => row.message_id));
}

/**
 * An import chunk's counts when none of them is in the users' rollup yet (a warehouse export of one row per user,
 * day and name, met for the first time): written by plain COPY, which costs PostgreSQL about half what
 * ADD_IMPORT_COUNTS does (no temporary table, no conflict check before each insert, no sort); the counts summed
 * per account, day and name are queued for the accounts' rollup. Under the flush's lock, shared, as
 * ADD_IMPORT_COUNTS. The chunk's accounts are all there: copyEvents holds LOCK_ACCOUNTS_FOR_EVENTS from before it
 * looked them up, so none can have been deleted since. False, with nothing written, when a key exists already (the
 * COPY fails on the rollup's primary key): then ADD_IMPORT_COUNTS, which sorts out each key, does it.
 */
async function copyNewRollups(session: BulkSession, copy: EventCopy): Promise<boolean> {
  await session.query('savepoint copy_rollups', []);
  try {
    await session.query(LOCK_FOR_IMPORT_COUNTS, []);
    const users = copy.userRollups;
    if (users.length > 0) await session.copyIn('usage_user_daily', PENDING_COPY_COLUMNS, users);
    await session.copyIn('usage_pending', PENDING_COPY_COLUMNS, copy.accountCounts);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
  }
  await session.query('rollback to savepoint copy_rollups', []);
  return false;
}

/** COPYs the attached events, but those stored already, and their counts; answers how many it stored. */
async function copyAttached(
  session: BulkSession,
  chunk: EventChunk,
  stored: ReadonlySet<string>,
  counts: CopyOptions['counts'],
  state: CopyState,
): Promise<number> {
  const copy = chunk.copy(stored);
  if (copy.rows === 0) return 0;
  await session.copyIn('events', EVENT_COPY_COLUMNS, copy.events);
  if (counts === 'queue' || state.queueCounts > 0) {
    if (counts === 'rollups') {
      state.queueCounts--;
      state.queuedExisting = true;
    }
    await session.copyIn('usage_pending', PENDING_COPY_COLUMNS, copy.pending);
    return copy.rows;
  }
  if (state.statementRollups > 0) state.statementRollups--;
  else if (await copyNewRollups(session, copy)) return copy.rows;
  else state.statementRollups = STATEMENT_ROLLUPS_CHUNKS;
  await session.query(CREATE_IMPORT_COUNTS, []);
  await session.copyIn(IMPORT_COUNTS_TABLE, PENDING_COPY_COLUMNS, copy.pending);
  await session.query(LOCK_FOR_IMPORT_COUNTS, []);
  const [added] = await session.query<{ keys: number; new_keys: number }>(ADD_IMPORT_COUNTS, []);
  if (added && added.new_keys < added.keys) state.queuedExisting = true;
  if (added && added.new_keys * 2 < added.keys) state.queueCounts = QUEUE_COUNTS_CHUNKS;
  return copy.rows;
}

/** copyAttached under a savepoint: undefined, and nothing written, when one of the message ids is stored already. */
async function copyUnlessStored(
  session: BulkSession,
  chunk: EventChunk,
  counts: CopyOptions['counts'],
  state: CopyState,
): Promise<number | undefined> {
  await session.query('savepoint copy_events', []);
  try {
    // Not released: the commit ends it, and a round trip less counts when a tracking batch of a few hundred events
    // is written.
    return await copyAttached(session, chunk, new Set(), counts, state);
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await session.query('rollback to savepoint copy_events', []);
    return undefined;
  }
}

/** Looks up the account of each group and user the chunk names and writes it in the chunk's lines. */
async function attachAccounts(session: BulkSession, chunk: EventChunk): Promise<void> {
  const accounts = makeUserAccounts(chunk.usersFirstSeen());
  if (accounts) await session.query(accounts.text, accounts.params);
  const { groups, users } = chunk.accountKeys();
  const found = await session.query<{ found_by: 'group' | 'user'; key: string; account_id: string }>(
    `select 'group' as found_by, external_id as key, id::text as account_id from accounts
     where external_id = any($1::text[])
     union all
     select 'user', external_id, account_id::text from contacts where external_id = any($2::text[])`,
    [groups, users],
  );
  const accountOf = { group: new Map<string, string>(), user: new Map<string, string>() };
  for (const row of found) accountOf[row.found_by].set(row.key, row.account_id);
  chunk.attach((by, key) => accountOf[by].get(key));
}

/**
 * The same outcome as recordEvents (src/ingest/record-events.ts) for a chunk of an import, written with COPY: the
 * statement path costs the server a JSON parse and a row-at-a-time insert for each event, COPY neither.
 *
 * Each event's account is its group, else (B2C) the user's own account, made first, else the account of the
 * user's contact, looked up once per chunk for the distinct ids. The COPY inserts only events whose message id is
 * not stored yet (see below); a unique violation that gets through means another writer stored one meanwhile, and
 * the caller loads the chunk again by statement. The events' counts are summed per account, day, user and name and,
 * in the same transaction, queued or added to the rollups (options.counts), so each stored event is counted once.
 * Events whose account is not known yet are kept in unattached_events, as the tracking API does, and counted when
 * it appears.
 */
export async function copyEvents(
  session: BulkSession,
  chunk: EventChunk,
  state: CopyState,
  options: CopyOptions,
): Promise<Counts> {
  const { counts, storedIds } = options;
  await session.query(LOCK_ACCOUNTS_FOR_EVENTS, []);
  // In a function of its own, so that the lookup's rows are garbage before the COPY (a chunk's transaction spans
  // many young-generation collections, and whatever lives through two of them is promoted).
  await attachAccounts(session, chunk);

  // Optimistic, as when a file is loaded for the first time: a message id stored before makes the COPY fail with a
  // unique violation, and the chunk is copied again without the ids found stored. After such a chunk the next ones
  // look first, until one finds none: a re-run checks only until it is past the rows loaded before.
  let inserted = state.checkFirst ? undefined : await copyUnlessStored(session, chunk, counts, state);
  if (inserted === undefined) {
    const stored = await storedMessageIds(session, chunk.attachedMessageIds());
    inserted = await copyAttached(session, chunk, stored, counts, state);
    state.checkFirst = stored.size > 0;
  }
  if (storedIds && inserted > 0) for (const id of chunk.copiedMessageIds()) storedIds.add(id);

  const unattached = chunk.unattached();
  if (unattached.length > 0) {
    const kept = await session.query<{ message_id: string }>(
      `insert into unattached_events (message_id, account_external_id, user_id, type, name, occurred_at, count, properties)
       select m, g, u, t, n, o, c, p::jsonb
       from json_to_recordset($1::json) as i(m text, g text, u text, t text, n text, o timestamptz, c int, p text)
       on conflict (message_id) do nothing
       returning message_id`,
      [
        JSON.stringify(
          unattached.map(({ event, group }) => ({
            m: event.messageId,
            g: group,
            u: event.userId,
            t: event.type,
            n: event.name,
            o: event.occurredAt,
            c: event.count,
            p: event.properties,
          })),
        ),
      ],
    );
    inserted += kept.length;
    if (storedIds) for (const row of kept) storedIds.add(row.message_id);
  }
  return { inserted, updated: 0, unchanged: chunk.size - inserted };
}
