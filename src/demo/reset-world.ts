import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { DEMO_TEAM_DOMAIN } from './demo-catalog.js';

/**
 * Deletes the demo world: every account and what it owns (contacts, subscriptions, notes, surveys, tickets, the
 * truth rows), all events and rollups, and the demo's team users. The workspace is then empty, as before the demo.
 */
export async function resetWorld(database: Database): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    // Events first and wholesale: deleting accounts would otherwise delete them account by account (a trigger).
    for (const table of ['usage_pending', 'usage_user_daily', 'usage_daily', 'unattached_events', 'events']) {
      await sql`delete from ${sql.table(table)}`.execute(trx);
    }
    await sql`delete from demo.account_truth`.execute(trx);
    await sql`update accounts set parent_id = null where parent_id is not null`.execute(trx);
    await sql`delete from accounts`.execute(trx);
    await sql`delete from team_users where email like ${`%@${DEMO_TEAM_DOMAIN}`}`.execute(trx);
  });
}
