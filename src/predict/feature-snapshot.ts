import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { computeMeasures, type MeasureId, measureCatalog } from '../health/compute-measures.js';
import { scoreHealth } from '../health/scorecard-math.js';
import { scorecardsInForce } from '../health/scorecard-store.js';
import { daysToNextRenewal } from '../subscriptions/next-renewal.js';
import { type AliveEstimates, aliveEstimates } from '../usage/alive-summary.js';
import { mrrFeatures } from './mrr-features.js';

// A point-in-time picture of every account: one row per account, one column per feature, built only from what was
// known by the end of the as-of day. Dated facts (usage days, notes, surveys, tickets, subscription dates) are cut
// at that day. Contacts (role, active) and the account's own fields and traits are read as they were at the end of
// the day from their history (contact_states, account_states, migrations/0010): a field or trait first known after
// the day is missing on it, so a status or lost reason a CRM sets after a customer left cannot predict the past.
// Current-state facts without history are left out because they would leak the outcome (subscription status).

export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureColumn {
  /** Stable name, e.g. `usage.events_30d`, `event.30d:Report Created`, `trait:segment`. */
  name: string;
  kind: FeatureKind;
  /** Numeric: number or null (missing); categorical: string or null. */
  values: (number | string | null)[];
}

export interface FeatureSnapshot {
  asOf: string;
  accountIds: string[];
  columns: FeatureColumn[];
  /** The currency the money features (`billing.mrr`) are in, minor units; absent when unknown or mixed. */
  currency?: string | null;
}

/** How many of the workspace's event names, note tags and traits become features of their own. */
const TOP_EVENTS = 20;
const TOP_TAGS = 20;
const TOP_TRAITS = 30;

const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / 86_400_000;

interface ExtraRow {
  account_id: string;
  first_seen: string;
  employees: number | null;
  industry: string | null;
  country: string | null;
  plan: string | null;
  coverage_tier: string | null;
  e7: number | null;
  e30: number | null;
  e90: number | null;
  e_prev30: number | null;
  e_prev90: number | null;
  days7: number | null;
  days30: number | null;
  days90: number | null;
  names30: number | null;
  users7: number | null;
  users90: number | null;
  live_subs: number | null;
  seats: number | null;
  first_start: string | null;
  sub_start: string | null;
  sub_period: string | null;
  sub_plan: string | null;
  sub_renewal: string | null;
  contractions: number | null;
  expansions: number | null;
  ended_before: number | null;
  tickets30: number | null;
  tickets90: number | null;
  resolution_180: number | null;
  ticket_satisfaction_180: number | null;
  nps_avg_365: number | null;
  nps_count_365: number | null;
  last_survey: string | null;
  ces_latest: number | null;
  notes30: number | null;
  notes90: number | null;
  sentiment30: number | null;
  sentiment_min90: number | null;
  contacts: number | null;
  contacts_active: number | null;
  sponsors: number | null;
  champions: number | null;
  decision_makers: number | null;
}

async function extraFeatures(db: Executor, asOf: string, accountIds?: string[]): Promise<ExtraRow[]> {
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const only = accountIds ? sql`and account_id = any(${accountIds}::uuid[])` : sql``;
  const live = (at: ReturnType<typeof sql>) =>
    sql`start_date <= ${at} and (end_date is null or end_date >= ${at}) and (cancelled_at is null or cancelled_at >= (${at} + 1)::timestamptz)`;
  const { rows } = await sql<ExtraRow>`
    with fields as (
      -- The account's fields as they were at the end of the day; none before they were first known.
      select distinct on (account_id) account_id, employees, industry, country, plan, coverage_tier from account_states
      where valid_from < ${end} ${only} order by account_id, valid_from desc
    ),
    acc as (
      select a.id as account_id, a.first_seen_at::date::text as first_seen, fields.employees, fields.industry,
        fields.country, fields.plan, fields.coverage_tier
      from accounts a left join fields on fields.account_id = a.id
      where a.first_seen_at < ${end} ${accountIds ? sql`and a.id = any(${accountIds}::uuid[])` : sql``}
    ),
    usage_days as (
      select account_id, day, sum(events)::float8 as events, count(*)::int as names
      from usage_daily where day > ${asOf}::date - 180 and day <= ${asOf}::date ${only} group by account_id, day
    ),
    usage as (
      -- One row per account and day first, so active days are plain counts (no count(distinct …) sorts).
      select account_id,
        sum(events) filter (where day > ${asOf}::date - 7) as e7,
        sum(events) filter (where day > ${asOf}::date - 30) as e30,
        sum(events) filter (where day > ${asOf}::date - 90) as e90,
        sum(events) filter (where day > ${asOf}::date - 60 and day <= ${asOf}::date - 30) as e_prev30,
        sum(events) filter (where day <= ${asOf}::date - 90) as e_prev90,
        count(*) filter (where day > ${asOf}::date - 7)::int as days7,
        count(*) filter (where day > ${asOf}::date - 30)::int as days30,
        count(*) filter (where day > ${asOf}::date - 90)::int as days90
      from usage_days group by account_id
    ),
    names as (
      select account_id, count(distinct event_name)::int as names30 from usage_daily
      where day > ${asOf}::date - 30 and day <= ${asOf}::date ${only} group by account_id
    ),
    users as (
      -- Each user's last active day in the window, then counts.
      select account_id,
        count(*) filter (where last_day > ${asOf}::date - 7)::int as users7,
        count(*)::int as users90
      from (
        select account_id, user_id, max(day) as last_day from usage_user_daily
        where day > ${asOf}::date - 90 and day <= ${asOf}::date ${only} group by account_id, user_id
      ) u group by account_id
    ),
    subs_known as (
      select account_id, mrr_minor, seats, plan, billing_period, start_date, end_date, renewal_date, cancelled_at,
        ${live(sql`${asOf}::date`)} as live_now,
        mrr_minor - lag(mrr_minor) over (partition by account_id order by start_date, end_date nulls last) as mrr_step
      from subscriptions where start_date <= ${asOf}::date ${only}
    ),
    subs as (
      select account_id,
        count(*) filter (where live_now)::int as live_subs,
        sum(seats) filter (where live_now)::int as seats,
        min(start_date)::text as first_start,
        (array_agg(start_date::text order by mrr_minor desc) filter (where live_now))[1] as sub_start,
        (array_agg(billing_period order by mrr_minor desc) filter (where live_now))[1] as sub_period,
        (array_agg(plan order by mrr_minor desc) filter (where live_now))[1] as sub_plan,
        (array_agg(renewal_date::text order by mrr_minor desc) filter (where live_now))[1] as sub_renewal,
        count(*) filter (where mrr_step < 0)::int as contractions,
        count(*) filter (where mrr_step > 0)::int as expansions,
        count(*) filter (where not live_now and (end_date < ${asOf}::date or cancelled_at < ${end}))::int as ended_before
      from subs_known group by account_id
    ),
    support as (
      select account_id,
        count(*) filter (where opened_at >= ${end} - interval '30 days')::int as tickets30,
        count(*) filter (where opened_at >= ${end} - interval '90 days')::int as tickets90,
        avg(resolution_minutes) filter (where closed_at < ${end} and opened_at >= ${end} - interval '180 days')::float8 as resolution_180,
        avg(satisfaction) filter (where closed_at < ${end} and opened_at >= ${end} - interval '180 days')::float8 as ticket_satisfaction_180
      from tickets where opened_at < ${end} ${only} group by account_id
    ),
    surveys as (
      select account_id,
        avg(score) filter (where kind = 'nps' and answered_at >= ${end} - interval '365 days')::float8 as nps_avg_365,
        count(*) filter (where kind = 'nps' and answered_at >= ${end} - interval '365 days')::int as nps_count_365,
        max(answered_at)::date::text as last_survey,
        (array_agg(score order by answered_at desc) filter (where kind = 'ces'))[1]::int as ces_latest
      from survey_responses where answered_at < ${end} ${only} group by account_id
    ),
    notes as (
      select account_id,
        count(*) filter (where occurred_at >= ${end} - interval '30 days')::int as notes30,
        count(*) filter (where occurred_at >= ${end} - interval '90 days')::int as notes90,
        avg(sentiment) filter (where occurred_at >= ${end} - interval '30 days')::float8 as sentiment30,
        min(sentiment) filter (where occurred_at >= ${end} - interval '90 days')::int as sentiment_min90
      from notes where occurred_at < ${end} and occurred_at >= ${end} - interval '90 days' ${only} group by account_id
    ),
    people as (
      -- Each contact as it was at the end of the day (role and active flag); one not known yet does not count.
      select account_id, count(*)::int as contacts,
        count(*) filter (where active)::int as contacts_active,
        count(*) filter (where role = 'executive_sponsor' and active)::int as sponsors,
        count(*) filter (where role = 'champion' and active)::int as champions,
        count(*) filter (where role = 'decision_maker' and active)::int as decision_makers
      from (
        select distinct on (account_id, contact_id) account_id, role, active from contact_states
        where valid_from < ${end} ${only} order by account_id, contact_id, valid_from desc
      ) states group by account_id
    )
    select * from acc
      left join usage using (account_id) left join names using (account_id) left join users using (account_id) left join subs using (account_id)
      left join support using (account_id) left join surveys using (account_id) left join notes using (account_id)
      left join people using (account_id)
    -- In id order: the rows (and so a model trained on them) must not depend on where the accounts lie on disk.
    order by account_id`.execute(db);
  return rows;
}

interface LongRow {
  account_id: string;
  key: string;
  value: number;
}

/** Events in the last 30 days of each of the workspace's most used event names (most used over the last 180). */
async function eventNameFeatures(db: Executor, asOf: string, accountIds?: string[]): Promise<LongRow[]> {
  const only = accountIds ? sql`and account_id = any(${accountIds}::uuid[])` : sql``;
  const { rows } = await sql<LongRow>`
    with top as (
      select event_name from usage_daily where day > ${asOf}::date - 180 and day <= ${asOf}::date
      group by event_name order by count(distinct account_id) desc, event_name limit ${TOP_EVENTS}
    )
    select account_id, event_name as key, sum(events)::float8 as value from usage_daily
    where day > ${asOf}::date - 30 and day <= ${asOf}::date and event_name in (select event_name from top) ${only}
    group by account_id, event_name`.execute(db);
  return rows;
}

/** Notes carrying each of the workspace's most used tags, over the last 180 days. */
async function tagFeatures(db: Executor, asOf: string, accountIds?: string[]): Promise<LongRow[]> {
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const only = accountIds ? sql`and account_id = any(${accountIds}::uuid[])` : sql``;
  const { rows } = await sql<LongRow>`
    with tagged as (
      select account_id, unnest(tags) as tag from notes
      where occurred_at < ${end} and occurred_at >= ${end} - interval '180 days' ${only}
    ),
    top as (select tag from tagged group by tag order by count(distinct account_id) desc, tag limit ${TOP_TAGS})
    select account_id, tag as key, count(*)::float8 as value from tagged
    where tag in (select tag from top) group by account_id, tag`.execute(db);
  return rows;
}

/**
 * The account's own traits (free-form JSON) as they were at the end of the day, the most common keys: numbers and
 * yes/no as numbers, text as a category.
 */
async function traitFeatures(
  db: Executor,
  asOf: string,
  accountIds?: string[],
): Promise<{ account_id: string; traits: Record<string, unknown> }[]> {
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const only = accountIds ? sql`and s.account_id = any(${accountIds}::uuid[])` : sql``;
  const { rows } = await sql<{ account_id: string; traits: Record<string, unknown> }>`
    select account_id, traits from (
      select distinct on (s.account_id) s.account_id, s.traits from account_states s
      join accounts a on a.id = s.account_id
      where a.first_seen_at < ${end} and s.valid_from < ${end} ${only} order by s.account_id, s.valid_from desc
    ) known where traits <> '{}'::jsonb`.execute(db);
  return rows;
}

const asNumber = (v: unknown) =>
  typeof v === 'number'
    ? v
    : typeof v === 'boolean'
      ? Number(v)
      : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
        ? Number(v)
        : null;

/** Numbers, yes/no and numeric text are numbers; any other text makes the trait a category. */
function traitColumns(
  rows: { account_id: string; traits: Record<string, unknown> }[],
  index: Map<string, number>,
  n: number,
): FeatureColumn[] {
  const presence = new Map<string, number>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.traits)) {
      if (['number', 'string', 'boolean'].includes(typeof value)) presence.set(key, (presence.get(key) ?? 0) + 1);
    }
  }
  const keys = [...presence]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_TRAITS)
    .map(([key]) => key)
    .sort();
  return keys.map((key) => {
    const values: (number | string | null)[] = new Array(n).fill(null);
    let numeric = true;
    for (const row of rows) {
      const v = row.traits[key];
      const i = index.get(row.account_id);
      if (i === undefined || v === undefined || v === null || typeof v === 'object') continue;
      values[i] = v as number | string; // yes/no become numbers (or text) just below
      if (asNumber(v) === null) numeric = false;
    }
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) values[i] = numeric ? asNumber(v) : String(v);
    }
    return { name: `trait:${key}`, kind: numeric ? ('numeric' as const) : ('categorical' as const), values };
  });
}

function longColumns(prefix: string, rows: LongRow[], index: Map<string, number>, n: number): FeatureColumn[] {
  const keys = [...new Set(rows.map((r) => r.key))].sort();
  const columns = new Map(
    keys.map((key) => [key, { name: `${prefix}${key}`, kind: 'numeric' as const, values: new Array(n).fill(0) }]),
  );
  for (const r of rows) {
    const i = index.get(r.account_id);
    const column = columns.get(r.key);
    if (i !== undefined && column) column.values[i] = r.value;
  }
  return [...columns.values()];
}

/**
 * BG/NBD's chance that each account is still active, and the active weeks it expects in the next 13, fitted on the
 * activity up to the day. None when there is no activity to fit (contract-only data).
 */
async function stillAlive(db: Executor, asOf: string): Promise<AliveEstimates | null> {
  try {
    return await aliveEstimates(db, asOf, { unit: 'week', horizon: 13 });
  } catch (error) {
    // Nobody came back on a second day yet: nothing to learn dropout from. Anything else is a real failure.
    if (/active on a second day/.test((error as Error).message)) return null;
    throw error;
  }
}

const ratio = (a: number | null, b: number | null) => (b ? (a ?? 0) / b : null);

/**
 * Every feature of every account that existed by the end of `asOf` (or of the given accounts), from data known by
 * then. Health measures are part of it (the same point-in-time measures the scorecards read), and so is the health
 * score the general scorecard gives them, so models can use it and evaluations can compare against it.
 */
export async function buildFeatureSnapshot(
  db: Executor,
  asOf: string,
  accountIds?: string[],
): Promise<FeatureSnapshot> {
  // Many ids filter slower than a full pass (a big array in every CTE): read everyone, keep the asked-for rows.
  if (accountIds && accountIds.length > 2000) {
    const all = await buildFeatureSnapshot(db, asOf);
    const position = new Map(all.accountIds.map((id, i) => [id, i]));
    return selectRows(
      all,
      accountIds.flatMap((id) => {
        const i = position.get(id);
        return i === undefined ? [] : [i];
      }),
    );
  }
  const alive = await stillAlive(db, asOf);
  const [extras, measures, events, tags, traits, scorecards] = [
    await extraFeatures(db, asOf, accountIds),
    // The measures' P(alive) from the fit just made, not a second one.
    await computeMeasures(db, asOf, accountIds, { aliveParameters: alive?.parameters ?? null }),
    await eventNameFeatures(db, asOf, accountIds),
    await tagFeatures(db, asOf, accountIds),
    await traitFeatures(db, asOf, accountIds),
    // The scorecard as it stood that day: a version saved later (perhaps fitted on these very outcomes) must not
    // score the past.
    await scorecardsInForce(db, asOf),
  ];
  const { accounts: mrr, currency } = await mrrFeatures(db, asOf, accountIds);
  const ids = extras.map((r) => r.account_id);
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const general = scorecards.find((s) => s.definition.appliesTo.lifecycleStages.length === 0);

  const numeric: Record<string, (r: ExtraRow) => number | null> = {
    'account.employees': (r) => r.employees,
    'account.days_since_first_seen': (r) => day(asOf) - day(r.first_seen),
    'usage.events_7d': (r) => r.e7 ?? 0,
    'usage.events_30d': (r) => r.e30 ?? 0,
    'usage.events_90d': (r) => r.e90 ?? 0,
    'usage.events_trend_7d': (r) => ratio(r.e7 !== null ? r.e7 * (30 / 7) : 0, r.e30) ?? null,
    'usage.events_trend_30d': (r) => ratio(r.e30, r.e_prev30),
    'usage.events_trend_90d': (r) => ratio(r.e90, r.e_prev90),
    'usage.active_days_7d': (r) => r.days7 ?? 0,
    'usage.active_days_30d': (r) => r.days30 ?? 0,
    'usage.active_days_90d': (r) => r.days90 ?? 0,
    'usage.distinct_events_30d': (r) => r.names30 ?? 0,
    'usage.active_users_7d': (r) => r.users7 ?? 0,
    'usage.active_users_90d': (r) => r.users90 ?? 0,
    'billing.live_subscriptions': (r) => r.live_subs ?? 0,
    // In the reporting currency (mrr-features.ts): a sum across currencies would add yen to euros.
    'billing.mrr': (r) => mrr.get(r.account_id)?.now ?? null,
    'billing.mrr_change_180d': (r) => mrr.get(r.account_id)?.change180 ?? null,
    'billing.seats': (r) => r.seats,
    'billing.tenure_days': (r) => (r.first_start ? day(asOf) - day(r.first_start) : null),
    'billing.days_to_next_renewal': (r) =>
      r.sub_start && r.sub_period ? daysToNextRenewal(asOf, r.sub_start, r.sub_period, r.sub_renewal) : null,
    'billing.contractions': (r) => (r.first_start ? (r.contractions ?? 0) : null),
    'billing.expansions': (r) => (r.first_start ? (r.expansions ?? 0) : null),
    'billing.ended_subscriptions': (r) => (r.first_start ? (r.ended_before ?? 0) : null),
    'support.tickets_30d': (r) => r.tickets30 ?? 0,
    'support.tickets_90d': (r) => r.tickets90 ?? 0,
    'support.resolution_minutes_180d': (r) => r.resolution_180,
    'support.ticket_satisfaction_180d': (r) => r.ticket_satisfaction_180,
    'voice.nps_average_365d': (r) => r.nps_avg_365,
    'voice.nps_responses_365d': (r) => r.nps_count_365 ?? 0,
    'voice.days_since_last_survey': (r) => (r.last_survey ? day(asOf) - day(r.last_survey) : null),
    'voice.latest_ces': (r) => r.ces_latest,
    'notes.count_30d': (r) => r.notes30 ?? 0,
    'notes.count_90d': (r) => r.notes90 ?? 0,
    'notes.sentiment_30d': (r) => r.sentiment30,
    'notes.worst_sentiment_90d': (r) => r.sentiment_min90,
    'people.contacts': (r) => r.contacts,
    'people.active_contacts': (r) => r.contacts_active,
    'people.active_sponsors': (r) => r.sponsors,
    'people.active_champions': (r) => r.champions,
    'people.active_decision_makers': (r) => r.decision_makers,
  };
  const categorical: Record<string, (r: ExtraRow) => string | null> = {
    'account.industry': (r) => r.industry,
    'account.country': (r) => r.country,
    'account.plan': (r) => r.plan,
    'account.coverage_tier': (r) => r.coverage_tier,
    'billing.plan': (r) => r.sub_plan,
    'billing.period': (r) => r.sub_period,
  };

  const columns: FeatureColumn[] = [
    ...Object.entries(numeric).map(([name, f]) => ({ name, kind: 'numeric' as const, values: extras.map(f) })),
    ...Object.entries(categorical).map(([name, f]) => ({ name, kind: 'categorical' as const, values: extras.map(f) })),
  ];
  // The renewal measure reads the stored renewal date as it is now; billing.days_to_next_renewal is its
  // point-in-time form.
  for (const measure of (Object.keys(measureCatalog) as MeasureId[]).filter(
    // Days to renewal comes from the subscriptions (billing.*); P(alive) is alive.probability below.
    (m) => m !== 'billing.days_to_renewal' && m !== 'usage.probability_alive',
  )) {
    columns.push({
      name: `health.${measure}`,
      kind: 'numeric',
      values: ids.map((id) => measures.get(id)?.values[measure] ?? null),
    });
  }
  if (general) {
    const { root, thresholds } = general.definition;
    columns.push({
      name: 'health.score',
      kind: 'numeric',
      values: ids.map((id) => scoreHealth({ root, thresholds, values: measures.get(id)?.values ?? {}, asOf }).score),
    });
  }
  if (alive) {
    const byAccount = new Map(alive.accounts.map((a) => [a.accountId, a]));
    columns.push(
      {
        name: 'alive.probability',
        kind: 'numeric',
        values: ids.map((id) => byAccount.get(id)?.probabilityAlive ?? null),
      },
      {
        name: 'alive.expected_activity',
        kind: 'numeric',
        values: ids.map((id) => byAccount.get(id)?.expectedTransactions ?? null),
      },
    );
  }
  columns.push(
    ...longColumns('event.30d:', events, index, n),
    ...longColumns('tag.180d:', tags, index, n),
    ...traitColumns(traits, index, n),
  );
  return { asOf, accountIds: ids, columns, currency };
}

/** The rows of a snapshot at the given positions, in that order. */
export function selectRows(snapshot: FeatureSnapshot, rows: number[]): FeatureSnapshot {
  return {
    asOf: snapshot.asOf,
    currency: snapshot.currency,
    accountIds: rows.map((i) => snapshot.accountIds[i] as string),
    columns: snapshot.columns.map((c) => ({ ...c, values: rows.map((i) => c.values[i] ?? null) })),
  };
}
