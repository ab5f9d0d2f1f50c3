import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';

/**
 * Events kept for an account or user not known at the time (unattached_events) move into events once it is known
 * — by their groupId, or, without one, by the user's contact — and are queued for the rollups then. The DELETE
 * takes each row once, so a concurrent second attach finds nothing to move; an event already stored under the
 * same messageId (a retry that arrived after its account) is not counted again.
 * Scope limits the work to some group/user ids; without it every unattached event is looked at (the periodic sweep).
 */
export async function attachPendingEvents(
  db: Executor,
  scope: { accountExternalIds?: string[]; userIds?: string[] } = {},
): Promise<number> {
  const byGroup = sql`
    delete from unattached_events u using accounts a
    where u.account_external_id = a.external_id
      ${scope.accountExternalIds ? sql`and u.account_external_id = any(${scope.accountExternalIds}::text[])` : sql``}
    returning u.*, a.id as account_id`;
  const byUser = sql`
    delete from unattached_events u using contacts c
    where u.account_external_id is null and u.user_id = c.external_id
      ${scope.userIds ? sql`and u.user_id = any(${scope.userIds}::text[])` : sql``}
    returning u.*, c.account_id`;
  let attached = 0;
  const moves =
    scope.accountExternalIds && !scope.userIds
      ? [byGroup]
      : scope.userIds && !scope.accountExternalIds
        ? [byUser]
        : [byGroup, byUser];
  for (const move of moves) {
    const { rows } = await sql<{ attached: number }>`
      with moved as (${move}),
      stored as (
        insert into events (message_id, account_id, account_external_id, user_id, type, name, occurred_at, received_at, count, properties)
        select message_id, account_id, account_external_id, user_id, type, name, occurred_at, received_at, count, properties
        from moved
        on conflict (message_id) do nothing
        returning account_id, user_id, name, occurred_at, count
      ),
      queued as (
        insert into usage_pending (account_id, day, user_id, event_name, events)
        select account_id, (occurred_at at time zone 'UTC')::date, user_id, name, sum(count) from stored
        group by 1, 2, 3, 4
      )
      select count(*)::int as attached from stored`.execute(db);
    attached += rows[0]?.attached ?? 0;
  }
  return attached;
}
