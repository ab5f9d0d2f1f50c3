import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { today } from '../shared/calendar.js';

// What "churned" means, and who could churn on a day. With contracts: an account with a live subscription at the
// end of the as-of day churned if none is live at the end of the horizon. Without contracts (B2C, usage-only
// products): an account active in the 90 days before the day churned if it has no activity in the horizon, or,
// when the product records one, if its churn event ("Subscription Cancelled") happened in the horizon.

export const churnDefinitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contract') }),
  z.strictObject({ kind: z.literal('inactivity') }),
  z.strictObject({ kind: z.literal('event'), eventName: z.string().trim().min(1).max(200) }),
]);
export type ChurnDefinition = z.infer<typeof churnDefinitionSchema>;

/** `contract`, `inactivity`, `event:NAME` or `auto` (contracts when there are any, otherwise inactivity). */
export async function parseChurnDefinition(db: Executor, text = 'auto'): Promise<ChurnDefinition> {
  if (text === 'contract' || text === 'inactivity') return { kind: text };
  if (text.startsWith('event:') && text.length > 6) return { kind: 'event', eventName: text.slice(6) };
  if (text !== 'auto') throw new Error(`churn definition "${text}": use contract, inactivity, event:NAME or auto`);
  const { rows } = await sql<{ any: boolean }>`select exists (select 1 from subscriptions) as any`.execute(db);
  return rows[0]?.any ? { kind: 'contract' } : { kind: 'inactivity' };
}

export function describeDefinition(definition: ChurnDefinition, horizonDays: number): string {
  if (definition.kind === 'contract') return `no live subscription ${horizonDays} days later`;
  if (definition.kind === 'inactivity') return `no activity in the next ${horizonDays} days`;
  return `"${definition.eventName}" within ${horizonDays} days`;
}

const ACTIVE_WINDOW_DAYS = 90;

/**
 * The accounts that could churn after `asOf` and, when the horizon has passed by `until` (today unless the data ends earlier), whether they did
 * (1 churned, 0 stayed); `null` while the horizon is still open (the accounts to predict).
 */
export async function churnOutcomes(
  db: Executor,
  asOf: string,
  horizonDays: number,
  definition: ChurnDefinition,
  until = today(),
): Promise<Map<string, 0 | 1 | null>> {
  const later = sql`(${asOf}::date + ${horizonDays}::int)`;
  const known = sql`${later} < ${until}::date`;
  let rows: { account_id: string; churned: boolean | null }[];
  if (definition.kind === 'contract') {
    const live = (d: ReturnType<typeof sql>) =>
      sql`(start_date <= ${d} and (end_date is null or end_date >= ${d})
        and (cancelled_at is null or cancelled_at >= (${d} + 1)::timestamptz))`;
    ({ rows } = await sql<{ account_id: string; churned: boolean | null }>`
      select account_id, case when ${known} then not bool_or(${live(later)}) end as churned
      from subscriptions group by account_id having bool_or(${live(sql`${asOf}::date`)})`.execute(db));
  } else {
    const churnedIf =
      definition.kind === 'inactivity'
        ? sql`not exists (select 1 from usage_daily l where l.account_id = a.account_id
              and l.day > ${asOf}::date and l.day <= ${later})`
        : sql`exists (select 1 from usage_daily l where l.account_id = a.account_id and l.event_name = ${definition.eventName}
              and l.day > ${asOf}::date and l.day <= ${later})`;
    const notYetGone =
      definition.kind === 'event'
        ? sql`and not exists (select 1 from usage_daily g where g.account_id = a.account_id
              and g.event_name = ${definition.eventName} and g.day <= ${asOf}::date)`
        : sql``;
    ({ rows } = await sql<{ account_id: string; churned: boolean | null }>`
      select a.account_id, case when ${known} then ${churnedIf} end as churned
      from (select distinct account_id from usage_daily
            where day > ${asOf}::date - ${ACTIVE_WINDOW_DAYS}::int and day <= ${asOf}::date) a
      where true ${notYetGone}`.execute(db));
  }
  return new Map(rows.map((r) => [r.account_id, r.churned === null ? null : r.churned ? 1 : 0]));
}
