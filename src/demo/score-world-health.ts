import type { Database } from '../db/database.js';
import { scoreAccounts } from '../health/health-snapshots.js';
import { addDays } from '../shared/calendar.js';
import { computeHealthBacktest, storeTrustReport } from '../trust/trust-reports.js';

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

/**
 * Replays the health score over the world's past month-ends and stores the report, so "how far to trust the scores"
 * opens with its health half drawn (a few seconds; the churn evaluation takes minutes and is computed when first
 * asked for). A world too short to judge stores nothing. Returns whether a report was stored.
 */
export async function backtestWorldHealth(database: Database): Promise<boolean> {
  const started = performance.now();
  let report: Awaited<ReturnType<typeof computeHealthBacktest>>;
  try {
    report = await computeHealthBacktest(database.db);
  } catch (error) {
    if (/^nothing to judge/.test((error as Error).message)) return false;
    throw error;
  }
  await storeTrustReport(database.db, 'health-backtest', report, 'pacer', (performance.now() - started) / 1000);
  return true;
}
