import { measureCatalog } from '../health/compute-measures.js';
import { toMajorUnits } from '../shared/money.js';

// Features in words a CSM reads: "no activity for 21 days", "contract renews in 34 days", "NPS 4".

type Value = number | string | null;
type Phrase = (value: Value) => string;

const n = (v: Value) => (typeof v === 'number' ? Number(v.toFixed(Math.abs(v) >= 10 ? 0 : 1)) : v);
const pct = (v: Value) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : String(v));
const signedPct = (v: Value) => (typeof v === 'number' ? `${v >= 0 ? '+' : ''}${Math.round(v * 100)}%` : String(v));
const days = (v: Value) => (v === 1 ? '1 day' : `${n(v)} days`);
const count = (v: Value, one: string, many: string) => `${n(v)} ${v === 1 ? one : many}`;

const phrases: Record<string, Phrase> = {
  'account.employees': (v) => `${n(v)} employees`,
  'account.days_since_first_seen': (v) => `customer for ${days(v)}`,
  'usage.events_7d': (v) => (v === 0 ? 'no activity in the last 7 days' : `${n(v)} events in the last 7 days`),
  'usage.events_30d': (v) => (v === 0 ? 'no activity in the last 30 days' : `${n(v)} events in the last 30 days`),
  'usage.events_90d': (v) => (v === 0 ? 'no activity in the last 90 days' : `${n(v)} events in the last 90 days`),
  'usage.events_trend_7d': (v) => `last week's usage at ${pct(v)} of the 30-day pace`,
  'usage.events_trend_30d': (v) => `usage ${signedPct(typeof v === 'number' ? v - 1 : v)} over the previous 30 days`,
  'usage.events_trend_90d': (v) => `usage ${signedPct(typeof v === 'number' ? v - 1 : v)} over the previous 90 days`,
  'usage.active_days_7d': (v) => `active on ${count(v, 'day', 'days')} of the last 7`,
  'usage.active_days_30d': (v) => `active on ${count(v, 'day', 'days')} of the last 30`,
  'usage.active_days_90d': (v) => `active on ${count(v, 'day', 'days')} of the last 90`,
  'usage.distinct_events_30d': (v) => `${count(v, 'kind of action', 'kinds of action')} in the last 30 days`,
  'usage.active_users_7d': (v) => `${count(v, 'active user', 'active users')} in the last 7 days`,
  'usage.active_users_90d': (v) => `${count(v, 'active user', 'active users')} in the last 90 days`,
  'billing.live_subscriptions': (v) => count(v, 'live subscription', 'live subscriptions'),
  'billing.mrr_change_180d': (v) => `MRR ${signedPct(v)} over 180 days`,
  'billing.seats': (v) => count(v, 'seat', 'seats'),
  'billing.tenure_days': (v) => `subscribed for ${days(v)}`,
  'billing.days_to_next_renewal': (v) => (v === 0 ? 'contract renews today' : `contract renews in ${days(v)}`),
  'billing.contractions': (v) => (v === 0 ? 'never contracted' : `contracted ${count(v, 'time', 'times')} before`),
  'billing.expansions': (v) => (v === 0 ? 'never expanded' : `expanded ${count(v, 'time', 'times')} before`),
  'billing.ended_subscriptions': (v) => `${count(v, 'subscription', 'subscriptions')} ended before`,
  'support.tickets_30d': (v) => `${count(v, 'ticket', 'tickets')} in the last 30 days`,
  'support.tickets_90d': (v) => `${count(v, 'ticket', 'tickets')} in the last 90 days`,
  'support.resolution_minutes_180d': (v) =>
    typeof v === 'number' ? `tickets took ${n(v / 60)} hours to resolve on average` : 'no resolved tickets',
  'support.ticket_satisfaction_180d': (v) => `ticket satisfaction ${n(v)}/5`,
  'voice.nps_average_365d': (v) => `average NPS ${n(v)} over the year`,
  'voice.nps_responses_365d': (v) => `${count(v, 'NPS answer', 'NPS answers')} in the last year`,
  'voice.days_since_last_survey': (v) => `last survey answer ${days(v)} ago`,
  'voice.latest_ces': (v) => `customer effort ${n(v)}/7`,
  'notes.count_30d': (v) => (v === 0 ? 'no CSM notes in 30 days' : `${count(v, 'CSM note', 'CSM notes')} in 30 days`),
  'notes.count_90d': (v) => (v === 0 ? 'no CSM notes in 90 days' : `${count(v, 'CSM note', 'CSM notes')} in 90 days`),
  'notes.sentiment_30d': (v) => `CSM sentiment ${n(v)} (−2…+2) in the last 30 days`,
  'notes.worst_sentiment_90d': (v) => `a CSM note of sentiment ${n(v)} in the last 90 days`,
  'people.contacts': (v) => count(v, 'contact', 'contacts'),
  'people.active_contacts': (v) => count(v, 'active contact', 'active contacts'),
  'people.active_sponsors': (v) =>
    v === 0 ? 'no active executive sponsor' : count(v, 'active sponsor', 'active sponsors'),
  'people.active_champions': (v) => (v === 0 ? 'no active champion' : count(v, 'active champion', 'active champions')),
  'people.active_decision_makers': (v) =>
    v === 0 ? 'no active decision maker' : count(v, 'active decision maker', 'active decision makers'),
  'health.score': (v) => `health score ${n(v)}`,
  'health.usage.days_since_last_active': (v) =>
    typeof v === 'number' && v >= 365
      ? 'no activity in the last year'
      : v === 0
        ? 'active today'
        : `no activity for ${days(v)}`,
  'health.usage.licence_utilisation': (v) => `licence utilisation ${pct(v)}`,
  'health.usage.stickiness': (v) => `stickiness (DAU/MAU) ${pct(v)}`,
  'health.usage.breadth': (v) => `${pct(v)} of key features used`,
  'health.usage.trend_30d': (v) => `usage ${signedPct(v)} over the previous 30 days`,
  'health.onboarding.magic_moment_reached': (v) =>
    v === 1 ? 'reached the magic moment' : 'has not reached the magic moment',
  'health.onboarding.days_to_magic_moment': (v) => `reached the magic moment in ${days(v)}`,
  'health.engagement.days_since_last_touch': (v) => `last CSM touch ${days(v)} ago`,
  'health.voice.latest_nps': (v) => `NPS ${n(v)}`,
  'health.voice.latest_csat': (v) => `CSAT ${n(v)}/5`,
  'health.support.open_tickets': (v) => count(v, 'open ticket', 'open tickets'),
  'health.support.urgent_tickets_90d': (v) => `${count(v, 'urgent ticket', 'urgent tickets')} in 90 days`,
  'health.billing.days_to_renewal': (v) => `contract renews in ${days(v)}`,
  'health.billing.mrr_change_90d': (v) => `MRR ${signedPct(v)} over 90 days`,
  'health.relationship.champion_left_90d': (v) =>
    v === 0 ? 'no champion departure noted' : `champion departure noted ${count(v, 'time', 'times')} in 90 days`,
  'health.sentiment.csm_90d': (v) => `CSM sentiment ${n(v)} (−2…+2) over 90 days`,
};

const labels: Record<string, string> = {
  'account.industry': 'Industry',
  'account.country': 'Country',
  'account.plan': 'Plan',
  'account.coverage_tier': 'Coverage',
  'billing.plan': 'Subscribed plan',
  'billing.period': 'Billing period',
};

/** The feature's name in words, for tables and explanations. */
export function featureLabel(name: string): string {
  if (labels[name]) return labels[name];
  if (name.startsWith('health.')) {
    const measure = name.slice('health.'.length) as keyof typeof measureCatalog;
    if (measureCatalog[measure]) return measureCatalog[measure];
    if (name === 'health.score') return 'Health score';
  }
  if (name.startsWith('event.30d:')) return `"${name.slice(10)}" events (30 days)`;
  if (name.startsWith('tag.180d:')) return `Notes tagged "${name.slice(9)}" (180 days)`;
  if (name.startsWith('trait:')) return name.slice(6);
  if (name === 'alive.probability') return 'Chance still active (BG/NBD)';
  if (name === 'alive.expected_activity') return 'Active days expected in 13 weeks (BG/NBD)';
  return name;
}

/** One feature's value in words: "no activity for 21 days", "NPS 4", "Plan: Starter", "no NPS answer". */
/**
 * MRR in minor units of `currency`, as money: "MRR ¥150,000", "MRR €930". Without a currency (a snapshot of several
 * dates, or one with nothing live) the amount cannot be stated in major units, so it is not.
 */
function mrrWords(minor: Value, currency: string | null | undefined): string {
  if (typeof minor !== 'number' || !currency) return 'MRR';
  const amount = toMajorUnits(Math.round(minor), currency);
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
  return `MRR ${format.format(amount)}`;
}

export function describeFeature(name: string, value: Value, currency?: string | null): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    if (name === 'health.voice.latest_nps' || name === 'voice.nps_average_365d') return 'no NPS answer';
    if (name === 'health.voice.latest_csat') return 'no CSAT answer';
    if (name === 'billing.days_to_next_renewal' || name === 'health.billing.days_to_renewal') return 'no renewal date';
    // None live, or in a currency without a rate into the reporting one.
    if (name === 'billing.mrr') return 'MRR unknown';
    return `${featureLabel(name)}: unknown`;
  }
  if (name === 'billing.mrr') return mrrWords(value, currency);
  const phrase = phrases[name];
  if (phrase) return phrase(value);
  if (name.startsWith('event.30d:'))
    return value === 0
      ? `"${name.slice(10)}" not used in the last 30 days`
      : `"${name.slice(10)}" used ${count(value, 'time', 'times')} in the last 30 days`;
  if (name.startsWith('tag.180d:'))
    return value === 0
      ? `no notes tagged "${name.slice(9)}" in 180 days`
      : `${count(value, 'note', 'notes')} tagged "${name.slice(9)}" in the last 180 days`;
  if (name === 'alive.probability') return `${pct(value)} chance still active by its activity pattern`;
  if (name === 'alive.expected_activity')
    return `${n(value)} active days expected in the next 13 weeks, by its activity pattern`;
  return `${featureLabel(name)}: ${typeof value === 'number' ? n(value) : value}`;
}
