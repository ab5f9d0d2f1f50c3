import type { DialectAdapter } from 'kysely';
import type { Executor } from '../db/executor.js';
import { type BgNbdParameters, fitBgNbd, groupHistories } from '../stats/bg-nbd.js';
import { aliveSummary } from '../usage/alive-summary.js';

// The BG/NBD parameters behind the "chance still active" measure. Fitting needs every account's history, so each
// process fits once per database and day and keeps the result: a rescore of one account after an event reuses it.
// A fit is for exactly one as-of day, so a replay of history never reads parameters learned from its future.

const KEEP_DAYS = 40;
// Keyed by the database's adapter: one per opened database, shared by its transactions.
const fits = new WeakMap<DialectAdapter, Map<string, Promise<BgNbdParameters | null>>>();

async function fitParameters(db: Executor, asOf: string): Promise<BgNbdParameters | null> {
  const histories = await aliveSummary(db, asOf, { unit: 'week' });
  // Too few accounts, or none that came back on a second day: nothing to learn dropout from.
  if (histories.length < 20 || !histories.some((h) => h.x > 0)) return null;
  return fitBgNbd(groupHistories(histories)).parameters;
}

/** Weekly BG/NBD parameters of the accounts' activity (active days as transactions) as of a day, or null. */
export function aliveParameters(db: Executor, asOf: string): Promise<BgNbdParameters | null> {
  const adapter = db.getExecutor().adapter;
  let byDay = fits.get(adapter);
  if (!byDay) {
    byDay = new Map();
    fits.set(adapter, byDay);
  }
  let parameters = byDay.get(asOf);
  if (!parameters) {
    parameters = fitParameters(db, asOf);
    // A failed fit is not kept: the next rescore tries again.
    parameters.catch(() => byDay.delete(asOf));
    byDay.set(asOf, parameters);
    if (byDay.size > KEEP_DAYS) byDay.delete(byDay.keys().next().value as string);
  }
  return parameters;
}
