import { sql } from 'kysely';
import { utcDay } from '../ingest/usage-event.js';
import type { Executor } from '../server/route.js';

export interface CountedEvent {
  accountId: string;
  userId: string | null;
  name: string;
  occurredAt: Date;
  count: number;
}

// Any constant: only one rollup flush runs at a time across the processes sharing a database.
const FLUSH_LOCK_KEY = 727_274_002;

/**
 * Queues events for the rollups, in the caller's transaction: one row per (account, day, user, name) of the batch.
 * Late events carry their own day, so they land on it.
 */
export async function queueUsage(db: Executor, events: CountedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const counts = new Map<string, number>();
  for (const event of events) {
    const key = `${event.accountId}\u0000${utcDay(event.occurredAt)}\u0000${event.userId ?? ''}\u0000${event.name}`;
    counts.set(key, (counts.get(key) ?? 0) + event.count);
  }
  const keys = [...counts.keys()].map((key) => key.split('\u0000'));
  await sql`insert into usage_pending (account_id, day, user_id, event_name, events)
    select * from unnest(
      ${keys.map((k) => k[0])}::uuid[],
      ${keys.map((k) => k[1])}::date[],
      ${keys.map((k) => k[2] || null)}::text[],
      ${keys.map((k) => k[3])}::text[],
      ${[...counts.values()].map(String)}::bigint[])`.execute(db);
}

/**
 * Moves every queued count into the daily rollups, incrementally (each key's count grows by what arrived), in one
 * statement. Keys are upserted in sorted order. Returns how many queued rows were moved; 0 also when another
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
      group by account_id, day, event_name order by account_id, day, event_name
      on conflict (account_id, day, event_name) do update set events = usage_daily.events + excluded.events
    ),
    users_done as (
      insert into usage_user_daily (account_id, day, user_id, event_name, events)
      select account_id, day, user_id, event_name, sum(events) from moved where user_id is not null
      group by account_id, day, user_id, event_name order by account_id, day, user_id, event_name
      on conflict (account_id, day, user_id, event_name) do update set events = usage_user_daily.events + excluded.events
    )
    select count(*)::int as moved from moved`.execute(db);
  return rows[0]?.moved ?? 0;
}
