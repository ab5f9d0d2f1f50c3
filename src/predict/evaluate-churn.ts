import type { Executor } from '../db/executor.js';
import { backtestDates } from '../health/backtest-health.js';
import { addDays, today } from '../shared/calendar.js';
import { applyCalibration, fitCalibration } from '../stats/calibration.js';
import { brierScore, calibrationTable, liftAtTopDecile, prAuc, rocAuc } from '../stats/classification-metrics.js';
import { accountBucket, predictChurn, trainChurnModel } from './churn-model.js';
import { type ChurnDefinition, churnOutcomes, describeDefinition } from './churn-outcomes.js';
import { stackSnapshots } from './feature-encoding.js';
import { buildFeatureSnapshot, type FeatureSnapshot, selectRows } from './feature-snapshot.js';

// Evaluations that cannot flatter: every figure is measured on rows the model (and its encoding, and its
// calibration) never saw, and the same rows score the health score and a "days since last active" baseline,
// each turned into a probability by a calibration fitted on the training side only.

export interface Figures {
  n: number;
  positives: number;
  rocAuc: number | null;
  prAuc: number | null;
  brier: number | null;
  liftTopDecile: number | null;
  calibration: { n: number; meanPredicted: number; observedRate: number }[];
}

export interface EvaluationReport {
  method: 'cross-validation' | 'backtest';
  horizonDays: number;
  churnMeans: string;
  asOfDates: string[];
  /** Backtest: the dates tested (each trained on dates whose horizon had passed by then). */
  testedDates: string[];
  folds: number | null;
  n: number;
  positives: number;
  model: Figures;
  healthScore: Figures;
  daysSinceLastActive: Figures;
  /** Which estimator won the validation inside each training run. */
  chosen: { logistic: number; boosting: number };
}

interface LabelledSnapshot {
  snapshot: FeatureSnapshot;
  labels: Uint8Array;
}

/** The accounts of a snapshot whose outcome is known, with their labels. */
async function labelled(
  db: Executor,
  asOf: string,
  horizonDays: number,
  definition: ChurnDefinition,
  today: string,
): Promise<LabelledSnapshot> {
  const outcomes = await churnOutcomes(db, asOf, horizonDays, definition, today);
  const known = [...outcomes].filter(([, label]) => label !== null).map(([id]) => id);
  if (known.length === 0) return { snapshot: { asOf, accountIds: [], columns: [] }, labels: new Uint8Array(0) };
  const snapshot = await buildFeatureSnapshot(db, asOf, known);
  return { snapshot, labels: Uint8Array.from(snapshot.accountIds, (id) => outcomes.get(id) ?? 0) };
}

function column(snapshot: FeatureSnapshot, name: string): (number | null)[] {
  const values = snapshot.columns.find((c) => c.name === name)?.values ?? [];
  return snapshot.accountIds.map((_, i) => (typeof values[i] === 'number' ? (values[i] as number) : null));
}

/** A baseline's risk as a number in (0, 1), monotone in the risk, for Platt scaling to map to a probability. */
const baselines = {
  healthScore: (s: FeatureSnapshot) =>
    column(s, 'health.score').map((v) => Math.min(0.995, Math.max(0.005, (100 - (v ?? 50)) / 100))),
  daysSinceLastActive: (s: FeatureSnapshot) =>
    column(s, 'health.usage.days_since_last_active').map((v) => {
      const d = v ?? 365;
      return Math.min(0.995, Math.max(0.005, d / (d + 14)));
    }),
};

/**
 * The figures of one predictor. `rank` is what orders the rows for the ranking figures (ROC-AUC, PR-AUC, lift):
 * a baseline's own score, since its calibrations differ from fold to fold and pooling them would blur its ranking.
 */
export function figures(p: ArrayLike<number>, y: Uint8Array, rank: ArrayLike<number> = p): Figures {
  return {
    n: y.length,
    positives: y.reduce((s, v) => s + v, 0),
    rocAuc: rocAuc(rank, y),
    prAuc: prAuc(rank, y),
    brier: y.length > 0 ? brierScore(p, y) : null,
    liftTopDecile: liftAtTopDecile(rank, y),
    calibration: y.length > 0 ? calibrationTable(p, y, 10) : [],
  };
}

/** Train on one side, predict the other: the model and both calibrated baselines. */
function trainAndPredict(train: LabelledSnapshot, test: LabelledSnapshot) {
  const model = trainChurnModel(train);
  const out = { model: predictChurn(model, test.snapshot), kind: model.estimator.kind } as {
    model: Float64Array;
    kind: 'logistic' | 'boosting';
    healthScore: Float64Array;
    daysSinceLastActive: Float64Array;
  };
  for (const key of ['healthScore', 'daysSinceLastActive'] as const) {
    const calibration = fitCalibration(baselines[key](train.snapshot), train.labels, 'platt');
    out[key] = applyCalibration(calibration, baselines[key](test.snapshot));
  }
  return out;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function report(
  base: Pick<EvaluationReport, 'method' | 'horizonDays' | 'churnMeans' | 'asOfDates' | 'testedDates' | 'folds'>,
  y: Uint8Array,
  predictions: { model: Float64Array; healthScore: Float64Array; daysSinceLastActive: Float64Array },
  chosen: EvaluationReport['chosen'],
  raw: { healthScore: number[]; daysSinceLastActive: number[] },
): EvaluationReport {
  return {
    ...base,
    n: y.length,
    positives: y.reduce((s, v) => s + v, 0),
    model: figures(predictions.model, y),
    healthScore: figures(predictions.healthScore, y, raw.healthScore),
    daysSinceLastActive: figures(predictions.daysSinceLastActive, y, raw.daysSinceLastActive),
    chosen,
  };
}

/** Cross-validation by account at one as-of date: each fold is predicted by a model trained on the others. */
export async function evaluateChurn(
  db: Executor,
  options: { asOf: string; horizonDays: number; folds: number; definition: ChurnDefinition; today?: string },
): Promise<EvaluationReport> {
  const until = options.today ?? today();
  const data = await labelled(db, options.asOf, options.horizonDays, options.definition, until);
  if (data.labels.length === 0) {
    throw new Error(
      `no account could churn after ${options.asOf} with a known outcome: the ${options.horizonDays}-day horizon must have passed, and accounts must be live then`,
    );
  }
  const fold = data.snapshot.accountIds.map((id) => Math.floor(accountBucket(`fold:${id}`) * options.folds));
  const parts = {
    model: [] as Float64Array[],
    healthScore: [] as Float64Array[],
    daysSinceLastActive: [] as Float64Array[],
  };
  const labels: Uint8Array[] = [];
  const raw = { healthScore: [] as number[], daysSinceLastActive: [] as number[] };
  const chosen = { logistic: 0, boosting: 0 };
  for (let k = 0; k < options.folds; k++) {
    const testRows = fold.flatMap((f, i) => (f === k ? [i] : []));
    const trainRows = fold.flatMap((f, i) => (f !== k ? [i] : []));
    if (testRows.length === 0) continue;
    const side = (rows: number[]) => ({
      snapshot: selectRows(data.snapshot, rows),
      labels: Uint8Array.from(rows, (i) => data.labels[i] ?? 0),
    });
    const test = side(testRows);
    const predicted = trainAndPredict(side(trainRows), test);
    raw.healthScore.push(...baselines.healthScore(test.snapshot));
    raw.daysSinceLastActive.push(...baselines.daysSinceLastActive(test.snapshot));
    chosen[predicted.kind]++;
    parts.model.push(predicted.model);
    parts.healthScore.push(predicted.healthScore);
    parts.daysSinceLastActive.push(predicted.daysSinceLastActive);
    labels.push(test.labels);
  }
  return report(
    {
      method: 'cross-validation',
      horizonDays: options.horizonDays,
      churnMeans: describeDefinition(options.definition, options.horizonDays),
      asOfDates: [options.asOf],
      testedDates: [options.asOf],
      folds: options.folds,
    },
    Uint8Array.from(labels.flatMap((l) => [...l])),
    {
      model: concat(parts.model),
      healthScore: concat(parts.healthScore),
      daysSinceLastActive: concat(parts.daysSinceLastActive),
    },
    chosen,
    raw,
  );
}

/**
 * Rolling time splits: for each month-end, a model trained only on earlier month-ends whose horizon had already
 * passed by then (so no label from the future) predicts the accounts of that day.
 */
export async function backtestChurn(
  db: Executor,
  options: {
    horizonDays: number;
    definition: ChurnDefinition;
    today?: string;
    months?: number;
    minTrainingDates?: number;
  },
): Promise<EvaluationReport> {
  const until = options.today ?? today();
  const dates = backtestDates(until, options.horizonDays, options.months ?? 18);
  const data: LabelledSnapshot[] = [];
  for (const asOf of dates) {
    const snapshot = await labelled(db, asOf, options.horizonDays, options.definition, until);
    if (snapshot.labels.length > 0) data.push(snapshot);
  }
  const parts = {
    model: [] as Float64Array[],
    healthScore: [] as Float64Array[],
    daysSinceLastActive: [] as Float64Array[],
  };
  const labels: Uint8Array[] = [];
  const tested: string[] = [];
  const raw = { healthScore: [] as number[], daysSinceLastActive: [] as number[] };
  const chosen = { logistic: 0, boosting: 0 };
  for (const test of data) {
    // Labels of earlier dates are known on the test date only if their horizon ended by then.
    const history = data.filter((d) => addDays(d.snapshot.asOf, options.horizonDays) < test.snapshot.asOf);
    if (history.length < (options.minTrainingDates ?? 3)) continue;
    const train = {
      snapshot: stackSnapshots(history.map((d) => d.snapshot)),
      labels: Uint8Array.from(history.flatMap((d) => [...d.labels])),
    };
    let predicted: ReturnType<typeof trainAndPredict>;
    try {
      predicted = trainAndPredict(train, test);
    } catch {
      continue; // too little history yet (no churner in it): the next date has more
    }
    chosen[predicted.kind]++;
    raw.healthScore.push(...baselines.healthScore(test.snapshot));
    raw.daysSinceLastActive.push(...baselines.daysSinceLastActive(test.snapshot));
    tested.push(test.snapshot.asOf);
    parts.model.push(predicted.model);
    parts.healthScore.push(predicted.healthScore);
    parts.daysSinceLastActive.push(predicted.daysSinceLastActive);
    labels.push(test.labels);
  }
  if (tested.length === 0) {
    throw new Error(
      `not enough history to backtest: need month-ends with known ${options.horizonDays}-day outcomes, at least ${options.minTrainingDates ?? 3} of them before a tested one`,
    );
  }
  return report(
    {
      method: 'backtest',
      horizonDays: options.horizonDays,
      churnMeans: describeDefinition(options.definition, options.horizonDays),
      asOfDates: data.map((d) => d.snapshot.asOf),
      testedDates: tested,
      folds: null,
    },
    Uint8Array.from(labels.flatMap((l) => [...l])),
    {
      model: concat(parts.model),
      healthScore: concat(parts.healthScore),
      daysSinceLastActive: concat(parts.daysSinceLastActive),
    },
    chosen,
    raw,
  );
}

/** The report as a terminal reads it: the three side by side, then the model's calibration. */
export function formatReport(r: EvaluationReport): string {
  const f = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));
  const row = (label: string, pick: (x: Figures) => number | null, digits = 3) =>
    `${label.padEnd(22)}${f(pick(r.model), digits).padStart(10)}${f(pick(r.healthScore), digits).padStart(15)}${f(pick(r.daysSinceLastActive), digits).padStart(20)}`;
  const lines = [
    r.method === 'backtest'
      ? `Churn backtest: ${r.testedDates.length} month-ends tested (${r.testedDates[0]} … ${r.testedDates.at(-1)}), each by a model trained on earlier ones`
      : `Churn cross-validation as of ${r.asOfDates[0]}: ${r.folds} folds by account`,
    `Churn means: ${r.churnMeans}`,
    `Rows: ${r.n}, churned: ${r.positives} (${((100 * r.positives) / Math.max(1, r.n)).toFixed(1)}%)`,
    `Model chosen by validation: logistic regression ${r.chosen.logistic}×, gradient boosting ${r.chosen.boosting}×`,
    '',
    `${''.padEnd(22)}${'model'.padStart(10)}${'health score'.padStart(15)}${'days since active'.padStart(20)}`,
    row('ROC-AUC', (x) => x.rocAuc),
    row('PR-AUC', (x) => x.prAuc),
    row('Brier score', (x) => x.brier, 4),
    row('Lift in top decile', (x) => x.liftTopDecile, 2),
    '',
    'Calibration of the model (equal-size bins by predicted risk):',
    `${'rows'.padStart(8)}${'predicted'.padStart(12)}${'observed'.padStart(12)}`,
    ...r.model.calibration.map(
      (b) =>
        `${String(b.n).padStart(8)}${`${(b.meanPredicted * 100).toFixed(1)}%`.padStart(12)}${`${(b.observedRate * 100).toFixed(1)}%`.padStart(12)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
