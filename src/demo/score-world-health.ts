import type { Database } from '../db/database.js';
import { scoreAccounts } from '../health/health-snapshots.js';
import { addDays } from '../shared/calendar.js';

/**
 * Scores every account's health 30 days before the world's last day and on it, so the demo opens with a 30-day
 * trend and "what moved it" to read, instead of a month after the first start. A past day is scored from its own
 * history (contacts, fields, the scorecard in force then), as a live run would have scored it. Returns the accounts
 * scored on the last day.
 */
export async function scoreWorldHealth(database: Database, today: string): Promise<number> {
  await scoreAccounts(database.db, addDays(today, -30));
  return (await scoreAccounts(database.db, today)).length;
}
