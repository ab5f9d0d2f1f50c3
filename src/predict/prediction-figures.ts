import {
  brierScore,
  type CalibrationBin,
  calibrationTable,
  liftAtTopDecile,
  prAuc,
  rocAuc,
} from '../stats/classification-metrics.js';

// The figures Pacer prints about a churn predictor, always measured on rows that played no part in fitting it.

export interface Figures {
  n: number;
  positives: number;
  rocAuc: number | null;
  prAuc: number | null;
  brier: number | null;
  liftTopDecile: number | null;
  calibration: CalibrationBin[];
}

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

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median and range of a figure over runs (seeds): how far it moves for reasons that are not the data. */
export function spread(values: (number | null)[]): Spread | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = known.length >> 1;
  const median = known.length % 2 ? (known[mid] as number) : ((known[mid - 1] as number) + (known[mid] as number)) / 2;
  return { median, min: known[0] as number, max: known.at(-1) as number };
}
