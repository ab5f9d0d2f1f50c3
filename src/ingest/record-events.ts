import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../server/route.js';
import { rollUpUsage } from '../usage/roll-up-usage.js';
import type { UsageEvent } from './usage-event.js';

export interface RecordOptions {
  /** B2C: each user is its own account (external id = user id), made on first sight. */
  userIsAccount?: boolean;
}

export interface RecordResult {
  inserted: number;
  duplicates: number;
}

async function accountIdsByExternalId(db: Executor, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await sql<{ id: string; external_id: string }>`
    select id, external_id from accounts where external_id = any(${externalIds}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.external_id, row.id]));
}

async function accountIdsByUserId(db: Executor, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await sql<{ account_id: string; external_id: string }>`
    select account_id, external_id from contacts where external_id = any(${userIds}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.external_id, row.account_id]));
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
 * Stores usage events and counts them into the rollups, in the caller's transaction: acknowledged means committed.
 * Idempotent on messageId (a retried batch counts nothing twice). An event whose account is not known yet is kept
 * with its groupId/userId and counted when the account appears (see attachPendingEvents).
 */
export async function recordEvents(
  db: Executor,
  events: UsageEvent[],
  options: RecordOptions = {},
): Promise<RecordResult> {
  if (events.length === 0) return { inserted: 0, duplicates: 0 };
  const unique = new Map<string, UsageEvent>();
  for (const event of events) if (!unique.has(event.messageId)) unique.set(event.messageId, event);
  const batch = [...unique.values()];

  if (options.userIsAccount) {
    await ensureUserAccounts(
      db,
      batch.flatMap((event) => (event.accountExternalId === null && event.userId ? [event.userId] : [])),
    );
  }
  const byGroup = await accountIdsByExternalId(db, [
    ...new Set(
      batch.flatMap((event) =>
        event.accountExternalId
          ? [event.accountExternalId]
          : options.userIsAccount && event.userId
            ? [event.userId]
            : [],
      ),
    ),
  ]);
  const byUser = options.userIsAccount
    ? new Map<string, string>()
    : await accountIdsByUserId(db, [
        ...new Set(batch.flatMap((event) => (event.accountExternalId === null && event.userId ? [event.userId] : []))),
      ]);
  const accountOf = (event: UsageEvent): string | null => {
    if (event.accountExternalId) return byGroup.get(event.accountExternalId) ?? null;
    if (!event.userId) return null;
    return (options.userIsAccount ? byGroup.get(event.userId) : byUser.get(event.userId)) ?? null;
  };
  const accountIds = batch.map(accountOf);

  const { rows } = await sql<{ message_id: string }>`
    insert into events (message_id, account_id, account_external_id, user_id, type, name, occurred_at, count, properties)
    select * from unnest(
      ${batch.map((e) => e.messageId)}::text[],
      ${accountIds}::uuid[],
      ${batch.map((e) => e.accountExternalId ?? (options.userIsAccount ? e.userId : null))}::text[],
      ${batch.map((e) => e.userId)}::text[],
      ${batch.map((e) => e.type)}::text[],
      ${batch.map((e) => e.name)}::text[],
      ${batch.map((e) => e.occurredAt.toISOString())}::timestamptz[],
      ${batch.map((e) => e.count)}::int[],
      ${batch.map((e) => (e.properties ? JSON.stringify(e.properties) : null))}::jsonb[])
    on conflict (message_id) do nothing
    returning message_id`.execute(db);

  const inserted = new Set(rows.map((row) => row.message_id));
  await rollUpUsage(
    db,
    batch.flatMap((event, index) => {
      const accountId = accountIds[index];
      return accountId && inserted.has(event.messageId)
        ? [{ accountId, userId: event.userId, name: event.name, occurredAt: event.occurredAt, count: event.count }]
        : [];
    }),
  );
  return { inserted: inserted.size, duplicates: events.length - inserted.size };
}
