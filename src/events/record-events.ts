import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';
import { accountKeyOf, isAnonymous, type UsageEvent } from './usage-event.js';

/**
 * Taken, shared, by every transaction that stores events before it looks their accounts up, and held until it
 * commits; deleting accounts takes it exclusively first (migrations/0008). A deletion then waits for the writers
 * in flight and deletes their events too, and writers after it no longer find the account: no event is left
 * behind, attached to an account that has gone. A statement of its own: a statement's snapshot is taken before it
 * runs, so lookups in the statement that waited for the lock would not see the deletion it waited for.
 */
export const LOCK_ACCOUNTS_FOR_EVENTS = 'select pg_advisory_xact_lock_shared(727274003)';

export interface RecordOptions {
  /** B2C: each user is its own account (external id = user id), made on first sight. */
  userIsAccount?: boolean;
}

export interface RecordResult {
  inserted: number;
  duplicates: number;
}

/** B2C: the accounts named by these user ids, made when missing (named after the user until identify says more). */
async function ensureUserAccounts(db: Executor, userIds: string[]): Promise<void> {
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
 * One statement: lookups, insert and queue in a single round trip. The tracking API writes by COPY instead
 * (ingest-writer.ts), which costs PostgreSQL about half as much per event; this is its fallback when the database
 * refuses a row, and what identify/group batches, the statement path of imports and the demo use.
 */
export async function recordEvents(
  db: Executor,
  events: UsageEvent[],
  options: RecordOptions = {},
): Promise<RecordResult> {
  const stored = await recordEventIds(db, events, options);
  return { inserted: stored.size, duplicates: events.length - stored.size };
}

/** recordEvents, answering which messageIds were stored now (the others had been stored before). */
export async function recordEventIds(
  db: Executor,
  events: UsageEvent[],
  options: RecordOptions = {},
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  await sql.raw(LOCK_ACCOUNTS_FOR_EVENTS).execute(db);
  if (options.userIsAccount) {
    await ensureUserAccounts(
      db,
      events.flatMap((event) =>
        event.accountExternalId === null && event.userId !== null && !isAnonymous(event.userId) ? [event.userId] : [],
      ),
    );
  }
  return storeEvents(db, events, options);
}

/**
 * recordEvents without making B2C accounts first, answering which messageIds were stored now (the others had
 * been stored before).
 */
async function storeEvents(db: Executor, events: UsageEvent[], options: RecordOptions = {}): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const b2c = options.userIsAccount ?? false;
  // The batch travels as one JSON text that PostgreSQL unpacks: far cheaper for Node than eight escaped arrays.
  const { rows } = await sql<{ message_id: string }>`
    with input as (
      select * from json_to_recordset(${JSON.stringify(
        events.map((e) => ({
          m: e.messageId,
          g: accountKeyOf(e.accountExternalId, e.userId, b2c),
          u: e.userId,
          t: e.type,
          n: e.name,
          o: e.occurredAt.toISOString(),
          c: e.count,
          p: e.properties,
        })),
      )}::json) as i(m text, g text, u text, t text, n text, o timestamptz, c int, p jsonb)
    ),
    input_named as (
      select m as message_id, g as group_id, u as user_id, t as type, n as name, o as occurred_at, c as count, p as properties
      from input
    ),
    -- Scalar subqueries, not joins: one index probe per event, never a scan of every account or contact.
    resolved as (
      select input.*, case
        when input.group_id is not null then (select a.id from accounts a where a.external_id = input.group_id)
        else (select c.account_id from contacts c where c.external_id = input.user_id)
      end as account_id
      from input_named as input
    ),
    stored as (
      insert into events (message_id, account_id, account_external_id, user_id, type, name, occurred_at, count, properties)
      select message_id, account_id, group_id, user_id, type, name, occurred_at, count, properties from resolved
      where account_id is not null
      on conflict (message_id) do nothing
      returning message_id, account_id, user_id, name, occurred_at, count
    ),
    kept as (
      insert into unattached_events (message_id, account_external_id, user_id, type, name, occurred_at, count, properties)
      select message_id, group_id, user_id, type, name, occurred_at, count, properties from resolved
      where account_id is null
      on conflict (message_id) do nothing
      returning message_id
    ),
    queued as (
      insert into usage_pending (account_id, day, user_id, event_name, events)
      select account_id, (occurred_at at time zone 'UTC')::date, user_id, name, sum(count) from stored
      group by 1, 2, 3, 4
    )
    select message_id from stored union all select message_id from kept`.execute(db);
  return new Set(rows.map((row) => row.message_id));
}
