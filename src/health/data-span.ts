import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { today } from '../shared/calendar.js';

// The data's own calendar: an export that ends in 2024 is judged on the days it covers, not on the days before
// today. Dates after today (a contract's planned end, a renewal) are plans, not data.

/**
 * The latest day, up to today, on which anything was recorded: usage rollups, subscription starts, ends and
 * cancellations, notes, survey answers, tickets. Null when there is no data at all.
 */
export async function lastDayWithData(db: Executor): Promise<string | null> {
  const day = today();
  const { rows } = await sql<{ last: string | null }>`
    select greatest(
      (select max(day) from usage_daily where day <= ${day}::date),
      (select max(start_date) from subscriptions where start_date <= ${day}::date),
      (select max(end_date) from subscriptions where end_date <= ${day}::date),
      (select max(cancelled_at::date) from subscriptions where cancelled_at < (${day}::date + 1)::timestamptz),
      (select max(occurred_at::date) from notes where occurred_at < (${day}::date + 1)::timestamptz),
      (select max(answered_at::date) from survey_responses where answered_at < (${day}::date + 1)::timestamptz),
      (select max(opened_at::date) from tickets where opened_at < (${day}::date + 1)::timestamptz)
    )::text as last`.execute(db);
  return rows[0]?.last ?? null;
}
