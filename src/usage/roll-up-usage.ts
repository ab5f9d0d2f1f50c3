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

/**
 * Adds events to the daily rollups, incrementally: each (account, day, name) and (account, day, user, name)
 * count grows by what arrived. Keys are sorted so concurrent batches lock rows in the same order (no deadlock).
 * Late events land on their own day.
 */
export async function rollUpUsage(db: Executor, events: CountedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const accountDays = new Map<string, number>();
  const userDays = new Map<string, number>();
  for (const event of events) {
    const day = utcDay(event.occurredAt);
    const accountKey = `${event.accountId}\u0000${day}\u0000${event.name}`;
    accountDays.set(accountKey, (accountDays.get(accountKey) ?? 0) + event.count);
    if (event.userId !== null) {
      const userKey = `${event.accountId}\u0000${day}\u0000${event.userId}\u0000${event.name}`;
      userDays.set(userKey, (userDays.get(userKey) ?? 0) + event.count);
    }
  }
  const accountRows = [...accountDays.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const split = (key: string) => key.split('\u0000');
  await sql`insert into usage_daily (account_id, day, event_name, events)
    select * from unnest(
      ${accountRows.map(([key]) => split(key)[0])}::uuid[],
      ${accountRows.map(([key]) => split(key)[1])}::date[],
      ${accountRows.map(([key]) => split(key)[2])}::text[],
      ${accountRows.map(([, count]) => String(count))}::bigint[])
    on conflict (account_id, day, event_name) do update set events = usage_daily.events + excluded.events`.execute(db);
  if (userDays.size === 0) return;
  const userRows = [...userDays.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await sql`insert into usage_user_daily (account_id, day, user_id, event_name, events)
    select * from unnest(
      ${userRows.map(([key]) => split(key)[0])}::uuid[],
      ${userRows.map(([key]) => split(key)[1])}::date[],
      ${userRows.map(([key]) => split(key)[2])}::text[],
      ${userRows.map(([key]) => split(key)[3])}::text[],
      ${userRows.map(([, count]) => String(count))}::bigint[])
    on conflict (account_id, day, user_id, event_name) do update set events = usage_user_daily.events + excluded.events`.execute(
    db,
  );
}
