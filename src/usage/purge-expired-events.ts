import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { readUsageSettings } from './usage-settings.js';

/** Deletes raw events past the retention period; rollups stay. Returns how many went. */
export async function purgeExpiredEvents(database: Database, now = new Date()): Promise<number> {
  const { eventRetentionDays } = await readUsageSettings(database.db);
  const cutoff = new Date(now.getTime() - eventRetentionDays * 86_400_000);
  const stored = await sql`delete from events where occurred_at < ${cutoff}`.execute(database.db);
  const unattached = await sql`delete from unattached_events where occurred_at < ${cutoff}`.execute(database.db);
  return Number(stored.numAffectedRows ?? 0) + Number(unattached.numAffectedRows ?? 0);
}
