import { sql } from 'kysely';
import type { Executor } from '../server/route.js';
import { queueUsage } from '../usage/roll-up-usage.js';

interface AttachedRow {
  account_id: string;
  user_id: string | null;
  name: string;
  occurred_at: Date;
  count: number;
}

/**
 * Events kept for an account or user not known at the time are attached once it is known (by groupId, or by the
 * user's contact) and queued for the rollups then. Row locks make a concurrent second attach skip them.
 * Scope limits the work to some group/user ids; without it every pending event is looked at (the periodic sweep).
 */
export async function attachPendingEvents(
  db: Executor,
  scope: { accountExternalIds?: string[]; userIds?: string[] } = {},
): Promise<number> {
  const { rows: byGroup } = await sql<AttachedRow>`
    update events e set account_id = a.id from accounts a
    where e.account_id is null and e.account_external_id is not null and a.external_id = e.account_external_id
      ${scope.accountExternalIds ? sql`and e.account_external_id = any(${scope.accountExternalIds}::text[])` : sql``}
    returning e.account_id, e.user_id, e.name, e.occurred_at, e.count`.execute(db);
  const { rows: byUser } =
    scope.accountExternalIds && !scope.userIds
      ? { rows: [] as AttachedRow[] }
      : await sql<AttachedRow>`
    update events e set account_id = c.account_id from contacts c
    where e.account_id is null and e.account_external_id is null and e.user_id = c.external_id
      ${scope.userIds ? sql`and e.user_id = any(${scope.userIds}::text[])` : sql``}
    returning e.account_id, e.user_id, e.name, e.occurred_at, e.count`.execute(db);
  const attached = [...byGroup, ...byUser];
  await queueUsage(
    db,
    attached.map((row) => ({
      accountId: row.account_id,
      userId: row.user_id,
      name: row.name,
      occurredAt: row.occurred_at,
      count: row.count,
    })),
  );
  return attached.length;
}
