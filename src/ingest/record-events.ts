import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../server/route.js';
import type { UsageEvent } from './usage-event.js';

export interface RecordOptions {
  /** B2C: each user is its own account (external id = user id), made on first sight. */
  userIsAccount?: boolean;
}

export interface RecordResult {
  inserted: number;
  duplicates: number;
}

/** B2C: the accounts named by these user ids, made when missing (named after the user until identify says more). */
export async function ensureUserAccounts(db: Executor, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const sorted = [...new Set(userIds)].sort();
  await sql`insert into accounts (id, external_id, name)
    select * from unnest(${sorted.map(() => uuidv7())}::uuid[], ${sorted}::text[], ${sorted}::text[])
    on conflict (external_id) do nothing`.execute(db);
}

/**
 * Stores usage events and queues their counts for the rollups, in one statement: acknowledged means committed
 * (the rollup worker adds queued counts to the rollups within about a second; flushUsageRollups does it now).
 * Idempotent on messageId: a retried batch counts nothing twice. The account is the event's groupId, else the
 * account of the user's contact (or, B2C, the user's own account); an event whose account is not known yet is
 * kept with its groupId/userId and counted when the account appears (attachPendingEvents).
 *
 * One statement on purpose: lookups, insert and queue in a single round trip is what lets ingestion keep up.
 */
export async function recordEvents(
  db: Executor,
  events: UsageEvent[],
  options: RecordOptions = {},
): Promise<RecordResult> {
  if (events.length === 0) return { inserted: 0, duplicates: 0 };
  const b2c = options.userIsAccount ?? false;
  if (b2c) {
    await ensureUserAccounts(
      db,
      events.flatMap((event) => (event.accountExternalId === null && event.userId ? [event.userId] : [])),
    );
  }
  const { rows } = await sql<{ inserted: number }>`
    with input as (
      select * from unnest(
        ${events.map((e) => e.messageId)}::text[],
        ${events.map((e) => e.accountExternalId ?? (b2c ? e.userId : null))}::text[],
        ${events.map((e) => e.userId)}::text[],
        ${events.map((e) => e.type)}::text[],
        ${events.map((e) => e.name)}::text[],
        ${events.map((e) => e.occurredAt.toISOString())}::timestamptz[],
        ${events.map((e) => e.count)}::int[],
        ${events.map((e) => (e.properties ? JSON.stringify(e.properties) : null))}::jsonb[]
      ) as i(message_id, group_id, user_id, type, name, occurred_at, count, properties)
    ),
    -- Scalar subqueries, not joins: one index probe per event, never a scan of every account or contact.
    resolved as (
      select input.*, case
        when input.group_id is not null then (select a.id from accounts a where a.external_id = input.group_id)
        else (select c.account_id from contacts c where c.external_id = input.user_id)
      end as account_id
      from input
    ),
    stored as (
      insert into events (message_id, account_id, account_external_id, user_id, type, name, occurred_at, count, properties)
      select message_id, account_id, group_id, user_id, type, name, occurred_at, count, properties from resolved
      on conflict (message_id) do nothing
      returning account_id, user_id, name, occurred_at, count
    ),
    queued as (
      insert into usage_pending (account_id, day, user_id, event_name, events)
      select account_id, (occurred_at at time zone 'UTC')::date, user_id, name, sum(count) from stored
      where account_id is not null
      group by 1, 2, 3, 4
    )
    select count(*)::int as inserted from stored`.execute(db);
  const inserted = rows[0]?.inserted ?? 0;
  return { inserted, duplicates: events.length - inserted };
}
