import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { addDays, monthEndsUntil } from '../shared/calendar.js';
import { liftAtTopDecile, rocAuc } from '../stats/classification-metrics.js';
import { fitLogisticRegression } from '../stats/logistic-regression.js';
import { matrixFromRows } from '../stats/matrix.js';
import { type AccountMeasures, computeMeasures } from './compute-measures.js';
import { lastDayWithData } from './data-span.js';
import type { ScorecardDefinition } from './default-scorecards.js';
import type { Color, GroupNode } from './scorecard.schema.js';
import { scoreHealth } from './scorecard-math.js';
import { currentScorecards, type StoredScorecard, saveScorecardVersion } from './scorecard-store.js';

// Replays history: for each month-end, the score the scorecard would have given then, against whether the
// account's contracts had ended within the horizon. Measures read only what was known on that day.

interface Observation {
  asOf: string;
  accountId: string;
  score: number;
  color: Color;
  churned: boolean;
  contracted: boolean;
  groupScores: number[];
}

interface Quality {
  n: number;
  positives: number;
  auc: number | null;
  liftTopDecile: number | null;
}

export interface BacktestReport {
  scorecard: string;
  scorecardVersion: number;
  horizonDays: number;
  /** The last day replayed outcomes may reach: the last day with data, or the day asked for (--until). */
  until: string;
  untilFrom: 'data' | 'asked';
  asOfDates: string[];
  n: number;
  churned: number;
  contracted: number;
  auc: number | null;
  liftTopDecile: number | null;
  byColor: Record<Color, { accounts: number; churned: number; churnRate: number | null }>;
  /** Churners that were green 30 days before their contract ended. */
  watermelons: {
    churners: number;
    greenThirtyDaysBefore: number;
    share: number | null;
    /** The green ones, latest ended first. */
    accounts: { accountId: string; name: string; endedOn: string; scoredOn: string; score: number }[];
  };
  /** Weights of the top-level groups fitted on the earlier half of the dates, judged on the later half. */
  suggestion: {
    groups: { name: string; weight: number; suggestedWeight: number }[];
    fittedOn: string[];
    judgedOn: string[];
    current: Quality;
    suggested: Quality;
  } | null;
}

/** Month-ends whose horizon has passed by `latest` (the last day outcomes are known): the last 12 by default. */
export function backtestDates(latest: string, horizonDays: number, months = 12): string[] {
  return monthEndsUntil(addDays(latest, -horizonDays), months);
}

async function outcomes(db: Executor, asOf: string, horizonDays: number) {
  const later = addDays(asOf, horizonDays);
  const live = (day: string) =>
    sql`(start_date <= ${day}::date and (end_date is null or end_date >= ${day}::date)
      and (cancelled_at is null or cancelled_at >= (${day}::date + 1)::timestamptz))`;
  const { rows } = await sql<{ account_id: string; live_later: boolean; mrr_now: number; mrr_later: number | null }>`
    select account_id, bool_or(${live(later)}) as live_later,
      sum(mrr_minor) filter (where ${live(asOf)})::float8 as mrr_now,
      sum(mrr_minor) filter (where ${live(later)})::float8 as mrr_later
    from subscriptions group by account_id having bool_or(${live(asOf)})`.execute(db);
  return rows;
}

function quality(rows: { score: number; churned: boolean }[]): Quality {
  const risk = rows.map((r) => 100 - r.score);
  const labels = rows.map((r) => (r.churned ? 1 : 0));
  return {
    n: rows.length,
    positives: labels.filter((y) => y === 1).length,
    auc: rocAuc(risk, labels),
    liftTopDecile: liftAtTopDecile(risk, labels),
  };
}

function reweighted(definition: ScorecardDefinition, weights: number[]): GroupNode {
  return {
    ...definition.root,
    children: definition.root.children.map((child, i) => ({ ...child, weight: Math.max(weights[i] ?? 0, 0.0001) })),
  };
}

/**
 * Replays the month-ends of the span the data covers: those whose horizon ends by the last day with data (or by
 * `until`), so an export that ends in the past is judged on its own calendar. When no account-month has a known
 * outcome it says so ("nothing to judge: …") rather than report a table of zeros.
 */
export async function backtestHealth(
  db: Executor,
  options: {
    horizonDays: number;
    until?: string;
    dates?: string[];
    /** Replay this scorecard (a proposed one, version 0 when unsaved); default the current general scorecard. */
    scorecard?: StoredScorecard;
  },
): Promise<BacktestReport> {
  const scorecard =
    options.scorecard ??
    ((await currentScorecards(db)).find((s) => s.definition.appliesTo.lifecycleStages.length === 0) as StoredScorecard);
  const { definition } = scorecard;
  const until = options.until ?? (await lastDayWithData(db));
  if (until === null) {
    throw new Error('nothing to judge: there is no dated data yet (usage, subscriptions, notes, surveys or tickets)');
  }
  const dates = options.dates ?? backtestDates(until, options.horizonDays);
  const observations: Observation[] = [];
  const measuresByDate = new Map<string, Map<string, AccountMeasures>>();
  for (const asOf of dates) {
    const outcome = await outcomes(db, asOf, options.horizonDays);
    if (outcome.length === 0) continue;
    const measures = await computeMeasures(
      db,
      asOf,
      outcome.map((o) => o.account_id),
    );
    measuresByDate.set(asOf, measures);
    for (const o of outcome) {
      const values = measures.get(o.account_id)?.values ?? {};
      const result = scoreHealth({ root: definition.root, thresholds: definition.thresholds, values, asOf });
      if (result.score === null || result.color === null) continue;
      const groupScores = definition.root.children.map((group) =>
        group.type === 'group'
          ? (scoreHealth({ root: group, thresholds: definition.thresholds, values, asOf }).score ?? 50)
          : 50,
      );
      observations.push({
        asOf,
        accountId: o.account_id,
        score: result.score,
        color: result.color,
        churned: !o.live_later,
        contracted: o.live_later && o.mrr_later !== null && o.mrr_later < o.mrr_now,
        groupScores,
      });
    }
  }

  const byColor = {
    green: { accounts: 0, churned: 0, churnRate: null },
    yellow: { accounts: 0, churned: 0, churnRate: null },
    red: { accounts: 0, churned: 0, churnRate: null },
  } as BacktestReport['byColor'];
  for (const o of observations) {
    byColor[o.color].accounts++;
    if (o.churned) byColor[o.color].churned++;
  }
  for (const c of Object.values(byColor)) c.churnRate = c.accounts ? c.churned / c.accounts : null;

  // Watermelons: each churner once, scored 30 days before its contract ended.
  const churnedAccounts = [...new Set(observations.filter((o) => o.churned).map((o) => o.accountId))];
  let judged = 0;
  const watermelons: BacktestReport['watermelons']['accounts'] = [];
  if (churnedAccounts.length > 0) {
    const { rows } = await sql<{ account_id: string; name: string; ended: string }>`
      select s.account_id, min(a.name) as name, max(coalesce(s.cancelled_at::date, s.end_date))::text as ended
      from subscriptions s join accounts a on a.id = s.account_id
      where s.account_id = any(${churnedAccounts}::uuid[]) group by s.account_id`.execute(db);
    for (const row of rows) {
      if (!row.ended) continue;
      const day = addDays(row.ended, -30);
      const values = (await computeMeasures(db, day, [row.account_id])).get(row.account_id)?.values;
      if (!values) continue;
      const result = scoreHealth({ root: definition.root, thresholds: definition.thresholds, values, asOf: day });
      if (result.color === null) continue;
      judged++;
      if (result.color === 'green') {
        watermelons.push({
          accountId: row.account_id,
          name: row.name,
          endedOn: row.ended,
          scoredOn: day,
          score: result.score ?? 0,
        });
      }
    }
  }
  watermelons.sort((a, b) => b.endedOn.localeCompare(a.endedOn) || a.name.localeCompare(b.name));
  const green = watermelons.length;

  // Suggested weights: fitted on the earlier half of the dates, judged on the later half against the current ones.
  let suggestion: BacktestReport['suggestion'] = null;
  const half = Math.floor(dates.length / 2);
  const fitDates = new Set(dates.slice(0, half));
  const train = observations.filter((o) => fitDates.has(o.asOf));
  const test = observations.filter((o) => !fitDates.has(o.asOf));
  if (train.some((o) => o.churned) && train.some((o) => !o.churned) && test.length > 0) {
    const model = fitLogisticRegression(
      matrixFromRows(train.map((o) => o.groupScores)),
      Uint8Array.from(train, (o) => (o.churned ? 1 : 0)),
      { l2: 0.01 },
    );
    // Per point of each group's score (the groups share one 0–100 scale), not per standard deviation.
    const coefficients = model.coefficients.map((c, j) => c / (model.scales[j] ?? 1));
    // A group whose higher score meant less churn gets weight in proportion; one that did not, none.
    const raw = coefficients.map((c) => Math.max(0, -c));
    const total = raw.reduce((a, b) => a + b, 0);
    if (total > 0) {
      const weights = raw.map((w) => (100 * w) / total);
      const root = reweighted(definition, weights);
      const rescored = test.map((o) => {
        const values = measuresByDate.get(o.asOf)?.get(o.accountId)?.values ?? {};
        return {
          score: scoreHealth({ root, thresholds: definition.thresholds, values, asOf: o.asOf }).score ?? 50,
          churned: o.churned,
        };
      });
      suggestion = {
        groups: definition.root.children.map((child, i) => ({
          name: child.type === 'group' ? child.name : child.measure,
          weight: child.weight,
          suggestedWeight: Math.round((weights[i] ?? 0) * 10) / 10,
        })),
        fittedOn: [...fitDates],
        judgedOn: dates.slice(half),
        current: quality(test),
        suggested: quality(rescored),
      };
    }
  }

  if (observations.length === 0) {
    throw new Error(
      `nothing to judge: no account had a live subscription on the month-ends ${dates[0] ?? '—'} … ${dates.at(-1) ?? '—'} (the ${dates.length} whose ${options.horizonDays}-day outcome is known by ${until})`,
    );
  }
  const overall = quality(observations);
  return {
    scorecard: scorecard.name,
    scorecardVersion: scorecard.version,
    horizonDays: options.horizonDays,
    until,
    untilFrom: options.until ? 'asked' : 'data',
    asOfDates: dates,
    n: observations.length,
    churned: overall.positives,
    contracted: observations.filter((o) => o.contracted).length,
    auc: overall.auc,
    liftTopDecile: overall.liftTopDecile,
    byColor,
    watermelons: {
      churners: judged,
      greenThirtyDaysBefore: green,
      share: judged ? green / judged : null,
      accounts: watermelons,
    },
    suggestion,
  };
}

/**
 * Whether the suggested weights earned a place: only when they rank the later, held-out month-ends better (higher
 * ROC-AUC) than the current weights do. The reason is said either way.
 */
export function judgeSuggestion(report: BacktestReport): { better: boolean; reason: string } {
  const s = report.suggestion;
  if (!s) return { better: false, reason: 'there are no suggested weights (too little history to fit them on)' };
  const span = `${s.judgedOn[0] ?? '—'} … ${s.judgedOn.at(-1) ?? '—'}`;
  const auc = (x: number | null) => (x === null ? 'no ROC-AUC' : `ROC-AUC ${x.toFixed(3)}`);
  if (s.suggested.auc === null || s.current.auc === null || s.suggested.auc <= s.current.auc) {
    return {
      better: false,
      reason: `the suggested weights score ${auc(s.suggested.auc)} on the held-out month-ends ${span}, no better than the current weights' ${auc(s.current.auc)}`,
    };
  }
  return {
    better: true,
    reason: `the suggested weights score ${auc(s.suggested.auc)} on the held-out month-ends ${span}, better than the current weights' ${auc(s.current.auc)}`,
  };
}

/**
 * Saves the suggested weights as the scorecard's next version when they beat the current ones on the held-out
 * month-ends (see judgeSuggestion); otherwise saves nothing. Gives the version saved, or null, and why.
 */
export async function acceptSuggestedWeights(
  db: Executor,
  report: BacktestReport,
  by: string,
): Promise<{ version: number | null; reason: string }> {
  const judged = judgeSuggestion(report);
  if (!judged.better) return { version: null, reason: judged.reason };
  const current = (await currentScorecards(db)).find((s) => s.name === report.scorecard);
  if (!current || current.version !== report.scorecardVersion) {
    return {
      version: null,
      reason: `"${report.scorecard}" changed since the backtest (now version ${current?.version ?? 'none'}); run it again`,
    };
  }
  const version = await saveScorecardVersion(
    db,
    report.scorecard,
    withSuggestedWeights(current.definition, report),
    by,
  );
  return { version, reason: judged.reason };
}

/** The scorecard with the suggested top-level weights, ready to save as a new version. */
export function withSuggestedWeights(definition: ScorecardDefinition, report: BacktestReport): ScorecardDefinition {
  if (!report.suggestion) return definition;
  return {
    ...definition,
    root: reweighted(
      definition,
      report.suggestion.groups.map((g) => g.suggestedWeight),
    ),
  };
}
