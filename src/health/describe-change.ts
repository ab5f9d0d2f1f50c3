import type { MeasureChange } from './scorecard-math.js';

// Measure values and changes in the words a CSM reads: "Licence utilisation 82% → 41%: −12 points".

const PERCENT = new Set([
  'usage.licence_utilisation',
  'usage.stickiness',
  'usage.breadth',
  'usage.trend_30d',
  'usage.events_vs_baseline',
  'usage.probability_alive',
  'billing.mrr_change_90d',
]);
const DAYS = new Set([
  'usage.days_since_last_active',
  'onboarding.days_to_magic_moment',
  'engagement.days_since_last_touch',
  'billing.days_to_renewal',
]);
const YES_NO = new Set([
  'relationship.champion_active',
  'relationship.sponsor_active',
  'onboarding.magic_moment_reached',
  'billing.renewal_with_falling_usage',
]);

export function formatMeasureValue(measure: string, value: number | null): string {
  if (value === null) return 'no data';
  if (PERCENT.has(measure)) return `${Math.round(value * 100)}%`;
  if (DAYS.has(measure)) return `${value} day${value === 1 ? '' : 's'}`;
  if (YES_NO.has(measure)) return value >= 0.5 ? 'yes' : 'no';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function describeChange(change: MeasureChange): string {
  const points = Math.round(change.points * 10) / 10;
  const signed = points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '±0';
  return `${change.label} ${formatMeasureValue(change.measure, change.from)} → ${formatMeasureValue(change.measure, change.to)}: ${signed} points`;
}
