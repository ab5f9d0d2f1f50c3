import { sql } from 'kysely';
import type { Executor } from '../server/route.js';
import { readUsageSettings } from '../usage/usage-settings.js';
import type { MeasureValues } from './score-account.js';

/** The measures Pacer computes for every account, with the words a CSM reads. */
export const measureCatalog = {
  'usage.active_users_30d': 'Active users (30 days)',
  'usage.licence_utilisation': 'Licence utilisation',
  'usage.stickiness': 'Stickiness (DAU/MAU)',
  'usage.breadth': 'Key features used',
  'usage.days_since_last_active': 'Days since last active',
  'usage.trend_30d': 'Usage trend (30 days vs the 30 before)',
  'onboarding.magic_moment_reached': 'Magic moment reached',
  'onboarding.days_to_magic_moment': 'Days to magic moment',
  'engagement.days_since_last_touch': 'Days since last CSM touch',
  'voice.latest_nps': 'Latest NPS',
  'voice.latest_csat': 'Latest CSAT',
  'support.open_tickets': 'Open tickets',
  'support.urgent_tickets_90d': 'Urgent/high tickets (90 days)',
  'support.tickets_per_user_90d': 'Tickets per active user (90 days)',
  'billing.days_to_renewal': 'Days to renewal',
  'billing.mrr_change_90d': 'MRR change (90 days)',
  'relationship.champion_active': 'Champion present and active',
  'relationship.sponsor_active': 'Executive sponsor present and active',
  'relationship.champion_left_90d': 'Champion departures noted (90 days)',
  'sentiment.csm_90d': 'CSM sentiment in notes (90 days)',
} as const;

export type MeasureId = keyof typeof measureCatalog;

interface MeasureRow {
  account_id: string;
  lifecycle_stage: string;
  mau: number | null;
  avg_dau: number | null;
  seats: number | null;
  key_used: number | null;
  last_day: string | null;
  events_cur: number | null;
  events_prev: number | null;
  magic_day: string | null;
  first_seen: string;
  last_touch: string | null;
  nps: number | null;
  csat: number | null;
  open_tickets: number | null;
  urgent_90d: number | null;
  tickets_90d: number | null;
  renewal_date: string | null;
  mrr_now: number | null;
  mrr_then: number | null;
  champion_active: boolean | null;
  sponsor_active: boolean | null;
  champion_left_90d: number | null;
  sentiment_90d: number | null;
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export interface AccountMeasures {
  /** The account's stage now (Pacer keeps no history of it): which scorecard judges it. */
  lifecycleStage: string;
  values: MeasureValues;
}

/**
 * Every measure of every account (or of the given ones) as of the end of a day, from Pacer's tables: one set-based
 * query, so a full rescore is one pass. Only data dated on or before the day is read. Contacts' roles and active
 * flags are current state only, so they count for today and are missing for past days (their dated history is
 * the champion-left notes measure).
 */
export async function computeMeasures(
  db: Executor,
  asOf: string,
  accountIds?: string[],
): Promise<Map<string, AccountMeasures>> {
  const settings = await readUsageSettings(db);
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const only = accountIds ? sql`and account_id = any(${accountIds}::uuid[])` : sql``;
  const { rows } = await sql<MeasureRow>`
    with acc as (
      select id as account_id, lifecycle_stage, first_seen_at::date::text as first_seen from accounts
      where first_seen_at < ${end} ${accountIds ? sql`and id = any(${accountIds}::uuid[])` : sql``}
    ),
    users30 as (
      select account_id, count(distinct user_id)::int as mau, count(distinct (user_id, day))::float8 / 30 as avg_dau
      from usage_user_daily where day > ${asOf}::date - 30 and day <= ${asOf}::date ${only} group by account_id
    ),
    events60 as (
      select account_id,
        coalesce(sum(events) filter (where day > ${asOf}::date - 30), 0)::float8 as events_cur,
        coalesce(sum(events) filter (where day <= ${asOf}::date - 30), 0)::float8 as events_prev,
        count(distinct event_name) filter (where day > ${asOf}::date - 30 and event_name = any(${settings.keyFeatures}::text[]))::int as key_used
      from usage_daily where day > ${asOf}::date - 60 and day <= ${asOf}::date ${only} group by account_id
    ),
    last_active as (
      select account_id, max(day)::text as last_day from usage_daily
      where day <= ${asOf}::date and day > ${asOf}::date - 365 ${only} group by account_id
    ),
    magic as (
      select account_id, min(day)::text as magic_day from usage_daily
      where event_name = ${settings.magicMomentEvent ?? ''} and day <= ${asOf}::date ${only} group by account_id
    ),
    subs as (
      select account_id,
        sum(seats) filter (where live_now)::int as seats,
        sum(mrr_minor) filter (where live_now)::float8 as mrr_now,
        sum(mrr_minor) filter (where live_then)::float8 as mrr_then,
        min(renewal_date) filter (where live_now and renewal_date >= ${asOf}::date)::text as renewal_date
      from (
        select account_id, seats, mrr_minor, renewal_date,
          start_date <= ${asOf}::date and (end_date is null or end_date >= ${asOf}::date)
            and (cancelled_at is null or cancelled_at >= ${end}) as live_now,
          start_date <= ${asOf}::date - 90 and (end_date is null or end_date >= ${asOf}::date - 90)
            and (cancelled_at is null or cancelled_at >= (${asOf}::date - 89)::timestamptz) as live_then
        from subscriptions where true ${only}
      ) s group by account_id
    ),
    nps as (
      select distinct on (account_id) account_id, score as nps from survey_responses
      where kind = 'nps' and answered_at < ${end} ${only} order by account_id, answered_at desc
    ),
    csat as (
      select distinct on (account_id) account_id, score as csat from survey_responses
      where kind = 'csat' and answered_at < ${end} ${only} order by account_id, answered_at desc
    ),
    tickets as (
      select account_id,
        count(*) filter (where closed_at is null or closed_at >= ${end})::int as open_tickets,
        count(*) filter (where opened_at >= ${end} - interval '90 days' and priority in ('high', 'urgent'))::int as urgent_90d,
        count(*) filter (where opened_at >= ${end} - interval '90 days')::int as tickets_90d
      from tickets where opened_at < ${end} ${only} group by account_id
    ),
    notes90 as (
      select account_id, max(occurred_at)::date::text as last_touch,
        avg(sentiment) filter (where occurred_at >= ${end} - interval '90 days')::float8 as sentiment_90d,
        count(*) filter (where occurred_at >= ${end} - interval '90 days' and 'champion-left' = any(tags))::int as champion_left_90d
      from notes where occurred_at < ${end} ${only} group by account_id
    ),
    people as (
      select account_id,
        bool_or(active) filter (where role = 'champion') as champion_active,
        bool_or(active) filter (where role = 'executive_sponsor') as sponsor_active
      from contacts where true ${only} group by account_id
    )
    select acc.account_id, acc.lifecycle_stage, acc.first_seen, users30.mau, users30.avg_dau, subs.seats, events60.key_used, last_active.last_day,
      events60.events_cur, events60.events_prev, magic.magic_day, notes90.last_touch, nps.nps, csat.csat,
      tickets.open_tickets, tickets.urgent_90d, tickets.tickets_90d, subs.renewal_date, subs.mrr_now, subs.mrr_then,
      people.champion_active, people.sponsor_active, notes90.champion_left_90d, notes90.sentiment_90d
    from acc
    left join users30 using (account_id) left join events60 using (account_id) left join last_active using (account_id)
    left join magic using (account_id) left join subs using (account_id) left join nps using (account_id)
    left join csat using (account_id) left join tickets using (account_id) left join notes90 using (account_id)
    left join people using (account_id)`.execute(db);

  const historical = asOf < new Date().toISOString().slice(0, 10);
  const result = new Map<string, AccountMeasures>();
  for (const r of rows) {
    const mau = r.mau ?? 0;
    const values: Record<MeasureId, number | null> = {
      'usage.active_users_30d': mau,
      'usage.licence_utilisation': r.seats ? mau / r.seats : null,
      'usage.stickiness': mau > 0 ? (r.avg_dau ?? 0) / mau : null,
      'usage.breadth': settings.keyFeatures.length > 0 ? (r.key_used ?? 0) / settings.keyFeatures.length : null,
      // Never active in the last year reads as 365: long enough to be red on any sensible scale.
      'usage.days_since_last_active': r.last_day ? days(r.last_day, asOf) : 365,
      'usage.trend_30d': r.events_prev ? (r.events_cur ?? 0) / r.events_prev - 1 : null,
      'onboarding.magic_moment_reached': settings.magicMomentEvent ? (r.magic_day ? 1 : 0) : null,
      'onboarding.days_to_magic_moment': r.magic_day ? Math.max(0, days(r.first_seen, r.magic_day)) : null,
      'engagement.days_since_last_touch': r.last_touch ? days(r.last_touch, asOf) : null,
      'voice.latest_nps': r.nps,
      'voice.latest_csat': r.csat,
      'support.open_tickets': r.open_tickets ?? 0,
      'support.urgent_tickets_90d': r.urgent_90d ?? 0,
      'support.tickets_per_user_90d': mau > 0 ? (r.tickets_90d ?? 0) / mau : null,
      'billing.days_to_renewal': r.renewal_date ? days(asOf, r.renewal_date) : null,
      'billing.mrr_change_90d': r.mrr_then ? (r.mrr_now ?? 0) / r.mrr_then - 1 : null,
      // Contacts' roles and active flags are current state: known for today, unknown (missing) for a past day, so a
      // replay of history cannot see a departure before it happened.
      'relationship.champion_active': historical ? null : r.champion_active ? 1 : 0,
      'relationship.sponsor_active': historical ? null : r.sponsor_active ? 1 : 0,
      'relationship.champion_left_90d': r.champion_left_90d ?? 0,
      'sentiment.csm_90d': r.sentiment_90d,
    };
    result.set(r.account_id, { lifecycleStage: r.lifecycle_stage, values });
  }
  return result;
}
