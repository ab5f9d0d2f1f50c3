import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { today } from '../shared/calendar.js';
import { scoreAccounts } from './health-snapshots.js';

/**
 * Scores the given accounts as of today. When they are most of all accounts (the day's first run, a mass change),
 * it scores every account instead: one pass is several times cheaper than looking each of 100,000 ids up in every
 * table, and a rescore of an account whose data did not change leaves its snapshot as it is.
 */
async function scoreToday(trx: Executor, accountIds: string[]): Promise<number> {
  let most = false;
  if (accountIds.length > 1000) {
    const { rows } = await sql<{ accounts: number }>`select count(*)::int as accounts from accounts`.execute(trx);
    most = accountIds.length * 2 > (rows[0]?.accounts ?? 0);
  }
  return (await scoreAccounts(trx, today(), most ? undefined : accountIds)).length;
}

/**
 * Rescores the accounts whose data changed (marked by triggers: usage rollups, notes, survey answers, tickets,
 * subscriptions, contacts, overrides) as of today. Returns how many were rescored.
 */
export async function rescoreChangedAccounts(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ account_id: string }>`delete from health_dirty returning account_id`.execute(trx);
    if (rows.length === 0) return 0;
    return scoreToday(
      trx,
      rows.map((row) => row.account_id),
    );
  });
}

/** Today's snapshot for every account not yet scored today: the daily history. */
export async function scoreUnscoredToday(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`select id from accounts a where not exists
      (select 1 from health_scores h where h.account_id = a.id and h.as_of = ${today()}::date)`.execute(trx);
    if (rows.length === 0) return 0;
    return scoreToday(
      trx,
      rows.map((row) => row.id),
    );
  });
}
