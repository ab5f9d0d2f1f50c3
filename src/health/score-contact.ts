import type { Color, Thresholds } from './scorecard.schema.js';
import { colorFor } from './scorecard-math.js';

// A person's own engagement: the champion going quiet is a signal even while the account's total usage holds.

export interface ContactActivity {
  active: boolean;
  /** Days since the person last used the product; null if never (within a year). */
  daysSinceActive: number | null;
  /** Days with any use in the last 30. */
  activeDays30: number;
  latestNps: number | null;
}

export interface ContactHealth {
  score: number | null;
  color: Color | null;
  reasons: string[];
}

const thresholds: Thresholds = { red: 40, yellow: 70 };

function recencyScore(days: number | null): number {
  if (days === null) return 0;
  if (days < 7) return 100;
  if (days < 14) return 60;
  if (days < 30) return 30;
  return 0;
}

/** Recency (weight 3), habit — active days of the last 30, 15 or more is full marks (2), own NPS when given (1). */
export function scoreContact(activity: ContactActivity): ContactHealth {
  if (!activity.active) return { score: null, color: null, reasons: ['no longer active at the account'] };
  const parts: [number, number][] = [
    [3, recencyScore(activity.daysSinceActive)],
    [2, Math.min(100, (activity.activeDays30 / 15) * 100)],
  ];
  if (activity.latestNps !== null) parts.push([1, activity.latestNps * 10]);
  const weight = parts.reduce((sum, [w]) => sum + w, 0);
  const score = Math.round((parts.reduce((sum, [w, s]) => sum + w * s, 0) / weight) * 100) / 100;
  const reasons: string[] = [];
  if (activity.daysSinceActive === null) reasons.push('has not used the product');
  else if (activity.daysSinceActive >= 7) reasons.push(`no use for ${activity.daysSinceActive} days`);
  reasons.push(`active on ${activity.activeDays30} of the last 30 days`);
  if (activity.latestNps !== null) reasons.push(`NPS ${activity.latestNps}`);
  return { score, color: colorFor(score, thresholds), reasons };
}
