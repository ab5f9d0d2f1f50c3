import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { today } from '../shared/calendar.js';

/**
 * The last day (UTC, YYYY-MM-DD) the data says anything about: the latest usage rollup day, subscription start,
 * end or cancellation, note, survey answer, or ticket opened or closed, and never later than today. Evaluations
 * replay history up to this day, so an export that ends in the past is judged on its own calendar. Dates after
 * today (a contract's scheduled end) are not data yet and are left out. Null when there is no dated data at all.
 */
export async function lastDayWithData(db: Executor): Promise<string | null> {
  const day = today();
  const { rows } = await sql<{ last_day: string | null }>`
    select greatest(
      (select max(day) from usage_daily where day <= ${day}::date),
      (select max(start_date) from subscriptions where start_date <= ${day}::date),
      (select max(end_date) from subscriptions where end_date <= ${day}::date),
      (select (max(cancelled_at) at time zone 'UTC')::date from subscriptions where cancelled_at < (${day}::date + 1)::timestamptz),
      (select (max(occurred_at) at time zone 'UTC')::date from notes where occurred_at < (${day}::date + 1)::timestamptz),
      (select (max(answered_at) at time zone 'UTC')::date from survey_responses where answered_at < (${day}::date + 1)::timestamptz),
      (select (max(opened_at) at time zone 'UTC')::date from tickets where opened_at < (${day}::date + 1)::timestamptz),
      (select (max(closed_at) at time zone 'UTC')::date from tickets where closed_at < (${day}::date + 1)::timestamptz)
    )::text as last_day`.execute(db);
  return rows[0]?.last_day ?? null;
}
