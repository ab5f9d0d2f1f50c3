import { z } from 'zod';

// The shapes of the stored trust reports as the API answers them: they document the routes (OpenAPI) and type the
// web app (web/src/api/schema.d.ts). The reports themselves are made by health/backtest-health.ts and
// predict/evaluate-churn.ts; these schemas describe them, they do not validate them on the way out.

export const trustKinds = ['health-backtest', 'churn-evaluation'] as const;
export type TrustKind = (typeof trustKinds)[number];

const rate = z.number().nullable();

const colourRow = z.object({
  accounts: z.number().describe('Account-months that were this colour on a replayed month-end.'),
  churned: z.number().describe('Of those, how many had no live contract `horizonDays` later.'),
  churnRate: rate.describe('churned / accounts; null when no account-month was this colour.'),
});

const quality = z.object({
  n: z.number(),
  positives: z.number(),
  auc: rate,
  liftTopDecile: rate,
});

/** What a health backtest measured: the figures of one scorecard version over the replayed month-ends. */
export const healthBacktestSummarySchema = z.object({
  scorecard: z.string(),
  scorecardVersion: z.number().describe('0 for a proposed definition that is not saved.'),
  horizonDays: z.number(),
  until: z.string(),
  asOfDates: z.array(z.string()),
  n: z.number().describe('Account-months replayed: accounts with a live contract on a month-end.'),
  churned: z.number().describe('Account-months whose account had no live contract `horizonDays` later.'),
  auc: rate.describe('ROC-AUC of (100 − score) against churn within the horizon.'),
  liftTopDecile: rate.describe('Churn rate of the lowest-scored tenth ÷ the overall churn rate.'),
  byColor: z.object({ green: colourRow, yellow: colourRow, red: colourRow }),
  watermelons: z.object({
    churners: z.number().describe('Churned accounts that could be scored 30 days before their contract ended.'),
    greenThirtyDaysBefore: z.number(),
    share: rate,
  }),
});

export const healthBacktestReportSchema = healthBacktestSummarySchema.extend({
  untilFrom: z.enum(['data', 'asked']),
  contracted: z.number(),
  watermelons: healthBacktestSummarySchema.shape.watermelons.extend({
    accounts: z
      .array(
        z.object({
          accountId: z.uuid(),
          name: z.string(),
          endedOn: z.string().describe('The day its last contract ended.'),
          scoredOn: z.string().describe('30 days before: the day it was scored green.'),
          score: z.number(),
        }),
      )
      .describe('The green churners, latest ended first.'),
  }),
  suggestion: z
    .object({
      groups: z.array(z.object({ name: z.string(), weight: z.number(), suggestedWeight: z.number() })),
      fittedOn: z.array(z.string()).describe('The earlier month-ends the weights were fitted on.'),
      judgedOn: z.array(z.string()).describe('The later month-ends, held out, both weightings are judged on.'),
      current: quality,
      suggested: quality,
    })
    .nullable(),
});

const rocPoint = z.object({ fpr: z.number(), tpr: z.number() });
const calibrationBin = z.object({ n: z.number(), meanPredicted: z.number(), observedRate: z.number() });
const figures = z.object({
  n: z.number(),
  positives: z.number(),
  rocAuc: rate,
  prAuc: rate,
  brier: rate,
  liftTopDecile: rate,
  calibration: z.array(calibrationBin).describe('Ten equal-size bins by predicted probability, lowest first.'),
});
const spread = z.object({ median: z.number(), min: z.number(), max: z.number() }).nullable();

export const churnEvaluationReportSchema = z.object({
  method: z.enum(['cross-validation', 'backtest']),
  horizonDays: z.number(),
  churnMeans: z.string(),
  asOfDates: z.array(z.string()),
  testedDates: z.array(z.string()).describe('Month-ends predicted, each by a model trained on earlier ones only.'),
  until: z.string(),
  untilFrom: z.enum(['data', 'option', 'today']),
  folds: z.number().nullable(),
  n: z.number().describe('Held-out account-months: every figure is measured on these.'),
  positives: z.number(),
  model: figures,
  healthScore: figures.describe('The health score, turned into a probability on the training side only.'),
  daysSinceLastActive: figures.describe('Days since last active, turned into a probability the same way.'),
  chosen: z.object({ logistic: z.number(), boosting: z.number() }),
  seeds: z.object({ seeds: z.array(z.number()), rocAuc: spread, prAuc: spread, brier: spread }),
  roc: z.object({
    model: z.array(rocPoint),
    healthScore: z.array(rocPoint),
    daysSinceLastActive: z.array(rocPoint),
  }),
});

const state = z
  .enum(['ready', 'computing', 'none', 'not_enough_history', 'failed'])
  .describe(
    'ready: a report is stored (a recompute may have failed since: see lastError); computing: one is being made (the previous report, if any, is still given); not_enough_history: the data holds too little history to judge; failed: the last computation failed; none: never computed.',
  );

const envelope = {
  state,
  computedAt: z.string().nullable(),
  computedBy: z.string().nullable().describe("Who asked for it; 'pacer' when the app computed it on first request."),
  seconds: z.number().nullable().describe('How long the computation took.'),
  reportId: z.uuid().nullable(),
  computing: z
    .object({
      startedAt: z.string(),
      by: z.string(),
      models: z
        .object({ done: z.number(), total: z.number() })
        .nullable()
        .describe('The churn evaluation trains a model per month-end and seed: how many are trained so far.'),
    })
    .nullable(),
  lastError: z
    .object({ code: z.enum(['not_enough_history', 'failed']), message: z.string(), at: z.string() })
    .nullable(),
};

export const healthBacktestAnswerSchema = z.object({
  ...envelope,
  report: healthBacktestReportSchema.nullable(),
  judgement: z
    .object({ better: z.boolean(), reason: z.string() })
    .nullable()
    .describe('Whether the suggested weights rank the held-out month-ends better than the current ones.'),
  stale: z.boolean().describe('The scorecard has a newer version than the one this report replayed.'),
});

export const churnEvaluationAnswerSchema = z.object({
  ...envelope,
  report: churnEvaluationReportSchema.nullable(),
});

export const scorecardBacktestAnswerSchema = z.object({
  name: z.string(),
  horizonDays: z.number(),
  current: healthBacktestSummarySchema
    .nullable()
    .describe('The saved version of this scorecard over the same month-ends; null when none is saved yet.'),
  proposed: healthBacktestSummarySchema,
});

export const acceptAnswerSchema = z.object({
  name: z.string(),
  version: z.number(),
  weights: z.array(z.object({ name: z.string(), weight: z.number() })),
  reason: z.string(),
});
