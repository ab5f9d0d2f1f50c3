import { applyCalibration, type Calibration, fitCalibration } from '../stats/calibration.js';
import { rocAuc } from '../stats/classification-metrics.js';
import {
  fitGradientBoosting,
  type GradientBoostingModel,
  gradientBoostingContributions,
  predictGradientBoosting,
} from '../stats/gradient-boosting.js';
import {
  fitLogisticRegression,
  type LogisticModel,
  logisticContributions,
  predictLogistic,
} from '../stats/logistic-regression.js';
import type { Matrix } from '../stats/matrix.js';
import { encode, type FeatureEncoding, fitEncoding } from './feature-encoding.js';
import { type FeatureSnapshot, selectRows } from './feature-snapshot.js';
import { describeFeature } from './feature-words.js';

// Training a churn model: both candidates (a regularised logistic regression and gradient-boosted trees) are fitted
// on 80% of the accounts and judged on the other 20% (split by account, so one account's rows at several dates stay
// on one side) — or, when churners are few, on each fifth in turn so that every account is judged once; the better
// one by ROC-AUC is calibrated on those held-out scores (Platt scaling), then, unless data is large, refitted on
// every row with the settings that won. Pure and plain data in, plain data out: it runs in a worker thread.

export type Estimator = { kind: 'logistic'; model: LogisticModel } | { kind: 'boosting'; model: GradientBoostingModel };

export interface ChurnModel {
  encoding: FeatureEncoding;
  estimator: Estimator;
  calibration: Calibration;
  /** Validation figures of both candidates on held-out accounts: one fifth, or every account once when `folds` > 1. */
  validation: {
    logistic: { auc: number | null };
    boosting: { auc: number | null };
    rows: number;
    positives: number;
    folds: number;
  };
  training: { rows: number; positives: number };
}

export interface TrainingData {
  snapshot: FeatureSnapshot;
  labels: Uint8Array;
}

/** A stable number in [0, 1) from an account id: the same account always falls in the same fold. */
export function accountBucket(accountId: string): number {
  let h = 2166136261;
  for (let i = 0; i < accountId.length; i++) {
    h ^= accountId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  // FNV-1a leaves the last characters poorly mixed into the high bits; finish as MurmurHash3 does.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const pick = (labels: Uint8Array, rows: number[]) => Uint8Array.from(rows, (i) => labels[i] ?? 0);
const pick64 = (values: Float64Array, rows: number[]) => Float64Array.from(rows, (i) => values[i] ?? 0);
const LOGISTIC_L2 = [0.1, 1, 10, 100];
/**
 * Boosting settings for churn data: shallow trees (three-way interactions at most) learning slowly, with early
 * stopping on the held-out accounts deciding how many; on large data a faster rate keeps training within seconds.
 */
const boostingSettings = (rows: number) =>
  rows > 20_000
    ? { learningRate: 0.1, trees: 200, maxDepth: 3, colsample: 0.8, earlyStoppingRounds: 30 }
    : { learningRate: 0.03, trees: 500, maxDepth: 3, colsample: 0.8, earlyStoppingRounds: 50 };

function fitEstimator(kind: Estimator['kind'], x: Matrix, y: Uint8Array, settings: { l2?: number; trees?: number }) {
  if (kind === 'logistic') {
    return { kind, model: fitLogisticRegression(x, y, { l2: settings.l2 ?? 1 }) } as Estimator;
  }
  const boosting = { ...boostingSettings(x.rows), ...(settings.trees !== undefined ? { trees: settings.trees } : {}) };
  return { kind, model: fitGradientBoosting(x, y, boosting) } as Estimator;
}

/** Raw scores (log-odds for trees, probabilities for the regression) before calibration. */
function rawProbabilities(estimator: Estimator, x: Matrix): Float64Array {
  return estimator.kind === 'logistic'
    ? predictLogistic(estimator.model, x)
    : predictGradientBoosting(estimator.model, x);
}

/** Below this many churned rows a held-out fifth has too few churners to judge or calibrate on: cross-validate. */
const FEW_CHURNERS = 200;
const CV_FOLDS = 5;

export function trainChurnModel(data: TrainingData): ChurnModel {
  const { snapshot, labels } = data;
  const n = snapshot.accountIds.length;
  const positives = labels.reduce((s, v) => s + v, 0);
  if (n < 20 || positives < 3 || positives > n - 3) {
    throw new Error(
      `too little history to learn from: ${n} account-dates with ${positives} churned (need at least 20, and at least 3 that churned and 3 that stayed)`,
    );
  }
  const large = n > 20_000;
  // Few churners: every account is held out once (5 folds by account) and the choice and the calibration use all of
  // those held-out scores. Otherwise one held-out fifth of the accounts is enough, and much cheaper.
  const crossValidate = positives < FEW_CHURNERS && !large;
  const folds = crossValidate ? CV_FOLDS : 1;
  const foldOf = snapshot.accountIds.map((id) => {
    const bucket = accountBucket(id);
    return crossValidate ? Math.floor(bucket * CV_FOLDS) : bucket < 0.8 ? -1 : 0;
  });
  // With many rows the penalty hardly matters and every fit costs seconds: try the middle one only.
  const penalties = large ? [1] : LOGISTIC_L2;
  const heldOut = new Map<string, Float64Array>([
    ...penalties.map((l2) => [`logistic:${l2}`, new Float64Array(n)] as const),
    ['boosting', new Float64Array(n)],
  ]);
  const treeCounts: number[] = [];
  let lastFold: { encoding: FeatureEncoding; estimators: Map<string, Estimator> } | null = null;
  for (let fold = 0; fold < folds; fold++) {
    const trainRows: number[] = [];
    const validRows: number[] = [];
    foldOf.forEach((f, i) => {
      (f === fold ? validRows : trainRows).push(i);
    });
    if (validRows.length === 0 || trainRows.length === 0) continue;
    const trainSnap = selectRows(snapshot, trainRows);
    const validSnap = selectRows(snapshot, validRows);
    const yTrain = pick(labels, trainRows);
    const yValid = pick(labels, validRows);
    const encoding = fitEncoding(trainSnap);
    const xTrain = encode(encoding, trainSnap);
    const xValid = encode(encoding, validSnap);
    const estimators = new Map<string, Estimator>();
    for (const l2 of penalties) estimators.set(`logistic:${l2}`, fitEstimator('logistic', xTrain, yTrain, { l2 }));
    const boosting: Estimator = {
      kind: 'boosting',
      model: fitGradientBoosting(xTrain, yTrain, { ...boostingSettings(n), validation: { x: xValid, y: yValid } }),
    };
    treeCounts.push(boosting.model.trees.length);
    estimators.set('boosting', boosting);
    for (const [key, estimator] of estimators) {
      const scores = rawProbabilities(estimator, xValid);
      const out = heldOut.get(key) as Float64Array;
      validRows.forEach((row, i) => {
        out[row] = scores[i] as number;
      });
    }
    lastFold = { encoding, estimators };
  }
  const validated = foldOf.flatMap((f, i) => (f >= 0 ? [i] : []));
  const yValidated = pick(labels, validated);
  const aucOf = (key: string) => rocAuc(pick64(heldOut.get(key) as Float64Array, validated), yValidated) ?? 0.5;
  let bestLogistic = { auc: -1, l2: 1 };
  for (const l2 of penalties) {
    const auc = aucOf(`logistic:${l2}`);
    if (auc > bestLogistic.auc) bestLogistic = { auc, l2 };
  }
  const boostingAuc = aucOf('boosting');
  const trees = Math.round(treeCounts.reduce((s, t) => s + t, 0) / Math.max(1, treeCounts.length));
  // Prefer the simpler, more explainable regression unless the trees are clearly better (and learned something).
  const useTrees = trees > 0 && boostingAuc > bestLogistic.auc + 0.005;
  const chosenKey = useTrees ? 'boosting' : `logistic:${bestLogistic.l2}`;
  const calibration = fitCalibration(pick64(heldOut.get(chosenKey) as Float64Array, validated), yValidated, 'platt');

  // Refit on every row with the settings that won, unless data is large and one held-out fifth was used: then 80%
  // is plenty and the model stays exactly the one that was calibrated.
  let final: { encoding: FeatureEncoding; estimator: Estimator };
  if (large && lastFold) {
    final = { encoding: lastFold.encoding, estimator: lastFold.estimators.get(chosenKey) as Estimator };
  } else {
    const fullEncoding = fitEncoding(snapshot);
    const xAll = encode(fullEncoding, snapshot);
    final = {
      encoding: fullEncoding,
      estimator: useTrees
        ? fitEstimator('boosting', xAll, labels, { trees })
        : fitEstimator('logistic', xAll, labels, { l2: bestLogistic.l2 }),
    };
  }
  return {
    ...final,
    calibration,
    validation: {
      logistic: { auc: bestLogistic.auc },
      boosting: { auc: boostingAuc },
      rows: validated.length,
      positives: yValidated.reduce((s, v) => s + v, 0),
      folds,
    },
    training: { rows: n, positives },
  };
}

/** Calibrated churn probabilities for the snapshot's rows. */
export function predictChurn(model: ChurnModel, snapshot: FeatureSnapshot): Float64Array {
  const x = encode(model.encoding, snapshot);
  return applyCalibration(model.calibration, rawProbabilities(model.estimator, x));
}

export interface Reason {
  feature: string;
  /** The value in words: "no activity for 21 days". */
  text: string;
  /** How much it moves the churn probability, in percentage points (positive raises the risk). */
  points: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));

/**
 * The top factors raising and lowering each account's risk, from the model's own per-feature contributions (in
 * log-odds, summed over a feature's encoded columns: its value, its missing flag, its categories), each given as
 * the points of probability it adds: how far the probability would fall if that factor were at its average.
 * The snapshot is encoded once; each row then costs one contribution pass.
 */
export function churnReasons(
  model: ChurnModel,
  snapshot: FeatureSnapshot,
  probabilities: ArrayLike<number>,
  top = 3,
): { raising: Reason[]; lowering: Reason[] }[] {
  const x = encode(model.encoding, snapshot);
  const sources = [...new Set(model.encoding.columns.map((c) => c.source))];
  const sourceOf = Int32Array.from(model.encoding.columns, (c) => sources.indexOf(c.source));
  const columnValues = new Map(snapshot.columns.map((c) => [c.name, c.values]));
  const valuesOf = sources.map((name) => columnValues.get(name));
  // Contributions are in the model's own log-odds; Platt scaling stretches those by its slope.
  const slope = model.calibration.method === 'platt' ? model.calibration.a : 1;
  const bySource = new Float64Array(sources.length);
  const out: { raising: Reason[]; lowering: Reason[] }[] = [];
  for (let row = 0; row < x.rows; row++) {
    const contributions =
      model.estimator.kind === 'logistic'
        ? logisticContributions(model.estimator.model, x, row)
        : gradientBoostingContributions(model.estimator.model, x, row);
    bySource.fill(0);
    for (let j = 0; j < contributions.length; j++) {
      const s = sourceOf[j] as number;
      bySource[s] = (bySource[s] as number) + (contributions[j] as number);
    }
    const probability = probabilities[row] as number;
    const z = logit(probability);
    const ranked = Array.from(bySource, (c, s) => ({
      s,
      points: Math.round((probability - sigmoid(z - slope * c)) * 1000) / 10,
    }));
    const words = ({ s, points }: { s: number; points: number }): Reason => {
      const feature = sources[s] as string;
      return { feature, text: describeFeature(feature, valuesOf[s]?.[row] ?? null), points };
    };
    out.push({
      raising: ranked
        .filter((r) => r.points > 0)
        .sort((a, b) => b.points - a.points)
        .slice(0, top)
        .map(words),
      lowering: ranked
        .filter((r) => r.points < 0)
        .sort((a, b) => a.points - b.points)
        .slice(0, top)
        .map(words),
    });
  }
  return out;
}
