import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';

// Any constant: only one rollup flush runs at a time across the processes sharing a database. Deleting an account
// takes it too (migrations/0006), so that no flush moves counts into the rollups of an account being deleted.
const FLUSH_LOCK_KEY = 727_274_002;

/**
 * Moves every queued count into the daily rollups, incrementally (each key's count grows by what arrived), in one
 * statement. Keys are upserted in sorted order, so that writers adding to the same rows wait for each other instead
 * of deadlocking. Counts of an account deleted since they were queued are dropped (the rollups have no foreign key:
 * checking it row by row cost a third of the flush). Returns how many queued rows were moved; 0 also when another
 * process is flushing right now.
 */
export async function flushUsageRollups(db: Executor): Promise<number> {
  const { rows } = await sql<{ moved: number | null }>`
    with lock as (select pg_try_advisory_xact_lock(${FLUSH_LOCK_KEY}) as held),
    moved as (
      delete from usage_pending where (select held from lock)
      returning account_id, day, user_id, event_name, events
    ),
    accounts_done as (
      insert into usage_daily (account_id, day, event_name, events)
      select account_id, day, event_name, sum(events) from moved
      where account_id in (select id from accounts)
      group by account_id, day, event_name order by account_id, day, event_name
      on conflict (account_id, day, event_name) do update set events = usage_daily.events + excluded.events
    ),
    users_done as (
      insert into usage_user_daily (account_id, day, user_id, event_name, events)
      select account_id, day, user_id, event_name, sum(events) from moved
      where user_id is not null and account_id in (select id from accounts)
      group by account_id, day, user_id, event_name order by account_id, day, user_id, event_name
      on conflict (account_id, day, user_id, event_name) do update set events = usage_user_daily.events + excluded.events
    )
    select count(*)::int as moved from moved`.execute(db);
  return rows[0]?.moved ?? 0;
}

/**
 * An import adds its counts in each chunk's own transaction, side by side with the next rows being read, rather than
 * only queueing them for one long flush at its end. A count whose rollup row is new (a warehouse export of one row
 * per user, day and feature: nearly all of them) is inserted there directly; one whose row exists already is queued
 * in usage_pending as the tracking API's are, so that a file repeating the same keys all along updates each row once
 * per flush, not once per chunk (updating them chunk by chunk made such a file load at half the speed). The chunk
 * COPYs its counts into this temporary table (emptied at each commit), then runs ADD_IMPORT_COUNTS.
 */
export const IMPORT_COUNTS_TABLE = 'pacer_import_counts';
export const CREATE_IMPORT_COUNTS = `create temp table if not exists ${IMPORT_COUNTS_TABLE} (like usage_pending) on commit delete rows`;
/**
 * Before ADD_IMPORT_COUNTS, in a statement of its own so that the statement's snapshot is taken after it: the
 * flush's lock, shared (chunks do not wait for each other). An account being deleted (which takes it exclusively)
 * has then either committed before, and its counts are dropped, or waits until the chunk has committed, and deletes
 * them; and no flush runs while a chunk adds to the rollups, so the two never wait on each other's rows.
 */
export const LOCK_FOR_IMPORT_COUNTS = `select pg_advisory_xact_lock_shared(${FLUSH_LOCK_KEY})`;
/**
 * The chunk's counts come summed per account, day, user and name already (EventChunk.copy), and are inserted in
 * sorted order (writers then meet shared keys in one order, and the index takes keys in its order: unsorted, the
 * insert took half as long again).
 * - users' rollup: new keys inserted; the rows of keys that exist (and rows without a user) queued whole, for the
 *   flush to add to both rollups;
 * - accounts' rollup: the counts of the rows inserted above, summed per account, day and name; new keys inserted,
 *   the others queued without a user (the flush adds those to the accounts' rollup only).
 * Answers how many rows the chunk's counts had and how many of them were new to the users' rollup.
 */
export const ADD_IMPORT_COUNTS = `with users_new as (
    insert into usage_user_daily (account_id, day, user_id, event_name, events)
    select account_id, day, user_id, event_name, events from ${IMPORT_COUNTS_TABLE}
    where user_id is not null and account_id in (select id from accounts)
    order by account_id, day, user_id, event_name
    on conflict (account_id, day, user_id, event_name) do nothing
    returning account_id, day, user_id, event_name, events
  ),
  users_queued as (
    insert into usage_pending (account_id, day, user_id, event_name, events)
    select c.account_id, c.day, c.user_id, c.event_name, c.events from ${IMPORT_COUNTS_TABLE} c
    where c.account_id in (select id from accounts) and not exists (
      select 1 from users_new n
      where n.account_id = c.account_id and n.day = c.day and n.user_id = c.user_id and n.event_name = c.event_name
    )
  ),
  daily as (
    select account_id, day, event_name, sum(events) as events from users_new group by account_id, day, event_name
  ),
  daily_new as (
    insert into usage_daily (account_id, day, event_name, events)
    select account_id, day, event_name, events from daily order by account_id, day, event_name
    on conflict (account_id, day, event_name) do nothing
    returning account_id, day, event_name
  ),
  daily_queued as (
    insert into usage_pending (account_id, day, user_id, event_name, events)
    select d.account_id, d.day, null, d.event_name, d.events from daily d
    where not exists (
      select 1 from daily_new n where n.account_id = d.account_id and n.day = d.day and n.event_name = d.event_name
    )
  )
  select (select count(*) from ${IMPORT_COUNTS_TABLE})::int as keys, (select count(*) from users_new)::int as new_keys`;
