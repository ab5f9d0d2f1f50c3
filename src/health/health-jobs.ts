import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { scoreAccounts } from './score-accounts.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Rescores the accounts whose data changed (marked by triggers: usage rollups, notes, survey answers, tickets,
 * subscriptions, contacts, overrides) as of today. Returns how many were rescored.
 */
export async function rescoreChangedAccounts(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ account_id: string }>`delete from health_dirty returning account_id`.execute(trx);
    if (rows.length === 0) return 0;
    const snapshots = await scoreAccounts(
      trx,
      today(),
      rows.map((row) => row.account_id),
    );
    return snapshots.length;
  });
}

/** Today's snapshot for every account not yet scored today: the daily history. */
export async function scoreUnscoredToday(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`select id from accounts a where not exists
      (select 1 from health_scores h where h.account_id = a.id and h.as_of = ${today()}::date)`.execute(trx);
    if (rows.length === 0) return 0;
    return (
      await scoreAccounts(
        trx,
        today(),
        rows.map((row) => row.id),
      )
    ).length;
  });
}
