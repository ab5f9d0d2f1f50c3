import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { backtestDates } from '../health/backtest-health.js';
import { lastDayWithData } from '../health/data-span.js';
import { today } from '../shared/calendar.js';
import {
  type ChurnModel,
  churnReasons,
  predictChurn,
  type Reason,
  type TrainingData,
  trainChurnModel,
} from './churn-model.js';
import { type ChurnDefinition, churnOutcomes, describeDefinition, parseChurnDefinition } from './churn-outcomes.js';
import { labelledSnapshot } from './evaluate-churn.js';
import { stackSnapshots } from './feature-encoding.js';
import { buildFeatureSnapshot } from './feature-snapshot.js';
import { trainInWorker } from './train-in-worker.js';

// Training, storing and applying churn models: the glue between the database and the pure model code.

export const churnSettingsSchema = z.strictObject({
  horizonDays: z.number().int().min(7).max(730).describe('How far ahead churn is predicted, in days.'),
  definition: z
    .string()
    .trim()
    .regex(/^(auto|contract|inactivity|event:.+)$/, { error: 'use auto, contract, inactivity or event:NAME' })
    .describe('What churn means: contract (no live subscription), inactivity, event:NAME, or auto.'),
});
export type ChurnSettings = z.infer<typeof churnSettingsSchema>;

export const defaultChurnSettings: ChurnSettings = { horizonDays: 90, definition: 'auto' };

export async function readChurnSettings(db: Executor): Promise<ChurnSettings> {
  const { rows } = await sql<{ value: Partial<ChurnSettings> }>`select value from settings where key = 'churn'`.execute(
    db,
  );
  return { ...defaultChurnSettings, ...(rows[0]?.value ?? {}) };
}

export async function writeChurnSettings(db: Executor, settings: ChurnSettings): Promise<void> {
  await sql`insert into settings (key, value) values ('churn', cast(${JSON.stringify(settings)} as jsonb))
    on conflict (key) do update set value = excluded.value, updated_at = now()`.execute(db);
}

/** Every account-month whose outcome is known by `until`, stacked: what a model learns from. */
export async function collectTrainingData(
  db: Executor,
  options: { horizonDays: number; definition: ChurnDefinition; until: string; months?: number },
): Promise<{ data: TrainingData; dates: string[] }> {
  const snapshots = [];
  const labels: number[] = [];
  const keys: string[] = [];
  const dates: string[] = [];
  for (const asOf of backtestDates(options.until, options.horizonDays, options.months ?? 12)) {
    const data = await labelledSnapshot(db, asOf, options.horizonDays, options.definition, options.until);
    if (data.labels.length === 0) continue;
    snapshots.push(data.snapshot);
    labels.push(...data.labels);
    keys.push(...data.foldKeys);
    dates.push(asOf);
  }
  return {
    data: { snapshot: stackSnapshots(snapshots), labels: Uint8Array.from(labels), foldKeys: keys },
    dates,
  };
}

/**
 * The day training treats as "now": the last day with data, so an export that ends in the past trains on its own
 * calendar; never later than `today` when given (the server's day, a test's day).
 */
export async function trainingUntil(db: Executor, todayOrEarlier?: string): Promise<string> {
  const day = todayOrEarlier ?? today();
  const last = await lastDayWithData(db);
  return last !== null && last < day ? last : day;
}

export interface ModelSummary {
  id: string;
  trainedAt: string;
  horizonDays: number;
  churnMeans: string;
  definition: ChurnDefinition;
  estimator: 'logistic' | 'boosting';
  asOfDates: string[];
  features: number;
  training: ChurnModel['training'];
  validation: ChurnModel['validation'];
}

interface ModelRow {
  id: string;
  trained_at: Date;
  horizon_days: number;
  definition: ChurnDefinition;
  as_of_dates: string[] | string;
  estimator: 'logistic' | 'boosting';
  model: ChurnModel;
  summary: Pick<ModelSummary, 'features' | 'training' | 'validation'>;
}

const dateList = (v: string[] | string) => (Array.isArray(v) ? v : v.replace(/[{}]/g, '').split(',').filter(Boolean));

function summaryOf(row: ModelRow): ModelSummary {
  return {
    id: row.id,
    trainedAt: new Date(row.trained_at).toISOString(),
    horizonDays: row.horizon_days,
    churnMeans: describeDefinition(row.definition, row.horizon_days),
    definition: row.definition,
    estimator: row.estimator,
    asOfDates: dateList(row.as_of_dates),
    ...row.summary,
  };
}

/** Trains on the last `months` month-ends whose outcome is known (in a worker thread) and stores the model. */
/** The data holds no past month-end to learn from: a fact about the data, not a fault. */
export class NotEnoughHistoryError extends Error {}

export async function trainChurn(
  db: Executor,
  options: { horizonDays?: number; definition?: string; today?: string; months?: number; inWorker?: boolean } = {},
): Promise<ModelSummary> {
  const settings = await readChurnSettings(db);
  const horizonDays = options.horizonDays ?? settings.horizonDays;
  const definition = await parseChurnDefinition(db, options.definition ?? settings.definition);
  const until = await trainingUntil(db, options.today);
  const { data, dates } = await collectTrainingData(db, {
    horizonDays,
    definition,
    until,
    ...(options.months ? { months: options.months } : {}),
  });
  if (dates.length === 0) {
    throw new NotEnoughHistoryError(
      `no history to learn from: no month-end whose ${horizonDays}-day outcome is known by ${until} (the last day with data) has accounts that could churn (${describeDefinition(definition, horizonDays)})`,
    );
  }
  const model = await (options.inWorker === false
    ? Promise.resolve().then(() => trainChurnModel(data))
    : trainInWorker(data)
  ).catch((error: unknown) => {
    // Too few account-dates (or churned ones) to fit: like no history at all, the data's state, not a fault.
    if (/too little history/.test((error as Error).message)) {
      throw new NotEnoughHistoryError((error as Error).message);
    }
    throw error;
  });
  const id = uuidv7();
  const summary = { features: model.encoding.columns.length, training: model.training, validation: model.validation };
  const { rows } = await sql<ModelRow>`
    insert into churn_models (id, horizon_days, definition, as_of_dates, estimator, model, summary)
    values (${id}, ${horizonDays}, cast(${JSON.stringify(definition)} as jsonb), ${dates}::date[],
      ${model.estimator.kind}, cast(${JSON.stringify(model)} as jsonb), cast(${JSON.stringify(summary)} as jsonb))
    returning id, trained_at, horizon_days, definition, as_of_dates::text[] as as_of_dates, estimator, model, summary`.execute(
    db,
  );
  return summaryOf(rows[0] as ModelRow);
}

export async function latestModel(db: Executor): Promise<(ModelSummary & { model: ChurnModel }) | null> {
  const { rows } = await sql<ModelRow>`
    select id, trained_at, horizon_days, definition, as_of_dates::text[] as as_of_dates, estimator, model, summary
    from churn_models order by trained_at desc, id desc limit 1`.execute(db);
  const row = rows[0];
  return row ? { ...summaryOf(row), model: row.model } : null;
}

export interface AccountRisk {
  accountId: string;
  asOf: string;
  probability: number;
  reasons: { raising: Reason[]; lowering: Reason[] };
}

/**
 * Scores every account that could churn after `asOf` (default today) with the latest model and stores the risk
 * and its reasons (replacing that day's). Returns how many were scored.
 */
export async function predictChurnRisk(
  db: Executor,
  options: { asOf?: string; accountIds?: string[] } = {},
): Promise<{ model: ModelSummary; asOf: string; risks: AccountRisk[] }> {
  const latest = await latestModel(db);
  if (!latest) throw new Error('no churn model yet: train one first (pacer churn train)');
  const asOf = options.asOf ?? today();
  const population = await churnOutcomes(db, asOf, latest.horizonDays, latest.definition, '9999-12-31');
  const ids = [...population.keys()].filter((id) => !options.accountIds || options.accountIds.includes(id));
  const snapshot = await buildFeatureSnapshot(db, asOf, ids);
  const probabilities = predictChurn(latest.model, snapshot);
  const reasons = churnReasons(latest.model, snapshot, probabilities);
  const risks: AccountRisk[] = snapshot.accountIds.map((accountId, i) => ({
    accountId,
    asOf,
    probability: probabilities[i] ?? 0,
    reasons: reasons[i] ?? { raising: [], lowering: [] },
  }));
  const { model: _, ...model } = latest;
  for (let i = 0; i < risks.length; i += 2000) {
    const chunk = risks.slice(i, i + 2000).map((r) => ({
      account_id: r.accountId,
      probability: r.probability,
      reasons: r.reasons,
    }));
    await sql`
      insert into churn_predictions (account_id, as_of, model_id, probability, reasons)
      select r.account_id, ${asOf}::date, ${latest.id}::uuid, r.probability, r.reasons
      from jsonb_to_recordset(cast(${JSON.stringify(chunk)} as jsonb)) as r(account_id uuid, probability real, reasons jsonb)
      on conflict (account_id, as_of) do update set model_id = excluded.model_id, probability = excluded.probability,
        reasons = excluded.reasons, computed_at = now()`.execute(db);
  }
  return { model, asOf, risks };
}

/** The account's latest stored churn risk, with its reasons and the model that gave it. */
export async function accountRisk(db: Executor, accountId: string) {
  const { rows } = await sql<{
    as_of: string;
    probability: number;
    reasons: AccountRisk['reasons'];
    computed_at: Date;
    model_id: string;
  }>`select as_of, probability, reasons, computed_at, model_id from churn_predictions
     where account_id = ${accountId} order by as_of desc limit 1`.execute(db);
  return rows[0] ?? null;
}

/** What the risk list shows beside each account's figures: name, owner, latest health, the risk's reasons. */
export async function riskDetails(db: Executor, accountIds: string[]) {
  const { rows } = await sql<{
    account_id: string;
    name: string;
    external_id: string | null;
    owner_id: string | null;
    owner_name: string | null;
    reasons: AccountRisk['reasons'];
    health_score: number | null;
    health_color: string | null;
    health_as_of: string | null;
  }>`
    select a.id as account_id, a.name, a.external_id, a.owner_id, u.name as owner_name, p.reasons,
      h.score as health_score, h.color as health_color, h.as_of::text as health_as_of
    from accounts a
    left join team_users u on u.id = a.owner_id
    join churn_predictions p on p.account_id = a.id and p.as_of = (select max(as_of) from churn_predictions)
    left join lateral (
      select score, color, as_of from health_scores where account_id = a.id order by as_of desc limit 1
    ) h on true
    where a.id = any(${accountIds}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.account_id, r]));
}
