import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { attachPendingEvents } from '../events/attach-pending-events.js';
import { rescoreChangedAccounts, scoreUnscoredToday } from '../health/health-jobs.js';
import { refreshPortfolioRows } from '../portfolio/refresh-portfolio-rows.js';
import { refreshChurnRisk } from '../predict/churn-jobs.js';
import { purgeExpiredEvents } from '../usage/purge-expired-events.js';
import { flushUsageRollups } from '../usage/roll-up-usage.js';
import { redactError } from './redact-error.js';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

/**
 * The server's background work, each job waiting for its last run to end before the next:
 * - every second, move queued usage counts into the rollups (set-based upserts: the longer the beat, the fewer
 *   and bigger they are), then rescore the accounts whose data changed, so health follows the data;
 * - attach events whose account appeared since (made by the API or an import rather than group()), every 3 s;
 * - give every account its daily health snapshot; purge expired raw events (and refresh the embedded engine's
 *   planner statistics), hourly;
 * - retrain the churn model daily and rescore every account's churn risk daily (training in a worker thread).
 */
export function startBackgroundJobs(
  database: Database,
  intervals = { flushMs: 1000, attachMs: 3000, purgeMs: 3_600_000 },
): BackgroundJobs {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const every = (ms: number, work: () => Promise<unknown>, now = false, firstMs = ms) => {
    const tick = () => {
      if (stopped) return;
      const running = work()
        .catch((error: Error) => {
          // Redacted: a failed flush or attach quotes the values of the row it choked on.
          if (!stopped)
            process.stderr.write(`pacer: background job failed: ${redactError(error, { frames: false })}\n`);
        })
        .finally(() => {
          inFlight.delete(running);
          schedule();
        });
      inFlight.add(running);
    };
    let wait = firstMs;
    const schedule = () => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, wait);
      wait = ms;
      timer.unref();
      timers.add(timer);
    };
    if (now) tick();
    else schedule();
  };
  // Rollups, then the health of the accounts whose data changed: health follows an event batch within ~a second.
  every(intervals.flushMs, async () => {
    await database.db.transaction().execute((trx) => flushUsageRollups(trx));
    await rescoreChangedAccounts(database);
  });
  // The portfolio's rows of the accounts whose health, risk, subscriptions or fields changed (and all of them on a
  // new day), so a reader rarely waits for them (src/portfolio/refresh-portfolio-rows.ts).
  every(intervals.flushMs * 2, () => refreshPortfolioRows(database.db));
  every(intervals.attachMs, () => database.db.transaction().execute((trx) => attachPendingEvents(trx)));
  every(
    intervals.purgeMs,
    async () => {
      await purgeExpiredEvents(database);
      // PostgreSQL's autovacuum keeps the planner's statistics fresh; the embedded engine has none, so do it here.
      if (database.engine === 'pglite') await sql`analyze`.execute(database.db);
    },
    true,
  );
  every(600_000, () => scoreUnscoredToday(database), true);
  // Churn risk: retrained daily, every account rescored daily; checked every 10 minutes, first a minute after start.
  every(600_000, () => refreshChurnRisk(database), false, 60_000);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(inFlight);
      // What was acknowledged before the stop is in the rollups after it.
      await database.db.transaction().execute((trx) => flushUsageRollups(trx));
    },
  };
}
