import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { backtestDates } from '../health/backtest-health.js';
import { lastDayWithData } from '../health/data-span.js';
import { addDays, today } from '../shared/calendar.js';
import { applyCalibration, fitCalibration } from '../stats/calibration.js';
import { type RocPoint, rocCurve } from '../stats/classification-metrics.js';
import { assignFolds, predictChurn, type TrainingData, trainChurnModel } from './churn-model.js';
import { type ChurnDefinition, churnOutcomes, describeDefinition } from './churn-outcomes.js';
import { stackSnapshots } from './feature-encoding.js';
import { buildFeatureSnapshot, type FeatureSnapshot, selectRows } from './feature-snapshot.js';
import { type Figures, figures, type Spread, spread } from './prediction-figures.js';

// Evaluations that cannot flatter: every figure is measured on rows the model never saw — not in fitting, nor in
// the early stopping, the choice between models or the calibration, which all happen inside the training rows
// (nested validation). The same rows score the health score and a "days since last active" baseline, each turned
// into a probability by a calibration fitted on the training side only. Folds come from each account's stable key
// and a seed, and the evaluation is repeated over several seeds so a user can see how far a figure moves by chance.

export type { Figures } from './prediction-figures.js';
export { figures } from './prediction-figures.js';

export interface EvaluationReport {
  method: 'cross-validation' | 'backtest';
  horizonDays: number;
  churnMeans: string;
  asOfDates: string[];
  /** Backtest: the dates tested (each trained on dates whose horizon had passed by then). */
  testedDates: string[];
  /** Backtest: outcomes are known up to this day: the last day with data, or the one asked for. */
  until: string;
  untilFrom: 'data' | 'option' | 'today';
  folds: number | null;
  n: number;
  positives: number;
  /** The figures of the first seed. */
  model: Figures;
  healthScore: Figures;
  daysSinceLastActive: Figures;
  /** Which estimator won the validation inside each training run (first seed). */
  chosen: { logistic: number; boosting: number };
  /** The model's figures over every seed: differences smaller than this range are noise. */
  seeds: { seeds: number[]; rocAuc: Spread | null; prAuc: Spread | null; brier: Spread | null };
  /** ROC curves of the first seed, each ranked as its ROC-AUC is (the baselines by their own score). */
  roc: { model: RocPoint[]; healthScore: RocPoint[]; daysSinceLastActive: RocPoint[] };
}

export interface LabelledSnapshot extends TrainingData {
  foldKeys: string[];
}

/** Accounts' stable keys for fold draws: the external id, else the name (the id would change with a re-import). */
async function foldKeys(db: Executor, accountIds: string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string; key: string }>`
    select id, coalesce(external_id, 'name:' || name) as key from accounts where id = any(${accountIds}::uuid[])`.execute(
    db,
  );
  const byId = new Map(rows.map((r) => [r.id, r.key]));
  return accountIds.map((id) => byId.get(id) ?? id);
}

/** The accounts of a snapshot whose outcome is known by `until`, with their labels and stable fold keys. */
export async function labelledSnapshot(
  db: Executor,
  asOf: string,
  horizonDays: number,
  definition: ChurnDefinition,
  until: string,
): Promise<LabelledSnapshot> {
  const outcomes = await churnOutcomes(db, asOf, horizonDays, definition, until);
  const known = [...outcomes].filter(([, label]) => label !== null).map(([id]) => id);
  if (known.length === 0) {
    return { snapshot: { asOf, accountIds: [], columns: [] }, labels: new Uint8Array(0), foldKeys: [] };
  }
  const snapshot = await buildFeatureSnapshot(db, asOf, known);
  return {
    snapshot,
    labels: Uint8Array.from(snapshot.accountIds, (id) => outcomes.get(id) ?? 0),
    foldKeys: await foldKeys(db, snapshot.accountIds),
  };
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

/** Train on one side (the whole procedure, validation inside), predict the other: the model and both baselines. */
function trainAndPredict(train: TrainingData, test: TrainingData, seed: number) {
  const model = trainChurnModel(train, { seed, holdOut: false });
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

/** Every tested row's predictions, gathered over folds or dates. */
export interface Collected {
  model: number[];
  healthScore: number[];
  daysSinceLastActive: number[];
  raw: { healthScore: number[]; daysSinceLastActive: number[] };
  labels: number[];
  chosen: { logistic: number; boosting: number };
  tested: string[];
}

const collected = (): Collected => ({
  model: [],
  healthScore: [],
  daysSinceLastActive: [],
  raw: { healthScore: [], daysSinceLastActive: [] },
  labels: [],
  chosen: { logistic: 0, boosting: 0 },
  tested: [],
});

function collect(out: Collected, test: TrainingData, predicted: ReturnType<typeof trainAndPredict>): void {
  out.chosen[predicted.kind]++;
  out.model.push(...predicted.model);
  out.healthScore.push(...predicted.healthScore);
  out.daysSinceLastActive.push(...predicted.daysSinceLastActive);
  out.raw.healthScore.push(...baselines.healthScore(test.snapshot));
  out.raw.daysSinceLastActive.push(...baselines.daysSinceLastActive(test.snapshot));
  out.labels.push(...test.labels);
}

function side(data: LabelledSnapshot, rows: number[]): LabelledSnapshot {
  return {
    snapshot: selectRows(data.snapshot, rows),
    labels: Uint8Array.from(rows, (i) => data.labels[i] ?? 0),
    foldKeys: rows.map((i) => data.foldKeys[i] as string),
  };
}

/**
 * Nested cross-validation by account: each outer fold (drawn from the accounts' stable keys and the seed) is
 * predicted by the whole training procedure run on the other folds. Pure: the figures depend on the data and the
 * seed only.
 */
export function crossValidateChurn(data: LabelledSnapshot, options: { folds: number; seed: number }): Collected {
  const fold = Array.from(assignFolds(data.foldKeys, data.labels, options.folds, options.seed, 'outer'));
  const out = collected();
  for (let k = 0; k < options.folds; k++) {
    const testRows = fold.flatMap((f, i) => (f === k ? [i] : []));
    const trainRows = fold.flatMap((f, i) => (f !== k ? [i] : []));
    if (testRows.length === 0) continue;
    const test = side(data, testRows);
    collect(out, test, trainAndPredict(side(data, trainRows), test, options.seed));
  }
  return out;
}

const seedList = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

function report(
  base: Pick<EvaluationReport, 'method' | 'horizonDays' | 'churnMeans' | 'asOfDates' | 'folds' | 'until' | 'untilFrom'>,
  runs: Collected[],
  seeds: number[],
): EvaluationReport {
  const first = runs[0] as Collected;
  const y = Uint8Array.from(first.labels);
  const perSeed = runs.map((run) => figures(run.model, Uint8Array.from(run.labels)));
  return {
    ...base,
    testedDates: base.method === 'backtest' ? first.tested : base.asOfDates,
    n: y.length,
    positives: y.reduce((s, v) => s + v, 0),
    model: perSeed[0] as Figures,
    healthScore: figures(first.healthScore, y, first.raw.healthScore),
    daysSinceLastActive: figures(first.daysSinceLastActive, y, first.raw.daysSinceLastActive),
    chosen: first.chosen,
    seeds: {
      seeds,
      rocAuc: spread(perSeed.map((f) => f.rocAuc)),
      prAuc: spread(perSeed.map((f) => f.prAuc)),
      brier: spread(perSeed.map((f) => f.brier)),
    },
    roc: {
      model: rocCurve(first.model, y),
      healthScore: rocCurve(first.raw.healthScore, y),
      daysSinceLastActive: rocCurve(first.raw.daysSinceLastActive, y),
    },
  };
}

/** Cross-validation by account at one as-of date, repeated over `seeds` fold draws (default 5). */
export async function evaluateChurn(
  db: Executor,
  options: {
    asOf: string;
    horizonDays: number;
    folds: number;
    definition: ChurnDefinition;
    today?: string;
    seeds?: number;
  },
): Promise<EvaluationReport> {
  // Outcomes are known up to the last day with data (an export that ended in the past says nothing after it).
  const last = options.today ? null : await lastDayWithData(db);
  const until = options.today ?? last ?? today();
  const data = await labelledSnapshot(db, options.asOf, options.horizonDays, options.definition, until);
  if (data.labels.length === 0) {
    throw new Error(
      `no account could churn after ${options.asOf} with a known outcome: the ${options.horizonDays}-day horizon must have passed by ${until} (${options.today ? 'the day given' : 'the last day with data'}), and accounts must be live then`,
    );
  }
  const seeds = seedList(options.seeds ?? 5);
  const runs = seeds.map((seed) => crossValidateChurn(data, { folds: options.folds, seed }));
  return report(
    {
      method: 'cross-validation',
      horizonDays: options.horizonDays,
      churnMeans: describeDefinition(options.definition, options.horizonDays),
      asOfDates: [options.asOf],
      folds: options.folds,
      until,
      untilFrom: options.today ? 'option' : last ? 'data' : 'today',
    },
    runs,
    seeds,
  );
}

/** One replay of the month-ends with one seed: each date predicted by a model trained on the dates known by then. */
/** The earlier month-ends whose labels were known on the test date: their horizon ended by then. */
const historyBefore = (data: LabelledSnapshot[], test: LabelledSnapshot, horizonDays: number) =>
  data.filter((d) => addDays(d.snapshot.asOf, horizonDays) < test.snapshot.asOf);

function replay(
  data: LabelledSnapshot[],
  horizonDays: number,
  minTrainingDates: number,
  seed: number,
  trained: () => void = () => {},
): Collected {
  const out = collected();
  for (const test of data) {
    const history = historyBefore(data, test, horizonDays);
    if (history.length < minTrainingDates) continue;
    const train: TrainingData = {
      snapshot: stackSnapshots(history.map((d) => d.snapshot)),
      labels: Uint8Array.from(history.flatMap((d) => [...d.labels])),
      foldKeys: history.flatMap((d) => d.foldKeys),
    };
    let predicted: ReturnType<typeof trainAndPredict>;
    try {
      predicted = trainAndPredict(train, test, seed);
    } catch (error) {
      // Too little history yet (no churner in it): the next date has more.
      if (!/too little history/.test((error as Error).message)) throw error;
      continue;
    } finally {
      trained();
    }
    collect(out, test, predicted);
    out.tested.push(test.snapshot.asOf);
  }
  return out;
}

/** What a churn backtest reads from the database: each month-end's labelled accounts, and the span it covers. */
export interface BacktestData {
  until: string;
  untilFrom: 'option' | 'data';
  dates: string[];
  data: LabelledSnapshot[];
}

export async function collectBacktestData(
  db: Executor,
  options: { horizonDays: number; definition: ChurnDefinition; until?: string; months?: number },
): Promise<BacktestData> {
  const lastDay = options.until ?? (await lastDayWithData(db));
  if (lastDay === null) {
    throw new Error(
      'nothing to backtest: no usage, subscriptions, notes, survey answers or tickets are recorded (import or generate data first)',
    );
  }
  const until = lastDay;
  const dates = backtestDates(until, options.horizonDays, options.months ?? 18);
  const data: LabelledSnapshot[] = [];
  for (const asOf of dates) {
    const snapshot = await labelledSnapshot(db, asOf, options.horizonDays, options.definition, until);
    if (snapshot.labels.length > 0) data.push(snapshot);
  }
  return { until, untilFrom: options.until ? 'option' : 'data', dates, data };
}

/** Too little history to test one month-end on: a fact about the data, not a fault. */
export const NOT_ENOUGH_HISTORY = /^not enough history to backtest/;

/**
 * The backtest over collected data, pure (a worker thread can run it): the figures depend on the data and the seeds
 * only.
 */
export function backtestChurnOn(
  collected: BacktestData,
  options: { horizonDays: number; definition: ChurnDefinition; minTrainingDates?: number; seeds?: number },
  /** Told after each model trained: how many of how many. */
  onProgress: (done: number, total: number) => void = () => {},
): EvaluationReport {
  const { until, dates, data } = collected;
  const minTrainingDates = options.minTrainingDates ?? 3;
  const seeds = seedList(options.seeds ?? 5);
  const perSeed = data.filter((test) => historyBefore(data, test, options.horizonDays).length >= minTrainingDates);
  let done = 0;
  const trained = () => onProgress(++done, perSeed.length * seeds.length);
  const first = replay(data, options.horizonDays, minTrainingDates, seeds[0] as number, trained);
  if (first.tested.length === 0) {
    const span = dates.length > 0 ? `${dates[0]} … ${dates.at(-1)}` : 'none';
    throw new Error(
      `not enough history to backtest up to ${until} (${collected.untilFrom === 'option' ? '--until' : 'the last day with data'}): month-ends whose ${options.horizonDays}-day outcome is known by then: ${span}, ${data.length} with accounts that could churn; need at least ${minTrainingDates} of them with churners before a tested one (try a shorter --horizon or more --months)`,
    );
  }
  const runs = [
    first,
    ...seeds.slice(1).map((seed) => replay(data, options.horizonDays, minTrainingDates, seed, trained)),
  ];
  return report(
    {
      method: 'backtest',
      horizonDays: options.horizonDays,
      churnMeans: describeDefinition(options.definition, options.horizonDays),
      asOfDates: data.map((d) => d.snapshot.asOf),
      folds: null,
      until,
      untilFrom: collected.untilFrom,
    },
    runs,
    seeds,
  );
}

/**
 * Rolling time splits over the data's own calendar: the month-ends up to `until` (the last day with data unless
 * given) less the horizon; for each, a model trained only on earlier month-ends whose horizon had already passed by
 * then (so no label from the future) predicts the accounts of that day.
 */
export async function backtestChurn(
  db: Executor,
  options: {
    horizonDays: number;
    definition: ChurnDefinition;
    /** The last day whose data counts; default the last day with data. */
    until?: string;
    months?: number;
    minTrainingDates?: number;
    seeds?: number;
  },
): Promise<EvaluationReport> {
  return backtestChurnOn(await collectBacktestData(db, options), options);
}

/** The report as a terminal reads it: the three side by side, the seed spread, then the model's calibration. */
export function formatReport(r: EvaluationReport): string {
  const f = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));
  const row = (label: string, pick: (x: Figures) => number | null, digits = 3) =>
    `${label.padEnd(22)}${f(pick(r.model), digits).padStart(10)}${f(pick(r.healthScore), digits).padStart(15)}${f(pick(r.daysSinceLastActive), digits).padStart(20)}`;
  const range = (label: string, s: Spread | null, digits = 3) =>
    s ? `  ${label} median ${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : '';
  const lines = [
    r.method === 'backtest'
      ? `Churn backtest: ${r.testedDates.length} month-ends tested (${r.testedDates[0]} … ${r.testedDates.at(-1)}), each by a model trained on earlier ones`
      : `Churn cross-validation as of ${r.asOfDates[0]}: ${r.folds} folds by account, model chosen and calibrated inside each`,
    `${r.method === 'backtest' ? `Data span: month-ends ${r.asOfDates[0]} … ${r.asOfDates.at(-1)}, outcomes` : 'Outcomes'} known up to ${r.until} (${{ option: 'as asked', data: 'the last day with data', today: 'today' }[r.untilFrom]})`,
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
    ...(r.seeds.seeds.length > 1
      ? [
          `The model over ${r.seeds.seeds.length} seeds (fold draws and tree sampling; the table shows seed ${r.seeds.seeds[0]}) — differences within these ranges are noise:`,
          range('ROC-AUC', r.seeds.rocAuc),
          range('PR-AUC ', r.seeds.prAuc),
          range('Brier  ', r.seeds.brier, 4),
          '',
        ]
      : []),
    'Calibration of the model (equal-size bins by predicted risk):',
    `${'rows'.padStart(8)}${'predicted'.padStart(12)}${'observed'.padStart(12)}`,
    ...r.model.calibration.map(
      (b) =>
        `${String(b.n).padStart(8)}${`${(b.meanPredicted * 100).toFixed(1)}%`.padStart(12)}${`${(b.observedRate * 100).toFixed(1)}%`.padStart(12)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
