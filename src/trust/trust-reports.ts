import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';
import { type BacktestReport, backtestHealth } from '../health/backtest-health.js';
import { backtestInWorker } from '../predict/backtest-in-worker.js';
import { parseChurnDefinition } from '../predict/churn-outcomes.js';
import { readChurnSettings } from '../predict/churn-service.js';
import { backtestChurnOn, collectBacktestData, type EvaluationReport } from '../predict/evaluate-churn.js';
import type { TrustKind } from './trust-report.schema.js';

// The two reports behind "how far to trust the scores", computed from Pacer's own evaluations and stored, since
// each takes seconds (health) to minutes (churn) on a real book of accounts.

/** Seeds the stored churn evaluation repeats over: enough to show how far its figures move by chance. */
export const TRUST_SEEDS = 3;

export interface StoredTrustReport<R> {
  id: string;
  computedAt: string;
  computedBy: string;
  seconds: number;
  report: R;
}

export interface TrustReports {
  'health-backtest': BacktestReport;
  'churn-evaluation': EvaluationReport;
}

/**
 * The health backtest as `pacer health backtest` runs it, over the churn horizon of the workspace (so both reports
 * speak of the same days ahead).
 */
export async function computeHealthBacktest(db: Executor): Promise<BacktestReport> {
  const { horizonDays } = await readChurnSettings(db);
  return backtestHealth(db, { horizonDays });
}

/**
 * The churn backtest as `pacer churn backtest` runs it (rolling time splits over the data's own calendar, each
 * month-end predicted by a model trained on earlier ones), with the workspace's horizon and churn definition; the
 * training runs in a worker thread unless told otherwise.
 */
export async function computeChurnEvaluation(
  db: Executor,
  options: { inWorker?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<EvaluationReport> {
  const settings = await readChurnSettings(db);
  const definition = await parseChurnDefinition(db, settings.definition);
  const collected = await collectBacktestData(db, { horizonDays: settings.horizonDays, definition });
  const backtest = { horizonDays: settings.horizonDays, definition, seeds: TRUST_SEEDS };
  return options.inWorker === false
    ? backtestChurnOn(collected, backtest, options.onProgress)
    : backtestInWorker(collected, backtest, options.onProgress);
}

export async function storeTrustReport<K extends TrustKind>(
  db: Executor,
  kind: K,
  report: TrustReports[K],
  by: string,
  seconds: number,
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('trust_reports')
    .values({ id, kind, computed_by: by, seconds, report: JSON.stringify(report) })
    .execute();
  return id;
}

export async function latestTrustReport<K extends TrustKind>(
  db: Executor,
  kind: K,
): Promise<StoredTrustReport<TrustReports[K]> | null> {
  const row = await db
    .selectFrom('trust_reports')
    .select(['id', 'computed_at', 'computed_by', 'seconds', 'report'])
    .where('kind', '=', kind)
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    computedAt: new Date(row.computed_at).toISOString(),
    computedBy: row.computed_by,
    seconds: row.seconds,
    report: row.report as unknown as TrustReports[K],
  };
}
