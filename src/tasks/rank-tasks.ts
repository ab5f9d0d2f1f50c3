import { daysBetween } from '../shared/calendar.js';

/**
 * How "My day" orders a person's tasks.
 *
 * score = churn risk × MRR × urgency
 * - churn risk: the account's latest predicted probability of churning (0–1), from portfolio_rows;
 * - MRR: the account's monthly recurring revenue in the reporting currency, in major units (an account with no
 *   figure in the reporting currency, or no risk yet, scores 0: there is nothing at stake that Pacer can weigh);
 * - urgency of the due date: 1 when due today or overdue, 7 / (7 + days until due) otherwise (due in a week: 0.5,
 *   in two weeks: 1/3), and 0.25 with no due date (as if due in three weeks).
 * Overdue tasks come first whatever their score (a promise already broken beats one at risk), each group by score,
 * highest first; equal scores by the earlier due date, then the higher priority, then the older task.
 */
export interface RankInput {
  churnRisk: number | null;
  /** MRR in the reporting currency, major units; null when the account has no figure in it. */
  mrr: number | null;
  dueDate: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  createdAt: string;
}

export interface Rank {
  score: number;
  churnRisk: number;
  mrr: number;
  urgency: number;
  overdue: boolean;
}

const PRIORITY_ORDER = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
const NO_DUE_DATE_URGENCY = 0.25;

export function dueUrgency(dueDate: string | null, today: string): number {
  if (dueDate === null) return NO_DUE_DATE_URGENCY;
  const daysUntil = daysBetween(today, dueDate);
  return daysUntil <= 0 ? 1 : 7 / (7 + daysUntil);
}

export function rankOf(task: RankInput, today: string): Rank {
  const churnRisk = task.churnRisk ?? 0;
  const mrr = task.mrr ?? 0;
  const urgency = dueUrgency(task.dueDate, today);
  return {
    score: churnRisk * mrr * urgency,
    churnRisk,
    mrr,
    urgency,
    overdue: task.dueDate !== null && task.dueDate < today,
  };
}

/** The tasks in "My day" order, each with its rank. */
export function rankTasks<T extends RankInput>(tasks: readonly T[], today: string): { task: T; rank: Rank }[] {
  return tasks
    .map((task) => ({ task, rank: rankOf(task, today) }))
    .sort(
      (a, b) =>
        Number(b.rank.overdue) - Number(a.rank.overdue) ||
        b.rank.score - a.rank.score ||
        (a.task.dueDate ?? '9999-12-31').localeCompare(b.task.dueDate ?? '9999-12-31') ||
        PRIORITY_ORDER[a.task.priority] - PRIORITY_ORDER[b.task.priority] ||
        a.task.createdAt.localeCompare(b.task.createdAt),
    );
}
