import { sql } from 'kysely';
import type { Executor } from '../server/route.js';

// Any constant: only one rollup flush runs at a time across the processes sharing a database. Deleting an account
// takes it too (migrations/0006), so that no flush moves counts into the rollups of an account being deleted.
const FLUSH_LOCK_KEY = 727_274_002;

/**
 * Moves every queued count into the daily rollups, incrementally (each key's count grows by what arrived), in one
 * statement. Keys are upserted in sorted order. Counts of an account deleted since they were queued are dropped
 * (the rollups have no foreign key: checking it row by row cost a third of the flush). Returns how many queued
 * rows were moved; 0 also when another process is flushing right now.
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
