import { rocAuc } from './evaluation-metrics.js';
import { encode, type FeatureEncoding, fitEncoding } from './feature-encoding.js';
import { type FeatureSnapshot, selectRows } from './feature-snapshot.js';
import { describeFeature } from './feature-words.js';
import { applyCalibration, type Calibration, fitCalibration } from './models/calibration.js';
import {
  fitGradientBoosting,
  type GradientBoostingModel,
  gradientBoostingContributions,
  predictGradientBoosting,
} from './models/gradient-boosting.js';
import {
  fitLogisticRegression,
  type LogisticModel,
  logisticContributions,
  predictLogistic,
} from './models/logistic-regression.js';
import type { Matrix } from './models/matrix.js';

// Training a churn model: both candidates (a regularised logistic regression and gradient-boosted trees) are fitted
// on 80% of the accounts and judged on the other 20% (split by account, so one account's rows at several dates stay
// on one side); the better one by ROC-AUC is calibrated on that 20% (Platt scaling), then, on small data, refitted
// on every row with the settings that won. Pure and plain data in, plain data out: it runs in a worker thread.

export type Estimator = { kind: 'logistic'; model: LogisticModel } | { kind: 'boosting'; model: GradientBoostingModel };

export interface ChurnModel {
  encoding: FeatureEncoding;
  estimator: Estimator;
  calibration: Calibration;
  /** Validation figures of both candidates, on the held-out 20%. */
  validation: { logistic: { auc: number | null }; boosting: { auc: number | null }; rows: number; positives: number };
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
  return (h >>> 0) / 4294967296;
}

const pick = (labels: Uint8Array, rows: number[]) => Uint8Array.from(rows, (i) => labels[i] ?? 0);
const LOGISTIC_L2 = [0.1, 1, 10];
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

export function trainChurnModel(data: TrainingData): ChurnModel {
  const { snapshot, labels } = data;
  const n = snapshot.accountIds.length;
  const positives = labels.reduce((s, v) => s + v, 0);
  if (n < 20 || positives < 3 || positives > n - 3) {
    throw new Error(
      `too little history to learn from: ${n} account-dates with ${positives} churned (need at least 20, and at least 3 that churned and 3 that stayed)`,
    );
  }
  const trainRows: number[] = [];
  const validRows: number[] = [];
  snapshot.accountIds.forEach((id, i) => {
    (accountBucket(id) < 0.8 ? trainRows : validRows).push(i);
  });
  const trainSnap = selectRows(snapshot, trainRows);
  const validSnap = selectRows(snapshot, validRows);
  const yTrain = pick(labels, trainRows);
  const yValid = pick(labels, validRows);
  const encoding = fitEncoding(trainSnap);
  const xTrain = encode(encoding, trainSnap);
  const xValid = encode(encoding, validSnap);

  // With many rows the penalty hardly matters and every fit costs seconds: try the middle one only.
  const large = n > 20_000;
  let bestLogistic = { auc: -1, l2: 1, estimator: null as Estimator | null };
  for (const l2 of large ? [1] : LOGISTIC_L2) {
    const estimator = fitEstimator('logistic', xTrain, yTrain, { l2 });
    const auc = rocAuc(rawProbabilities(estimator, xValid), yValid) ?? 0.5;
    if (auc > bestLogistic.auc) bestLogistic = { auc, l2, estimator };
  }
  const boosting = {
    kind: 'boosting' as const,
    model: fitGradientBoosting(xTrain, yTrain, { ...boostingSettings(n), validation: { x: xValid, y: yValid } }),
  };
  const boostingAuc = rocAuc(rawProbabilities(boosting, xValid), yValid) ?? 0.5;
  // Prefer the simpler, more explainable regression unless the trees are clearly better.
  const useTrees = boostingAuc > bestLogistic.auc + 0.005;
  const chosen = useTrees ? boosting : (bestLogistic.estimator as Estimator);
  const calibration = fitCalibration(rawProbabilities(chosen, xValid), yValid, 'platt');

  // Refit on every row when the held-out fifth is worth having back (small data); with many rows, 80% is plenty
  // and the model stays exactly the one that was calibrated.
  let final = { encoding, estimator: chosen };
  if (!large) {
    const fullEncoding = fitEncoding(snapshot);
    const xAll = encode(fullEncoding, snapshot);
    final = {
      encoding: fullEncoding,
      estimator: useTrees
        ? fitEstimator('boosting', xAll, labels, { trees: boosting.model.trees.length })
        : fitEstimator('logistic', xAll, labels, { l2: bestLogistic.l2 }),
    };
  }
  return {
    ...final,
    calibration,
    validation: {
      logistic: { auc: bestLogistic.auc },
      boosting: { auc: boostingAuc },
      rows: validRows.length,
      positives: yValid.reduce((s, v) => s + v, 0),
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
