import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { refreshPortfolioRows } from '../portfolio/refresh-portfolio-rows.js';
import { addDays } from '../shared/calendar.js';
import { toDecimalText } from '../shared/money.js';
import { upsertTask } from '../tasks/upsert-task.js';

const TASKS_PER_CSM = 4;
// Due dates spread so My day shows an overdue task, one due today and some later.
const DUE_IN_DAYS = [-1, 0, 3, 7];
const PRIORITY_BY_PLACE = ['urgent', 'high', 'high', 'normal'] as const;
const CHECKLIST = [
  { text: 'Read the latest notes, tickets and usage', done: false },
  { text: 'Call the champion', done: false },
  { text: 'Agree a rescue plan with a date', done: false },
];

/**
 * Gives each demo CSM a rescue task for their red accounts with the most MRR at risk, so "My day" is not empty
 * on the first start. Made as manual tasks with the reason in words and a dedupe key, so running it twice leaves
 * the same tasks. One ordered read of the portfolio and a few inserts: well under a second.
 */
export async function assignWorldTasks(database: Database, today: string): Promise<number> {
  const db = database.db;
  await refreshPortfolioRows(db, today);
  const { rows } = await sql<{
    account_id: string;
    owner_id: string;
    churn_risk: number | null;
    mrr_at_risk_minor: number | null;
    currency: string | null;
  }>`select account_id, owner_id, churn_risk, mrr_at_risk_minor, currency from (
      select p.account_id, p.owner_id, p.churn_risk, p.mrr_at_risk_minor, p.currency,
        row_number() over (partition by p.owner_id
          order by p.at_risk_group, coalesce(p.mrr_at_risk_minor, 0) desc, p.account_id) as place
      from portfolio_rows p
      join team_users u on u.id = p.owner_id and u.role = 'csm'
      where p.health_colour = 'red' and p.lifecycle_stage is distinct from 'churned'
    ) ranked
    where place <= ${TASKS_PER_CSM}
    order by owner_id, place`.execute(db);
  let made = 0;
  let place = 0;
  let owner = '';
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      place = row.owner_id === owner ? place + 1 : 0;
      owner = row.owner_id;
      const risk = row.churn_risk === null ? 'not predicted yet' : `${Math.round(row.churn_risk * 100)}%`;
      const atRisk =
        row.mrr_at_risk_minor === null || row.currency === null
          ? ''
          : `, ${toDecimalText(row.mrr_at_risk_minor, row.currency)} ${row.currency} of MRR at risk`;
      await upsertTask(
        trx,
        {
          accountId: row.account_id,
          title: 'Rescue call: health is red',
          assigneeId: row.owner_id,
          priority: PRIORITY_BY_PLACE[place] ?? 'normal',
          dueDate: addDays(today, DUE_IN_DAYS[place] ?? 7),
          checklist: CHECKLIST,
          reason: `Health is red and churn risk is ${risk}${atRisk}, among the most at stake in your book.`,
          dedupeKey: 'demo-red-rescue',
        },
        'demo',
      );
      made++;
    }
  });
  return made;
}
