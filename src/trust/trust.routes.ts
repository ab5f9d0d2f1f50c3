import { z } from 'zod';
import type { Database } from '../db/database.js';
import { acceptSuggestedWeights, backtestHealth, judgeSuggestion } from '../health/backtest-health.js';
import { lastDayWithData } from '../health/data-span.js';
import { currentScorecards, scorecardDefinitionSchema } from '../health/scorecard-store.js';
import { readChurnSettings } from '../predict/churn-service.js';
import { HttpError } from '../server/http-error.js';
import { defineRoute } from '../server/route.js';
import { startTrustJob, trustJobState } from './trust-jobs.js';
import {
  acceptAnswerSchema,
  churnEvaluationAnswerSchema,
  healthBacktestAnswerSchema,
  scorecardBacktestAnswerSchema,
  type TrustKind,
} from './trust-report.schema.js';
import { latestTrustReport } from './trust-reports.js';

// "How far to trust the scores": the latest health backtest and churn evaluation, recomputed in the background on
// a leader's request (or on the first read, so the view never opens on nothing), accepting suggested scorecard
// weights, and backtesting a scorecard before it is saved.

const NO_DATA = 'nothing to judge: there is no dated data yet (usage, subscriptions, notes, surveys or tickets)';

/** The latest report of a kind with the state of its computation; starts one when there has never been any. */
async function answer<K extends TrustKind>(database: Database, kind: K) {
  const stored = await latestTrustReport(database.db, kind);
  let job = trustJobState(database, kind);
  if (!stored && !job.computing && !job.lastError) {
    if ((await lastDayWithData(database.db)) === null) {
      job = {
        computing: null,
        lastError: { code: 'not_enough_history', message: NO_DATA, at: new Date().toISOString() },
      };
    } else {
      void startTrustJob(database, kind, 'pacer');
      job = trustJobState(database, kind);
    }
  }
  const state = job.computing ? 'computing' : stored ? 'ready' : job.lastError ? job.lastError.code : ('none' as const);
  return {
    state,
    computedAt: stored?.computedAt ?? null,
    computedBy: stored?.computedBy ?? null,
    seconds: stored?.seconds ?? null,
    reportId: stored?.id ?? null,
    computing: job.computing,
    lastError: job.lastError,
    stored,
  };
}

async function healthAnswer(database: Database) {
  const { stored, ...rest } = await answer(database, 'health-backtest');
  const report = stored?.report ?? null;
  const current = report ? (await currentScorecards(database.db)).find((s) => s.name === report.scorecard) : undefined;
  return {
    ...rest,
    report,
    judgement: report ? judgeSuggestion(report) : null,
    stale: report !== null && current !== undefined && current.version !== report.scorecardVersion,
  };
}

async function churnAnswer(database: Database) {
  const { stored, ...rest } = await answer(database, 'churn-evaluation');
  return { ...rest, report: stored?.report ?? null };
}

/** A change to derived figures only: who asked and when is kept with each report (trust_reports.computed_by). */
const DERIVED = 'a trust report is derived data, stored with who asked for it and when (trust_reports)';

async function recompute(database: Database, kind: TrustKind, by: string) {
  // No dated data at all: nothing could be judged, say so now rather than after a job.
  if ((await lastDayWithData(database.db)) === null) {
    throw new HttpError(409, 'not_enough_history', NO_DATA);
  }
  void startTrustJob(database, kind, by);
}

const summaryOf = (r: Awaited<ReturnType<typeof backtestHealth>>) => ({
  scorecard: r.scorecard,
  scorecardVersion: r.scorecardVersion,
  horizonDays: r.horizonDays,
  until: r.until,
  asOfDates: r.asOfDates,
  n: r.n,
  churned: r.churned,
  auc: r.auc,
  liftTopDecile: r.liftTopDecile,
  byColor: r.byColor,
  watermelons: {
    churners: r.watermelons.churners,
    greenThirtyDaysBefore: r.watermelons.greenThirtyDaysBefore,
    share: r.watermelons.share,
  },
});

export const trustRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/trust/health-backtest',
    access: 'viewer',
    tag: 'Trust',
    summary:
      'The latest health backtest: churn by colour, watermelons, ROC-AUC and suggested weights judged on held-out month-ends; computed on first request when there is none',
    response: healthBacktestAnswerSchema,
    async handler({ database }) {
      return { body: await healthAnswer(database) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/trust/health-backtest',
    access: 'leader',
    tag: 'Trust',
    summary: 'Recompute the health backtest in the background; poll the GET for its state',
    unaudited: DERIVED,
    transaction: 'handler',
    status: 202,
    response: healthBacktestAnswerSchema,
    async handler({ database, actor }) {
      await recompute(database, 'health-backtest', actor.label);
      return { status: 202, body: await healthAnswer(database) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/trust/health-backtest/accept',
    access: 'leader',
    tag: 'Trust',
    summary:
      "Save the latest health backtest's suggested weights as the scorecard's next version, if they rank the held-out month-ends better than the current weights",
    body: z.strictObject({
      reportId: z
        .uuid({ error: 'must be a UUID' })
        .describe('The report whose weights were shown (its reportId): a newer report must be looked at first.'),
    }),
    status: 201,
    response: acceptAnswerSchema,
    async handler({ db, body, actor, audit }) {
      const stored = await latestTrustReport(db, 'health-backtest');
      if (!stored) throw new HttpError(409, 'no_report', 'there is no health backtest yet: compute one first');
      if (stored.id !== body.reportId) {
        throw new HttpError(409, 'stale_report', 'a newer health backtest has been computed since: look at it first', [
          { field: 'reportId', message: `is not the latest report (${stored.id})` },
        ]);
      }
      const report = stored.report;
      if (!report.suggestion) {
        throw new HttpError(409, 'no_suggestion', judgeSuggestion(report).reason);
      }
      const accepted = await acceptSuggestedWeights(db, report, actor.label);
      if (accepted.version === null) throw new HttpError(409, 'not_accepted', accepted.reason);
      const weights = report.suggestion.groups.map((g) => ({ name: g.name, weight: g.suggestedWeight }));
      audit({
        action: 'accept weights',
        entity: 'scorecard',
        changes: {
          name: report.scorecard,
          version: accepted.version,
          from: report.suggestion.groups.map((g) => ({ name: g.name, weight: g.weight })),
          to: weights,
          reportId: stored.id,
          reason: accepted.reason,
        },
      });
      return {
        status: 201,
        body: { name: report.scorecard, version: accepted.version, weights, reason: accepted.reason },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/trust/churn-evaluation',
    access: 'viewer',
    tag: 'Trust',
    summary:
      'The latest churn evaluation: the model beside the health score and days since active on the same held-out month-ends (ROC curves, calibration, lift); computed on first request when there is none',
    response: churnEvaluationAnswerSchema,
    async handler({ database }) {
      return { body: await churnAnswer(database) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/trust/churn-evaluation',
    access: 'leader',
    tag: 'Trust',
    summary: 'Recompute the churn evaluation in the background (models train in a worker thread); poll the GET',
    unaudited: DERIVED,
    transaction: 'handler',
    status: 202,
    response: churnEvaluationAnswerSchema,
    async handler({ database, actor }) {
      await recompute(database, 'churn-evaluation', actor.label);
      return { status: 202, body: await churnAnswer(database) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/scorecards/:name/backtest',
    access: 'leader',
    tag: 'Health',
    summary:
      'Backtest a proposed scorecard definition beside the saved version of that scorecard, over the same month-ends (every account live on each, whatever its stage); saves nothing',
    params: z.strictObject({ name: z.string().min(1).max(200) }),
    body: scorecardDefinitionSchema,
    unaudited: 'reads only: nothing is saved',
    transaction: 'handler',
    response: scorecardBacktestAnswerSchema,
    async handler({ database, params, body }) {
      const db = database.db;
      const { horizonDays } = await readChurnSettings(db);
      const saved = (await currentScorecards(db)).find((s) => s.name === params.name);
      const run = (scorecard: { name: string; version: number; definition: typeof body }, dates?: string[]) =>
        backtestHealth(db, { horizonDays, scorecard, ...(dates ? { dates } : {}) }).catch((error: unknown) => {
          if (/^nothing to judge/.test((error as Error).message)) {
            throw new HttpError(409, 'not_enough_history', (error as Error).message);
          }
          throw error;
        });
      const proposed = await run({ name: params.name, version: 0, definition: body });
      const current = saved ? await run(saved, proposed.asOfDates) : null;
      return {
        body: {
          name: params.name,
          horizonDays,
          current: current ? summaryOf(current) : null,
          proposed: summaryOf(proposed),
        },
      };
    },
  }),
];
