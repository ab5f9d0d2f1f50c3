import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { type Actor, mayCall } from '../server/actor.js';
import { toDecimalText } from '../shared/money.js';

// The key facts of one account as the account page shows them: its own fields, its owner's name, and the money,
// renewal and last activity the portfolio keeps for it (portfolio_rows, refreshed by the caller), with what the
// caller may change on it.

interface OverviewRow {
  id: string;
  external_id: string | null;
  name: string;
  domain: string | null;
  industry: string | null;
  country: string | null;
  plan: string | null;
  lifecycle_stage: string;
  coverage_tier: string | null;
  owner_id: string | null;
  owner_name: string | null;
  first_seen_at: Date;
  currency: string | null;
  mrr_minor: string | null;
  arr_minor: string | null;
  renewal_date: string | null;
  last_active_day: string | null;
}

/** What the caller may do here; the API enforces the same rules (server/account-ownership.ts, route access). */
export function permissionsOn(actor: Actor, ownerId: string | null) {
  const csm = mayCall(actor, 'csm');
  // A signed-in CSM changes only their own accounts' fields; notes and overrides they may add anywhere.
  const ownsOrNotLimited = !(actor.userId && actor.scope === 'csm') || ownerId === actor.userId;
  return { editAccount: csm && ownsOrNotLimited, addNote: csm, overrideHealth: csm };
}

export async function readAccountOverview(db: Executor, accountId: string, actor: Actor) {
  const { rows } = await sql<OverviewRow>`
    select a.id, a.external_id, a.name, a.domain, a.industry, a.country, a.plan, a.lifecycle_stage, a.coverage_tier,
      a.owner_id, u.name as owner_name, a.first_seen_at, p.currency, p.mrr_minor::text as mrr_minor,
      p.arr_minor::text as arr_minor, p.renewal_date::text as renewal_date, p.last_active_day::text as last_active_day
    from accounts a
    left join team_users u on u.id = a.owner_id
    left join portfolio_rows p on p.account_id = a.id
    where a.id = ${accountId}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const money = (minor: string | null) =>
    minor === null || row.currency === null
      ? null
      : { amount: toDecimalText(Number(minor), row.currency), currency: row.currency };
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    country: row.country,
    plan: row.plan,
    lifecycleStage: row.lifecycle_stage,
    tier: row.coverage_tier,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name } : null,
    firstSeenAt: row.first_seen_at.toISOString(),
    mrr: money(row.mrr_minor),
    arr: money(row.arr_minor),
    renewalDate: row.renewal_date,
    lastActiveDay: row.last_active_day,
    youMay: permissionsOn(actor, row.owner_id),
  };
}
