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
import { type Figures, figures } from './prediction-figures.js';

// Training a churn model is one procedure, the same wherever it runs (training, evaluation folds, backtest dates):
// - the accounts are split into folds by a stable key (the external id, else the name) and a seed, so one data set
//   imported twice splits the same way; one account's rows at several dates stay on one side;
// - on each fold both candidates (a regularised logistic regression at several penalties, and gradient-boosted
//   trees that stop early on a fifth of the *training* accounts) are fitted on the other folds and score the fold;
// - the candidate with the better out-of-fold ROC-AUC is chosen, and Platt scaling is fitted on its out-of-fold
//   scores: cross-fitted scores of the very procedure the final model is fitted with (scikit-learn's
//   CalibratedClassifierCV with ensemble=False), then the final model is refitted on every row the same way.
// The figures that chose the model flatter it (it won on them), so `trainChurnModel` also keeps a fifth of the
// accounts out of all of that and measures the model on them: those are the figures to show. Pure and plain data in,
// plain data out: it runs in a worker thread.

export type Estimator = { kind: 'logistic'; model: LogisticModel } | { kind: 'boosting'; model: GradientBoostingModel };

export interface ChurnModel {
  encoding: FeatureEncoding;
  estimator: Estimator;
  calibration: Calibration;
  validation: {
    /**
     * Cross-validated ROC-AUC of each candidate on the training accounts: what chose the model. The winner won on
     * these rows, so its figure flatters it; `heldOut` does not.
     */
    logistic: { auc: number | null };
    boosting: { auc: number | null };
    rows: number;
    positives: number;
    folds: number;
    /**
     * Figures of the whole procedure on accounts it never saw (not in fitting, early stopping, the choice or the
     * calibration); null when too few were left to learn from without them, or when the caller holds out its own.
     */
    heldOut: Figures | null;
    /**
     * `model`: the figures are this model's own (large data: it was fitted without those accounts). `procedure`:
     * they are of a model fitted the same way without them; this one then learned from every account.
     */
    heldOutOf: 'model' | 'procedure' | null;
    seed: number;
  };
  training: { rows: number; positives: number };
}

export interface TrainingData {
  snapshot: FeatureSnapshot;
  labels: Uint8Array;
  /**
   * Per row, the account's stable key (its external id, else its name): folds are drawn from it, so the same data
   * imported twice (new ids) gives the same folds and the same figures. The account ids when not given.
   */
  foldKeys?: string[];
}

export interface TrainingOptions {
  /** Seed of the fold draws and the trees' sampling: another seed shows how much figures move by chance. Default 1. */
  seed?: number;
  /** Keep a fifth of the accounts out of everything to measure the model on. Default true; evaluations that hold out their own rows turn it off. */
  holdOut?: boolean;
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

/** Where an account falls for one use of the split (`fold`, `stop`, `test`) under a seed: independent across uses. */
export function foldBucket(key: string, seed: number, use: string): number {
  return accountBucket(`${use}:${seed}:${key}`);
}

/**
 * Each row's fold in [0, folds), by account (all rows of one key share a fold) and stratified: the accounts that
 * ever churned, then the others, each in the order of their bucket for this seed and use, are dealt round the folds
 * in turn. Stratifying matters beyond tidiness: when folds differ in churn rate, each fold's model leans the opposite
 * way to its test rows, and pooled out-of-fold scores then rank *worse* than chance on data with no signal
 * (Parker, Günter & Bedo 2007; Airola et al. 2011).
 */
export function assignFolds(keys: string[], labels: Uint8Array, folds: number, seed: number, use: string): Int32Array {
  const churned = new Map<string, boolean>();
  keys.forEach((key, i) => {
    churned.set(key, (churned.get(key) ?? false) || labels[i] === 1);
  });
  const foldOfKey = new Map<string, number>();
  for (const group of [true, false]) {
    const members = [...churned]
      .filter(([, c]) => c === group)
      .map(([key]) => ({ key, b: foldBucket(key, seed, use) }));
    members.sort((a, b) => a.b - b.b || (a.key < b.key ? -1 : 1));
    // Start each group where the other left off, so fold sizes stay within one account of each other.
    const offset = group ? 0 : foldOfKey.size % folds;
    members.forEach(({ key }, rank) => {
      foldOfKey.set(key, (rank + offset) % folds);
    });
  }
  return Int32Array.from(keys, (key) => foldOfKey.get(key) as number);
}

const pick = (labels: Uint8Array, rows: number[]) => Uint8Array.from(rows, (i) => labels[i] ?? 0);
const pick64 = (values: Float64Array, rows: number[]) => Float64Array.from(rows, (i) => values[i] ?? 0);
const LOGISTIC_L2 = [0.1, 1, 10, 100];
/**
 * Boosting settings for churn data: shallow trees (three-way interactions at most) learning slowly, with early
 * stopping deciding how many; on large data a faster rate keeps training within seconds.
 */
const boostingSettings = (rows: number) =>
  rows > 20_000
    ? { learningRate: 0.1, trees: 200, maxDepth: 3, colsample: 0.8, earlyStoppingRounds: 30 }
    : { learningRate: 0.03, trees: 500, maxDepth: 3, colsample: 0.8, earlyStoppingRounds: 50 };

/** Raw scores (log-odds for trees, probabilities for the regression) before calibration. */
function rawProbabilities(estimator: Estimator, x: Matrix): Float64Array {
  return estimator.kind === 'logistic'
    ? predictLogistic(estimator.model, x)
    : predictGradientBoosting(estimator.model, x);
}

/** Below this many churned rows a held-out fifth has too few churners to judge or calibrate on: cross-validate. */
const FEW_CHURNERS = 200;
const CV_FOLDS = 5;
const LARGE = 20_000;

interface Keyed {
  snapshot: FeatureSnapshot;
  labels: Uint8Array;
  keys: string[];
}

function subset(data: Keyed, rows: number[]): Keyed {
  return {
    snapshot: selectRows(data.snapshot, rows),
    labels: pick(data.labels, rows),
    keys: rows.map((i) => data.keys[i] as string),
  };
}

function checkEnough(labels: Uint8Array): void {
  const n = labels.length;
  const positives = labels.reduce((s, v) => s + v, 0);
  if (n < 20 || positives < 3 || positives > n - 3) {
    throw new Error(
      `too little history to learn from: ${n} account-dates with ${positives} churned (need at least 20, and at least 3 that churned and 3 that stayed)`,
    );
  }
}

/**
 * Gradient boosting that stops early on a fifth of its own training accounts: the rows that later judge it (a
 * fold, a test set) never steer how many trees it keeps.
 */
function fitStoppedBoosting(encoding: FeatureEncoding, data: Keyed, seed: number, sizeOf: number): Estimator {
  const fitRows: number[] = [];
  const stopRows: number[] = [];
  assignFolds(data.keys, data.labels, 5, seed, 'stop').forEach((fold, i) => {
    (fold === 0 ? stopRows : fitRows).push(i);
  });
  const settings = { ...boostingSettings(sizeOf), seed };
  // Early stopping needs both outcomes on each side; with only a handful of churners one side can lack them.
  const both = (rows: number[]) => {
    const positives = rows.reduce((n, i) => n + (data.labels[i] ?? 0), 0);
    return positives > 0 && positives < rows.length;
  };
  if (!both(stopRows) || !both(fitRows)) {
    return { kind: 'boosting', model: fitGradientBoosting(encode(encoding, data.snapshot), data.labels, settings) };
  }
  const fit = subset(data, fitRows);
  const stop = subset(data, stopRows);
  const model = fitGradientBoosting(encode(encoding, fit.snapshot), fit.labels, {
    ...settings,
    validation: { x: encode(encoding, stop.snapshot), y: stop.labels },
  });
  return { kind: 'boosting', model };
}

function fitCandidate(key: string, encoding: FeatureEncoding, data: Keyed, seed: number, sizeOf: number): Estimator {
  if (key === 'boosting') return fitStoppedBoosting(encoding, data, seed, sizeOf);
  const l2 = Number(key.slice('logistic:'.length));
  return { kind: 'logistic', model: fitLogisticRegression(encode(encoding, data.snapshot), data.labels, { l2 }) };
}

type Fitted = Omit<ChurnModel, 'validation' | 'training'> & {
  selection: Omit<ChurnModel['validation'], 'heldOut' | 'heldOutOf' | 'seed'>;
};

/** The procedure: candidates judged out of fold, the better one chosen and calibrated on its own out-of-fold scores. */
function fitProcedure(data: Keyed, seed: number): Fitted {
  checkEnough(data.labels);
  const n = data.labels.length;
  const positives = data.labels.reduce((s, v) => s + v, 0);
  const large = n > LARGE;
  // Few churners: every account is held out once (5 folds by account), and the choice and the calibration use all
  // of those out-of-fold scores. Otherwise one held-out fifth of the accounts is enough, and much cheaper.
  const crossValidate = positives < FEW_CHURNERS && !large;
  const folds = crossValidate ? CV_FOLDS : 1;
  // One held-out fifth is fold 0 of five; the other four are only ever trained on (-1).
  const foldOf = Array.from(assignFolds(data.keys, data.labels, CV_FOLDS, seed, 'fold'), (f) =>
    crossValidate || f === 0 ? f : -1,
  );
  // With many rows the penalty hardly matters and every fit costs seconds: try the middle one only.
  const candidates = [...(large ? [1] : LOGISTIC_L2).map((l2) => `logistic:${l2}`), 'boosting'];
  const outOfFold = new Map(candidates.map((key) => [key, new Float64Array(n)]));
  let lastFold: { encoding: FeatureEncoding; estimators: Map<string, Estimator> } | null = null;
  for (let fold = 0; fold < folds; fold++) {
    const trainRows: number[] = [];
    const validRows: number[] = [];
    foldOf.forEach((f, i) => {
      (f === fold ? validRows : trainRows).push(i);
    });
    if (validRows.length === 0 || trainRows.length === 0) continue;
    const train = subset(data, trainRows);
    const encoding = fitEncoding(train.snapshot);
    const xValid = encode(encoding, selectRows(data.snapshot, validRows));
    const estimators = new Map<string, Estimator>();
    for (const key of candidates) {
      const estimator = fitCandidate(key, encoding, train, seed, n);
      estimators.set(key, estimator);
      const scores = rawProbabilities(estimator, xValid);
      const out = outOfFold.get(key) as Float64Array;
      validRows.forEach((row, i) => {
        out[row] = scores[i] as number;
      });
    }
    lastFold = { encoding, estimators };
  }
  const validated = foldOf.flatMap((f, i) => (f >= 0 ? [i] : []));
  const yValidated = pick(data.labels, validated);
  const aucOf = (key: string) => rocAuc(pick64(outOfFold.get(key) as Float64Array, validated), yValidated);
  let bestLogistic = { auc: null as number | null, key: 'logistic:1' };
  for (const key of candidates.filter((c) => c !== 'boosting')) {
    const auc = aucOf(key);
    if (bestLogistic.auc === null || (auc ?? 0.5) > bestLogistic.auc) bestLogistic = { auc: auc ?? 0.5, key };
  }
  const boostingAuc = aucOf('boosting');
  // Prefer the simpler, more explainable regression unless the trees are clearly better.
  const useTrees = (boostingAuc ?? 0.5) > (bestLogistic.auc ?? 0.5) + 0.005;
  const chosenKey = useTrees ? 'boosting' : bestLogistic.key;
  const calibration = rankingCalibration(pick64(outOfFold.get(chosenKey) as Float64Array, validated), yValidated);
  const selection = {
    logistic: { auc: bestLogistic.auc },
    boosting: { auc: boostingAuc },
    rows: validated.length,
    positives: yValidated.reduce((s, v) => s + v, 0),
    folds,
  };
  // One held-out fifth (large data): the model that scored it is the model, exactly the one calibrated. Otherwise
  // refit on every row with the same procedure the out-of-fold scores came from.
  if (!crossValidate && lastFold) {
    return {
      encoding: lastFold.encoding,
      estimator: lastFold.estimators.get(chosenKey) as Estimator,
      calibration,
      selection,
    };
  }
  const encoding = fitEncoding(data.snapshot);
  return { encoding, estimator: fitCandidate(chosenKey, encoding, data, seed, n), calibration, selection };
}

/**
 * Platt scaling that may flatten the scores but never turn them round: out-of-fold scores that rank backwards say
 * the model learned nothing that holds (on data without signal that happens half the time), not that its opposite
 * is right. Then every account gets the base rate.
 */
function rankingCalibration(scores: Float64Array, y: Uint8Array): Calibration {
  const platt = fitCalibration(scores, y, 'platt');
  if (platt.method !== 'platt' || platt.a >= 0) return platt;
  const rate = y.reduce((s, v) => s + v, 0) / y.length;
  return { method: 'platt', a: 0, b: Math.log(rate / (1 - rate)) };
}

function predictFitted(model: Pick<ChurnModel, 'encoding' | 'estimator' | 'calibration'>, snapshot: FeatureSnapshot) {
  return applyCalibration(model.calibration, rawProbabilities(model.estimator, encode(model.encoding, snapshot)));
}

export function trainChurnModel(data: TrainingData, options: TrainingOptions = {}): ChurnModel {
  const seed = options.seed ?? 1;
  const keys = data.foldKeys ?? data.snapshot.accountIds;
  if (keys.length !== data.labels.length) throw new Error(`${keys.length} fold keys for ${data.labels.length} rows`);
  checkEnough(data.labels);
  // Rows in the order of their stable keys (an account's dates kept in order): the trees' row draws and every sum
  // then see the same data the same way, however the database happened to return it.
  const byKey = (a: number, b: number) => {
    const ka = keys[a] as string;
    const kb = keys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  };
  const order = keys.map((_, i) => i).sort(byKey);
  const all = subset({ snapshot: data.snapshot, labels: data.labels, keys }, order);
  const n = all.labels.length;
  let heldOut: Figures | null = null;
  let final: Fitted | null = null;
  let fittedOn = all;
  let heldOutOf: 'model' | 'procedure' | null = null;
  if (options.holdOut !== false) {
    const testRows: number[] = [];
    const restRows: number[] = [];
    assignFolds(all.keys, all.labels, 5, seed, 'test').forEach((fold, i) => {
      (fold === 0 ? testRows : restRows).push(i);
    });
    const test = subset(all, testRows);
    const rest = subset(all, restRows);
    try {
      const fitted = fitProcedure(rest, seed);
      heldOut = figures(predictFitted(fitted, test.snapshot), test.labels);
      heldOutOf = 'procedure';
      // Large data: four fifths are plenty, and the figures are then those of the very model kept.
      if (n > LARGE) {
        final = fitted;
        fittedOn = rest;
        heldOutOf = 'model';
      }
    } catch (error) {
      // Too few left without the held-out fifth: the model is still trained on everything, unmeasured.
      if (!/too little history/.test((error as Error).message)) throw error;
    }
  }
  final ??= fitProcedure(all, seed);
  const { selection, ...model } = final;
  return {
    ...model,
    validation: { ...selection, heldOut, heldOutOf, seed },
    training: { rows: fittedOn.labels.length, positives: fittedOn.labels.reduce((s, v) => s + v, 0) },
  };
}

/** Calibrated churn probabilities for the snapshot's rows. */
export function predictChurn(model: ChurnModel, snapshot: FeatureSnapshot): Float64Array {
  return predictFitted(model, snapshot);
}

export interface Reason {
  feature: string;
  /** The value in words: "no activity for 21 days". */
  text: string;
  /** How much it moves the churn probability, in percentage points (positive raises the risk). */
  points: number;
  /** The feature's value, so a reader can word it in their own language (text is English). */
  value?: number | string | null;
  /** The currency of a money feature's value (billing.mrr, in minor units); null otherwise. */
  currency?: string | null;
  /** Whether it raises or lowers the risk (the list it is in says the same). */
  direction?: 'raising' | 'lowering';
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
      const value = valuesOf[s]?.[row] ?? null;
      return {
        feature,
        text: describeFeature(feature, value, snapshot.currency),
        points,
        value: typeof value === 'number' && !Number.isFinite(value) ? null : value,
        currency: feature === 'billing.mrr' ? (snapshot.currency ?? null) : null,
        direction: points > 0 ? 'raising' : 'lowering',
      };
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
