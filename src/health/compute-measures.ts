import { sql, type Transaction } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { Schema } from '../db/schema.js';
import { today } from '../shared/calendar.js';
import { type BgNbdParameters, probabilityAlive } from '../stats/bg-nbd.js';
import { daysToNextRenewal } from '../subscriptions/next-renewal.js';
import { readUsageSettings, type UsageSettings } from '../usage/usage-settings.js';
import { aliveParameters } from './alive-parameters.js';
import type { MeasureValues } from './scorecard-math.js';

/** The measures Pacer computes for every account, with the words a CSM reads. */
export const measureCatalog = {
  'usage.active_users_30d': 'Active users (30 days)',
  'usage.licence_utilisation': 'Licence utilisation',
  'usage.stickiness': 'Stickiness (DAU/MAU)',
  'usage.breadth': 'Key features used',
  'usage.days_since_last_active': 'Days since last active',
  'usage.trend_30d': 'Usage trend (30 days vs the 30 before)',
  'usage.events_vs_baseline': 'Usage vs own 90-day baseline (30 days)',
  'usage.probability_alive': 'Chance still active (BG/NBD)',
  'onboarding.magic_moment_reached': 'Magic moment reached',
  'onboarding.days_to_magic_moment': 'Days to magic moment',
  'engagement.days_since_last_touch': 'Days since last CSM touch',
  'voice.latest_nps': 'Latest NPS',
  'voice.latest_csat': 'Latest CSAT',
  'voice.detractors_180d': 'NPS detractor answers (180 days)',
  'support.open_tickets': 'Open tickets',
  'support.urgent_tickets_90d': 'Urgent/high tickets (90 days)',
  'support.tickets_per_user_90d': 'Tickets per active user (90 days)',
  'billing.days_to_renewal': 'Days to renewal',
  'billing.mrr_change_90d': 'MRR change (90 days)',
  'billing.renewal_with_falling_usage': 'Renewal within 60 days with usage falling',
  'relationship.champion_active': 'Champion present and active',
  'relationship.sponsor_active': 'Executive sponsor present and active',
  'relationship.champion_left_90d': 'Champion departures noted (90 days)',
  'sentiment.csm_90d': 'CSM sentiment in notes (90 days)',
  'sentiment.risk_notes_90d': 'Risk-tagged notes (90 days)',
} as const;

export type MeasureId = keyof typeof measureCatalog;

interface MeasureRow {
  account_id: string;
  lifecycle_stage: string | null;
  mau: number | null;
  avg_dau: number | null;
  seats: number | null;
  key_used: number | null;
  days_since_active: number | null;
  events_cur: number | null;
  events_prev: number | null;
  events_base: number | null;
  days_to_magic: number | null;
  days_since_touch: number | null;
  nps: number | null;
  csat: number | null;
  open_tickets: number | null;
  urgent_90d: number | null;
  tickets_90d: number | null;
  days_to_renewal: number | null;
  repeat_days: number | null;
  tx_days: number | null;
  age_days: number | null;
  sub_start: string | null;
  sub_period: string | null;
  sub_renewal: string | null;
  mrr_now: number | null;
  mrr_then: number | null;
  contacts_known: number | null;
  champion_active: boolean | null;
  sponsor_active: boolean | null;
  champion_left_90d: number | null;
  sentiment_90d: number | null;
  detractors_180d: number | null;
  risk_notes_90d: number | null;
}

export interface AccountMeasures {
  /** The account's stage as of the day (account_states), which chooses its scorecard; null before it was known. */
  lifecycleStage: string | null;
  values: MeasureValues;
}

/** The accounts a measures query covers: the given ones, or those whose id is from `from` (inclusive) to `to`. */
type AccountFilter = { ids: string[] } | { from?: string; to?: string };

function accountsWhere(filter: AccountFilter, column: 'id' | 'account_id') {
  const ref = sql.ref(column);
  if ('ids' in filter) return sql`and ${ref} = any(${filter.ids}::uuid[])`;
  return sql`${filter.from ? sql`and ${ref} >= ${filter.from}::uuid` : sql``}
    ${filter.to ? sql`and ${ref} < ${filter.to}::uuid` : sql``}`;
}

/**
 * Turns JIT compilation off for the rest of the transaction and gives back what puts it as it was. For many accounts
 * the measures query's estimated cost is high enough for PostgreSQL to JIT-compile it. That gains nothing here, and
 * once a connection has compiled anything its later work stays slower (on PostgreSQL 15, parsing the snapshots'
 * jsonb took three times as long).
 */
async function switchJitOff(trx: Transaction<Schema>): Promise<() => Promise<unknown>> {
  const { rows } = await sql<{ previous: string }>`
    select current_setting('jit') as previous, set_config('jit', 'off', true)`.execute(trx);
  return () => sql`select set_config('jit', ${rows[0]?.previous ?? 'on'}, true)`.execute(trx);
}

/**
 * Every measure of every account (or of the given ones) as of the end of a day, from Pacer's tables: one set-based
 * query, so a full rescore is one pass. Only data dated on or before the day is read; contacts' roles and active
 * flags and the account's lifecycle stage are read as they were at the end of the day (contact_states,
 * account_states), so a day replayed later scores as it did live.
 */
export async function computeMeasures(
  db: Executor,
  asOf: string,
  accountIds?: string[],
  options: { aliveParameters?: BgNbdParameters | null } = {},
): Promise<Map<string, AccountMeasures>> {
  // In a transaction, so that switching JIT off holds on the connection that runs the query.
  if (!db.isTransaction) return db.transaction().execute((trx) => computeMeasures(trx, asOf, accountIds, options));
  const trx = db as Transaction<Schema>;
  const settings = await readUsageSettings(trx);
  const alive = options.aliveParameters !== undefined ? options.aliveParameters : await aliveParameters(trx, asOf);
  const restoreJit = await switchJitOff(trx);
  const measures = await measuresOf(trx, asOf, settings, alive, accountIds ? { ids: accountIds } : {});
  await restoreJit();
  return measures;
}

/** Accounts per slice in computeMeasuresInSlices: enough that a slice's queries are few, few enough to overlap. */
const SLICE = 25_000;

/**
 * The measures of every account, as computeMeasures gives them, a slice of accounts (by id) at a time. The database
 * works out the next slice while the caller uses the current one, so the query and the caller's work overlap. JIT is
 * off for the transaction until the last slice has been read.
 */
export async function* computeMeasuresInSlices(
  trx: Transaction<Schema>,
  asOf: string,
): AsyncGenerator<Map<string, AccountMeasures>> {
  const settings = await readUsageSettings(trx);
  const { rows } = await sql<{ id: string }>`select id from (
      select id, row_number() over (order by id) as n from accounts where first_seen_at < (${asOf}::date + 1)::timestamptz
    ) numbered where n % ${SLICE} = 1 and n > 1 order by id`.execute(trx);
  const bounds = [undefined, ...rows.map((row) => row.id), undefined];
  const slices = bounds.slice(1).map((to, i) => ({ from: bounds[i], to }));
  const alive = await aliveParameters(trx, asOf);
  const restoreJit = await switchJitOff(trx);
  let next = measuresOf(trx, asOf, settings, alive, slices[0] ?? {});
  for (let i = 0; i < slices.length; i++) {
    const current = await next;
    if (i + 1 < slices.length) {
      next = measuresOf(trx, asOf, settings, alive, slices[i + 1] ?? {});
      // Awaited on the next turn; the catch only keeps it from being an unhandled rejection if the caller stops first.
      next.catch(() => {});
    }
    yield current;
  }
  await restoreJit();
}

async function measuresOf(
  db: Executor,
  asOf: string,
  settings: UsageSettings,
  alive: BgNbdParameters | null,
  filter: AccountFilter,
): Promise<Map<string, AccountMeasures>> {
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const only = accountsWhere(filter, 'account_id');
  const { rows } = await sql<MeasureRow>`
    with stage as (
      -- The stage in force at the end of the day; none before the account's fields were first known.
      select distinct on (account_id) account_id, lifecycle_stage from account_states
      where valid_from < ${end} ${only} order by account_id, valid_from desc
    ),
    acc as (
      select a.id as account_id, stage.lifecycle_stage, a.first_seen_at::date as first_seen
      from accounts a left join stage on stage.account_id = a.id
      where a.first_seen_at < ${end} ${accountsWhere(filter, 'id')}
    ),
    users30 as (
      -- Each active user-day once (the rollup has a row per event name), in the index's order: no hashing, and the
      -- distinct count is over a plain column ("C": the same count under any deterministic collation, sorted faster).
      select account_id, count(distinct user_id collate "C")::int as mau, count(*)::float8 / 30 as avg_dau
      from (
        select account_id, day, user_id from usage_user_daily
        where day > ${asOf}::date - 30 and day <= ${asOf}::date ${only} group by account_id, day, user_id
      ) user_days group by account_id
    ),
    events120 as (
      -- Counts need the table, not just its index. "offset 0" keeps the planner from reading it in index order (a
      -- random read per row, several times slower than a scan and a hash). Sums as float8: exact below 2^53, and a
      -- by-value state keeps the hash table small.
      select account_id,
        coalesce(sum(events::float8) filter (where day > ${asOf}::date - 30), 0) as events_cur,
        coalesce(sum(events::float8) filter (where day <= ${asOf}::date - 30 and day > ${asOf}::date - 60), 0) as events_prev,
        coalesce(sum(events::float8) filter (where day <= ${asOf}::date - 30), 0) as events_base
      from (
        select account_id, day, events from usage_daily
        where day > ${asOf}::date - 120 and day <= ${asOf}::date ${only} offset 0
      ) recent group by account_id
    ),
    usage_history as (
      -- What needs no event counts comes from the primary key alone (an index-only scan in account order).
      select account_id,
        max(day) as last_day,
        -- BG/NBD's view of the account: active days as transactions, in weeks (see aliveSummary).
        count(distinct day)::int - 1 as repeat_days, max(day) - min(day) as tx_days, ${asOf}::date - min(day) as age_days,
        min(day) filter (where event_name = ${settings.magicMomentEvent ?? ''}) as magic_day,
        count(distinct event_name collate "C")
          filter (where day > ${asOf}::date - 30 and event_name = any(${settings.keyFeatures}::text[]))::int as key_used
      from usage_daily where day <= ${asOf}::date ${only} group by account_id
    ),
    subs as (
      select account_id,
        sum(seats) filter (where live_now)::int as seats,
        sum(mrr_minor) filter (where live_now)::float8 as mrr_now,
        sum(mrr_minor) filter (where live_then)::float8 as mrr_then,
        min(renewal_date) filter (where live_now and renewal_date >= ${asOf}::date) as renewal_date,
        -- For a past day, the largest live subscription's billing cycle (see daysToNextRenewal).
        (array_agg(start_date::text order by mrr_minor desc) filter (where live_now))[1] as sub_start,
        (array_agg(billing_period order by mrr_minor desc) filter (where live_now))[1] as sub_period,
        (array_agg(renewal_date::text order by mrr_minor desc) filter (where live_now))[1] as sub_renewal
      from (
        select account_id, seats, mrr_minor, renewal_date, start_date, billing_period,
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
    detractors as (
      select account_id, count(*)::int as detractors_180d from survey_responses
      where kind = 'nps' and score <= 6 and answered_at < ${end} and answered_at >= ${end} - interval '180 days' ${only}
      group by account_id
    ),
    risk_notes as (
      -- What a CSM writes down when the account may leave whatever its usage says.
      select account_id, count(*)::int as risk_notes_90d from notes
      where occurred_at < ${end} and occurred_at >= ${end} - interval '90 days'
        and tags && array['competitor', 'budget-cut', 'churn-risk']::text[] ${only}
      group by account_id
    ),
    tickets as (
      select account_id,
        count(*) filter (where closed_at is null or closed_at >= ${end})::int as open_tickets,
        count(*) filter (where opened_at >= ${end} - interval '90 days' and priority in ('high', 'urgent'))::int as urgent_90d,
        count(*) filter (where opened_at >= ${end} - interval '90 days')::int as tickets_90d
      from tickets where opened_at < ${end} ${only} group by account_id
    ),
    notes90 as (
      select account_id, max(occurred_at)::date as last_touch,
        avg(sentiment) filter (where occurred_at >= ${end} - interval '90 days')::float8 as sentiment_90d,
        count(*) filter (where occurred_at >= ${end} - interval '90 days' and 'champion-left' = any(tags))::int as champion_left_90d
      from notes where occurred_at < ${end} ${only} group by account_id
    ),
    people as (
      -- Each contact's role and active flag as they were at the end of the day.
      select account_id, count(*)::int as contacts_known,
        bool_or(active) filter (where role = 'champion') as champion_active,
        bool_or(active) filter (where role = 'executive_sponsor') as sponsor_active
      from (
        select distinct on (account_id, contact_id) account_id, role, active from contact_states
        where valid_from < ${end} ${only} order by account_id, contact_id, valid_from desc
      ) states group by account_id
    )
    -- Days between dates as whole numbers here: a hundred thousand rows of date strings cost more to parse in JS.
    select acc.account_id, acc.lifecycle_stage, users30.mau, users30.avg_dau, subs.seats, usage_history.key_used,
      ${asOf}::date - usage_history.last_day as days_since_active,
      usage_history.repeat_days, usage_history.tx_days, usage_history.age_days, events120.events_cur, events120.events_prev,
      events120.events_base, detractors.detractors_180d, risk_notes.risk_notes_90d,
      usage_history.magic_day - acc.first_seen as days_to_magic, ${asOf}::date - notes90.last_touch as days_since_touch,
      nps.nps, csat.csat, tickets.open_tickets, tickets.urgent_90d, tickets.tickets_90d,
      subs.renewal_date - ${asOf}::date as days_to_renewal, subs.sub_start, subs.sub_period, subs.sub_renewal, subs.mrr_now, subs.mrr_then,
      people.contacts_known, people.champion_active, people.sponsor_active, notes90.champion_left_90d, notes90.sentiment_90d
    from acc
    left join users30 using (account_id) left join events120 using (account_id) left join usage_history using (account_id)
    left join detractors using (account_id) left join risk_notes using (account_id)
    left join subs using (account_id) left join nps using (account_id)
    left join csat using (account_id) left join tickets using (account_id) left join notes90 using (account_id)
    left join people using (account_id)`.execute(db);

  const historical = asOf < today();
  const result = new Map<string, AccountMeasures>();
  for (const r of rows) {
    const mau = r.mau ?? 0;
    // The account against its own past: the last 30 days' events over its monthly average in the 90 days before.
    // Only for an account active before those 90 days began: a partial baseline would be a made-up comparison.
    const eventsVsBaseline =
      r.events_base && r.age_days !== null && r.age_days >= 119 ? (r.events_cur ?? 0) / (r.events_base / 3) : null;
    // A subscription's renewal date is moved on at each renewal, and cleared when it is cancelled: for a past day it
    // may say that a renewal happened later, or that the account left. History counts to the renewal the billing
    // cycle promised then (a subscription live on a past day had not been cancelled by then).
    const daysToRenewal =
      historical && r.sub_start && r.sub_period
        ? daysToNextRenewal(asOf, r.sub_start, r.sub_period, r.sub_renewal)
        : r.days_to_renewal;
    const values: Record<MeasureId, number | null> = {
      'usage.active_users_30d': mau,
      'usage.licence_utilisation': r.seats ? mau / r.seats : null,
      'usage.stickiness': mau > 0 ? (r.avg_dau ?? 0) / mau : null,
      'usage.breadth': settings.keyFeatures.length > 0 ? (r.key_used ?? 0) / settings.keyFeatures.length : null,
      // Never active: there is no last activity to count from, so the measure is missing (not a made-up 365).
      'usage.days_since_last_active': r.days_since_active,
      'usage.trend_30d': r.events_prev ? (r.events_cur ?? 0) / r.events_prev - 1 : null,
      'usage.events_vs_baseline': eventsVsBaseline,
      'usage.probability_alive':
        alive && r.repeat_days !== null
          ? probabilityAlive(alive, { x: r.repeat_days, tx: (r.tx_days ?? 0) / 7, T: (r.age_days ?? 0) / 7 })
          : null,
      'onboarding.magic_moment_reached': settings.magicMomentEvent ? (r.days_to_magic !== null ? 1 : 0) : null,
      'onboarding.days_to_magic_moment': r.days_to_magic !== null ? Math.max(0, r.days_to_magic) : null,
      'engagement.days_since_last_touch': r.days_since_touch,
      'voice.latest_nps': r.nps,
      'voice.latest_csat': r.csat,
      'voice.detractors_180d': r.detractors_180d ?? 0,
      'support.open_tickets': r.open_tickets ?? 0,
      'support.urgent_tickets_90d': r.urgent_90d ?? 0,
      'support.tickets_per_user_90d': mau > 0 ? (r.tickets_90d ?? 0) / mau : null,
      'billing.days_to_renewal': daysToRenewal,
      // The classic late warning: the renewal is near and the account uses the product less than it used to. Below
      // 80% of its own baseline counts as falling; without a renewal date or a baseline it is unknown.
      'billing.renewal_with_falling_usage':
        daysToRenewal === null || eventsVsBaseline === null
          ? null
          : daysToRenewal <= 60 && eventsVsBaseline < 0.8
            ? 1
            : 0,
      'billing.mrr_change_90d': r.mrr_then ? (r.mrr_now ?? 0) / r.mrr_then - 1 : null,
      // As the contacts were at the end of the day: a replay sees a departure from the day it happened, not before.
      // With no contact known on the day (none recorded yet, e.g. before an import) the relationship is unknown.
      'relationship.champion_active': r.contacts_known ? (r.champion_active ? 1 : 0) : null,
      'relationship.sponsor_active': r.contacts_known ? (r.sponsor_active ? 1 : 0) : null,
      'relationship.champion_left_90d': r.champion_left_90d ?? 0,
      'sentiment.csm_90d': r.sentiment_90d,
      'sentiment.risk_notes_90d': r.risk_notes_90d ?? 0,
    };
    result.set(r.account_id, { lifecycleStage: r.lifecycle_stage, values });
  }
  return result;
}
