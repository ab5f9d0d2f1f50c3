import { sql } from 'kysely';
import type { Executor } from '../server/route.js';

// Any constant: only one rollup flush runs at a time across the processes sharing a database. Deleting an account
// takes it too (migrations/0006), so that no flush moves counts into the rollups of an account being deleted.
const FLUSH_LOCK_KEY = 727_274_002;

/**
 * The upserts adding counts (rows of account_id, day, user_id, event_name, events, keys possibly repeated) from
 * `source` to the daily rollups, as CTEs of one statement: each key's count grows by what arrived, keys in sorted
 * order (so that writers adding to the same rows wait for each other instead of deadlocking). Counts of an account
 * that no longer exists are dropped (the rollups have no foreign key: checking it row by row cost a third of the
 * flush).
 */
function rollupUpserts(source: string): string {
  return `accounts_done as (
      insert into usage_daily (account_id, day, event_name, events)
      select account_id, day, event_name, sum(events) from ${source}
      where account_id in (select id from accounts)
      group by account_id, day, event_name order by account_id, day, event_name
      on conflict (account_id, day, event_name) do update set events = usage_daily.events + excluded.events
    ),
    users_done as (
      insert into usage_user_daily (account_id, day, user_id, event_name, events)
      select account_id, day, user_id, event_name, sum(events) from ${source}
      where user_id is not null and account_id in (select id from accounts)
      group by account_id, day, user_id, event_name order by account_id, day, user_id, event_name
      on conflict (account_id, day, user_id, event_name) do update set events = usage_user_daily.events + excluded.events
    )`;
}

/**
 * Moves every queued count into the daily rollups, incrementally, in one statement (see rollupUpserts). Returns how
 * many queued rows were moved; 0 also when another process is flushing right now.
 */
export async function flushUsageRollups(db: Executor): Promise<number> {
  const { rows } = await sql<{ moved: number | null }>`
    with lock as (select pg_try_advisory_xact_lock(${FLUSH_LOCK_KEY}) as held),
    moved as (
      delete from usage_pending where (select held from lock)
      returning account_id, day, user_id, event_name, events
    ),
    ${sql.raw(rollupUpserts('moved'))}
    select count(*)::int as moved from moved`.execute(db);
  return rows[0]?.moved ?? 0;
}

/**
 * An import adds its counts to the rollups in each chunk's own transaction, not through usage_pending: its chunks
 * are written side by side while the next rows are read, where a flush of the queue was one long statement after
 * them (and wrote every count twice more: into the queue, out of it). The chunk COPYs its counts into this
 * temporary table (emptied at each commit), then runs ADD_IMPORT_COUNTS. The tracking API keeps the queue: its
 * batches must not wait on each other's rollup rows.
 */
export const IMPORT_COUNTS_TABLE = 'pacer_import_counts';
export const CREATE_IMPORT_COUNTS = `create temp table if not exists ${IMPORT_COUNTS_TABLE} (like usage_pending) on commit delete rows`;
/**
 * Before ADD_IMPORT_COUNTS, in a statement of its own so that the upsert's snapshot is taken after it: the flush's
 * lock, shared (chunks do not wait for each other), so that an account being deleted (which takes it exclusively)
 * has committed before, and its counts are dropped, or waits until the chunk has committed, and deletes them.
 */
export const LOCK_FOR_IMPORT_COUNTS = `select pg_advisory_xact_lock_shared(${FLUSH_LOCK_KEY})`;
/**
 * As the flush (rollupUpserts), but the chunk's counts come summed per account, day, user and name already
 * (EventChunk.copy): the users' rollup takes them without grouping them again, in sorted order still (writers then
 * lock shared rows in one order, and the index takes keys in its order: unsorted, the upsert took half as long
 * again).
 */
export const ADD_IMPORT_COUNTS = `with accounts_done as (
    insert into usage_daily (account_id, day, event_name, events)
    select account_id, day, event_name, sum(events) from ${IMPORT_COUNTS_TABLE}
    where account_id in (select id from accounts)
    group by account_id, day, event_name order by account_id, day, event_name
    on conflict (account_id, day, event_name) do update set events = usage_daily.events + excluded.events
  )
  insert into usage_user_daily (account_id, day, user_id, event_name, events)
  select account_id, day, user_id, event_name, events from ${IMPORT_COUNTS_TABLE}
  where user_id is not null and account_id in (select id from accounts)
  order by account_id, day, user_id, event_name
  on conflict (account_id, day, user_id, event_name) do update set events = usage_user_daily.events + excluded.events`;
