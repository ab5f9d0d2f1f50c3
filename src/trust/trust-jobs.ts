import type { Database } from '../db/database.js';
import { NotEnoughHistoryError } from '../predict/churn-service.js';
import { NOT_ENOUGH_HISTORY } from '../predict/evaluate-churn.js';
import type { TrustKind } from './trust-report.schema.js';
import { computeChurnEvaluation, computeHealthBacktest, storeTrustReport } from './trust-reports.js';

// Computing a trust report takes seconds to minutes, longer than a request should wait: it runs in the background
// of the server that was asked (the churn models train in a worker thread), one at a time per kind, and its state is
// kept here, per database, for the view to poll. A finished report is stored (trust_reports); a failure is kept in
// memory until the next attempt.

export interface TrustJobState {
  /** models: how many of the models the churn backtest trains are trained (null while it reads the data). */
  computing: { startedAt: string; by: string; models: { done: number; total: number } | null } | null;
  lastError: { code: 'not_enough_history' | 'failed'; message: string; at: string } | null;
}

interface Running {
  startedAt: string;
  by: string;
  models: { done: number; total: number } | null;
  done: Promise<void>;
}

interface Jobs {
  running: Map<TrustKind, Running>;
  errors: Map<TrustKind, NonNullable<TrustJobState['lastError']>>;
}

const byDatabase = new WeakMap<Database, Jobs>();

function jobsOf(database: Database): Jobs {
  let jobs = byDatabase.get(database);
  if (!jobs) {
    jobs = { running: new Map(), errors: new Map() };
    byDatabase.set(database, jobs);
  }
  return jobs;
}

/** "nothing to judge" (health) and "not enough history" (churn) are the data's state, not a fault. */
function isNotEnoughHistory(error: unknown): boolean {
  const message = (error as Error).message ?? '';
  return (
    error instanceof NotEnoughHistoryError ||
    NOT_ENOUGH_HISTORY.test(message) ||
    /^nothing to (judge|backtest)/.test(message) ||
    /too little history/.test(message)
  );
}

async function compute(
  database: Database,
  kind: TrustKind,
  by: string,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const started = performance.now();
  const report =
    kind === 'health-backtest'
      ? await computeHealthBacktest(database.db)
      : await computeChurnEvaluation(database.db, { onProgress });
  const seconds = (performance.now() - started) / 1000;
  await storeTrustReport(database.db, kind, report, by, seconds);
}

export function trustJobState(database: Database, kind: TrustKind): TrustJobState {
  const jobs = jobsOf(database);
  const running = jobs.running.get(kind);
  return {
    computing: running ? { startedAt: running.startedAt, by: running.by, models: running.models } : null,
    lastError: jobs.errors.get(kind) ?? null,
  };
}

/**
 * Starts computing a report unless one of that kind is already being computed; returns when it is done (the
 * caller need not wait). Never rejects: a failure is kept as the kind's last error.
 */
export function startTrustJob(database: Database, kind: TrustKind, by: string): Promise<void> {
  const jobs = jobsOf(database);
  const running = jobs.running.get(kind);
  if (running) return running.done;
  const job: Running = { startedAt: new Date().toISOString(), by, models: null, done: Promise.resolve() };
  job.done = compute(database, kind, by, (done, total) => {
    job.models = { done, total };
  })
    .then(() => {
      jobs.errors.delete(kind);
    })
    .catch((error: unknown) => {
      jobs.errors.set(kind, {
        code: isNotEnoughHistory(error) ? 'not_enough_history' : 'failed',
        message: (error as Error).message,
        at: new Date().toISOString(),
      });
      if (!isNotEnoughHistory(error)) console.error(`[pacer] the ${kind} report failed:`, (error as Error).message);
    })
    .finally(() => {
      jobs.running.delete(kind);
    });
  jobs.running.set(kind, job);
  return job.done;
}
