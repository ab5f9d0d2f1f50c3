import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { attachPendingEvents } from '../ingest/attach-pending-events.js';
import { flushUsageRollups } from './roll-up-usage.js';
import { readUsageSettings } from './usage-settings.js';

export interface UsageJobs {
  stop(): Promise<void>;
}

/** Deletes raw events past the retention period; rollups stay. Returns how many went. */
export async function purgeExpiredEvents(database: Database, now = new Date()): Promise<number> {
  const { eventRetentionDays } = await readUsageSettings(database.db);
  const cutoff = new Date(now.getTime() - eventRetentionDays * 86_400_000);
  const stored = await sql`delete from events where occurred_at < ${cutoff}`.execute(database.db);
  const unattached = await sql`delete from unattached_events where occurred_at < ${cutoff}`.execute(database.db);
  return Number(stored.numAffectedRows ?? 0) + Number(unattached.numAffectedRows ?? 0);
}

/**
 * The server's background work for usage: move queued counts into the rollups every two seconds (bigger set-based upserts, fewer of them); attach events
 * whose account appeared since (accounts made by the API or an import rather than by group()), every few
 * seconds; purge expired raw events, hourly. Each job waits for its last run to end before the next.
 */
export function startUsageJobs(
  database: Database,
  intervals = { flushMs: 2000, attachMs: 3000, purgeMs: 3_600_000 },
): UsageJobs {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const every = (ms: number, work: () => Promise<unknown>, now = false) => {
    const tick = () => {
      if (stopped) return;
      const running = work()
        .catch((error: Error) => {
          if (!stopped) process.stderr.write(`pacer: background usage job failed: ${error.message}\n`);
        })
        .finally(() => {
          inFlight.delete(running);
          schedule();
        });
      inFlight.add(running);
    };
    const schedule = () => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, ms);
      timer.unref();
      timers.add(timer);
    };
    if (now) tick();
    else schedule();
  };
  every(intervals.flushMs, () => database.db.transaction().execute((trx) => flushUsageRollups(trx)));
  every(intervals.attachMs, () => database.db.transaction().execute((trx) => attachPendingEvents(trx)));
  every(intervals.purgeMs, () => purgeExpiredEvents(database), true);
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
