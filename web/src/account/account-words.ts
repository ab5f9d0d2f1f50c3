import type { TFunction } from 'i18next';
import { formatMoney, formatPercent } from '../i18n/format';
import { i18n } from '../i18n/i18n';

// The sentences Pacer writes, in the reader's language, from the structured parts the API returns: a health change
// (measure, from, to, points) and a churn reason (feature, value, direction). The server's English `text` and
// `sentences` stay the fallback for parts this app does not know.

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

const decimal = (value: number, locale: string, digits = 1) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

export const formatDays = (value: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 0 }).format(
    value,
  );

const signedPercent = (value: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(
    value,
  );

/** A measure's name in the reader's language; the scorecard's own label for a measure this app does not know. */
export function measureLabel(t: TFunction, measure: string, fallback: string): string {
  const labels = t('account.measures', { returnObjects: true }) as Record<string, Record<string, string>>;
  const [area, name] = measure.split('.') as [string, string | undefined];
  return (name !== undefined && labels[area]?.[name]) || fallback;
}

/** A scorecard group's name: the shipped scorecards' groups are translated, a team's own are shown as written. */
export function groupLabel(t: TFunction, name: string): string {
  const groups = t('account.groups', { returnObjects: true }) as Record<string, string>;
  return groups[name] ?? name;
}

/** A measure's value as the reader writes it: "41%", "12 days", "yes", "3.5". */
export function measureValue(t: TFunction, measure: string, value: number | null, locale: string): string {
  if (value === null) return t('account.words.noData');
  if (PERCENT.has(measure)) return formatPercent(value, locale);
  if (DAYS.has(measure)) return formatDays(value, locale);
  if (YES_NO.has(measure)) return value >= 0.5 ? t('account.words.yes') : t('account.words.no');
  return decimal(value, locale);
}

export interface MeasureChangeParts {
  measure: string;
  label: string;
  from: number | null;
  to: number | null;
  points: number;
}

/** "Licence utilisation 82% → 41%: −12 points", in the reader's language. */
export function changeSentence(t: TFunction, change: MeasureChangeParts, locale: string): string {
  const points = Math.round(change.points * 10) / 10;
  return t('account.health.changeSentence', {
    measure: measureLabel(t, change.measure, change.label),
    from: measureValue(t, change.measure, change.from, locale),
    to: measureValue(t, change.measure, change.to, locale),
    points: new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(points),
    count: Math.abs(points),
  });
}

type Format = 'int' | 'decimal' | 'pct' | 'signedPct' | 'trendPct' | 'days' | 'hours';

/** How each churn feature's value is written; the phrase around it is `account.features.<feature>`. */
const FEATURE_FORMAT: Record<string, Format> = {
  'account.employees': 'int',
  'account.days_since_first_seen': 'days',
  'usage.events_7d': 'int',
  'usage.events_30d': 'int',
  'usage.events_90d': 'int',
  'usage.events_trend_7d': 'pct',
  'usage.events_trend_30d': 'trendPct',
  'usage.events_trend_90d': 'trendPct',
  'usage.active_days_7d': 'int',
  'usage.active_days_30d': 'int',
  'usage.active_days_90d': 'int',
  'usage.distinct_events_30d': 'int',
  'usage.active_users_7d': 'int',
  'usage.active_users_90d': 'int',
  'billing.live_subscriptions': 'int',
  'billing.mrr_change_180d': 'signedPct',
  'billing.seats': 'int',
  'billing.tenure_days': 'days',
  'billing.days_to_next_renewal': 'days',
  'billing.contractions': 'int',
  'billing.expansions': 'int',
  'billing.ended_subscriptions': 'int',
  'support.tickets_30d': 'int',
  'support.tickets_90d': 'int',
  'support.resolution_minutes_180d': 'hours',
  'support.ticket_satisfaction_180d': 'decimal',
  'voice.nps_average_365d': 'decimal',
  'voice.nps_responses_365d': 'int',
  'voice.days_since_last_survey': 'days',
  'voice.latest_ces': 'decimal',
  'notes.count_30d': 'int',
  'notes.count_90d': 'int',
  'notes.sentiment_30d': 'decimal',
  'notes.worst_sentiment_90d': 'decimal',
  'people.contacts': 'int',
  'people.active_contacts': 'int',
  'people.active_sponsors': 'int',
  'people.active_champions': 'int',
  'people.active_decision_makers': 'int',
  'health.score': 'decimal',
  'health.usage.days_since_last_active': 'days',
  'health.usage.licence_utilisation': 'pct',
  'health.usage.stickiness': 'pct',
  'health.usage.breadth': 'pct',
  'health.usage.trend_30d': 'signedPct',
  'health.onboarding.days_to_magic_moment': 'days',
  'health.engagement.days_since_last_touch': 'days',
  'health.voice.latest_nps': 'decimal',
  'health.voice.latest_csat': 'decimal',
  'health.support.open_tickets': 'int',
  'health.support.urgent_tickets_90d': 'int',
  'health.billing.days_to_renewal': 'days',
  'health.billing.mrr_change_90d': 'signedPct',
  'health.relationship.champion_left_90d': 'int',
  'health.sentiment.csm_90d': 'decimal',
  'alive.probability': 'pct',
  'alive.expected_activity': 'decimal',
};

/** Categorical features: "Plan: Starter". */
const CATEGORIES = new Set([
  'account.industry',
  'account.country',
  'account.plan',
  'account.coverage_tier',
  'billing.plan',
  'billing.period',
]);

function formatFeatureValue(format: Format, value: number, locale: string): string {
  switch (format) {
    case 'int':
      return decimal(value, locale, Math.abs(value) >= 10 ? 0 : 1);
    case 'decimal':
      return decimal(value, locale);
    case 'pct':
      return formatPercent(value, locale);
    case 'signedPct':
      return signedPercent(value, locale);
    case 'trendPct':
      return signedPercent(value - 1, locale);
    case 'days':
      return formatDays(value, locale);
    case 'hours':
      return decimal(value / 60, locale);
  }
}

/** A churn feature's name, for the generic "<name>: <value>" wording. */
export function featureLabel(t: TFunction, feature: string): string {
  if (feature.startsWith('trait:')) return feature.slice(6);
  if (feature.startsWith('health.')) return measureLabel(t, feature.slice(7), feature);
  const labels = t('account.featureLabels', { returnObjects: true }) as Record<string, string>;
  return labels[feature] ?? feature;
}

export interface ReasonParts {
  feature?: string;
  text: string;
  value?: number | string | null;
  currency?: string | null;
}

/** "no activity for 21 days", "contract renews in 34 days", in the reader's language. */
export function reasonSentence(t: TFunction, reason: ReasonParts, locale: string): string {
  const { feature, value } = reason;
  // Older predictions kept only the English words.
  if (feature === undefined || value === undefined) return reason.text;
  const key = `account.features.${feature}`;
  if (value === null) {
    if (i18n.exists(`${key}_missing`)) return t(`${key}_missing`);
    return t('account.features.unknown', { label: featureLabel(t, feature) });
  }
  if (typeof value === 'string' || CATEGORIES.has(feature) || feature.startsWith('trait:')) {
    return t('account.features.category', { label: featureLabel(t, feature), value: String(value) });
  }
  if (feature === 'billing.mrr') {
    if (!reason.currency) return t('account.features.mrrUnknown');
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: reason.currency }).resolvedOptions()
      .maximumFractionDigits as number;
    const amount = (Math.round(value) / 10 ** digits).toFixed(digits);
    return t('account.features.mrr', { value: formatMoney({ amount, currency: reason.currency }, locale) });
  }
  for (const [prefix, phrase] of [
    ['event.30d:', 'event'],
    ['tag.180d:', 'tag'],
  ] as const) {
    if (feature.startsWith(prefix)) {
      const name = feature.slice(prefix.length);
      return value === 0
        ? t(`account.features.${phrase}_none`, { name })
        : t(`account.features.${phrase}`, { name, value: decimal(value, locale, 0), count: value });
    }
  }
  if (feature === 'health.onboarding.magic_moment_reached') {
    return t(value === 1 ? `${key}_yes` : `${key}_no`);
  }
  if (feature === 'health.usage.days_since_last_active' && value >= 365) return t(`${key}_year`);
  const format = FEATURE_FORMAT[feature];
  if (!format) {
    // A health measure without a phrase of its own reads as the measure does in the breakdown: "Label: 77%".
    const shown = feature.startsWith('health.')
      ? measureValue(t, feature.slice('health.'.length), value, locale)
      : decimal(value, locale);
    return t('account.features.category', { label: featureLabel(t, feature), value: shown });
  }
  if (value === 0 && i18n.exists(`${key}_none`)) return t(`${key}_none`);
  return t(key, { value: formatFeatureValue(format, value, locale), count: value });
}
