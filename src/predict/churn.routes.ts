import { sql } from 'kysely';
import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import { HttpError } from '../server/http-error.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
import { converterOn } from '../settings/convert-to-reporting.js';
import { readWorkspaceSettings } from '../settings/workspace-settings.js';
import { today } from '../shared/calendar.js';
import { rankChurnRisks } from './churn-risk-list.js';
import {
  accountRisk,
  churnSettingsSchema,
  latestModel,
  NotEnoughHistoryError,
  predictChurnRisk,
  readChurnSettings,
  riskDetails,
  trainChurn,
  writeChurnSettings,
} from './churn-service.js';

const accountParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });

const moneyFigure = z
  .object({
    amount: z.number().describe('In major units of the currency (930.5 euros).'),
    currency: z.string(),
    inReportingCurrency: z
      .boolean()
      .describe('false: the amount is in its own currency, not converted (no rate in force on the day).'),
  })
  .nullable();

const reason = z
  .object({
    feature: z
      .string()
      .optional()
      .describe('The feature (billing.days_to_next_renewal): word it by this in any language.'),
    text: z.string().describe('The value in English words.'),
    points: z.number().describe('Percentage points it moves the churn probability (positive raises it).'),
    value: z
      .union([z.number(), z.string()])
      .nullable()
      .optional()
      .describe("The feature's value (absent on older predictions)."),
    currency: z.string().nullable().optional().describe('For billing.mrr: the currency of its value in minor units.'),
    direction: z.enum(['raising', 'lowering']).optional().describe('Whether it raises or lowers the risk.'),
  })
  .loose();

const accountRiskAnswer = z
  .object({
    risk: z
      .object({
        probability: z.number(),
        asOf: z.string(),
        computedAt: z.string(),
        raising: z.array(reason),
        lowering: z.array(reason),
        modelId: z.string(),
      })
      .nullable(),
    message: z.string().optional().describe('Why there is no risk, when there is none.'),
    model: z
      .object({
        id: z.string(),
        churnMeans: z.string(),
        horizonDays: z.number(),
        estimator: z.string(),
        trainedAt: z.string(),
        validationAuc: z.number().nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .meta({ id: 'AccountChurnRisk' });

const riskList = z.object({
  data: z.array(
    z.object({
      accountId: z.uuid(),
      name: z.string().nullable(),
      externalId: z.string().nullable(),
      owner: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
      asOf: z.string(),
      probability: z.number(),
      mrr: moneyFigure.describe('Null when the account has no paying MRR, or MRR in currencies that cannot be added.'),
      mrrAtRisk: moneyFigure.describe('probability × MRR, rounded once to the minor unit.'),
      mrrParts: z
        .array(
          z.object({
            currency: z.string(),
            amount: z.number(),
            rate: z.string().nullable().describe('The rate that converted it; null when none was in force.'),
            rateDate: z.string().nullable(),
          }),
        )
        .describe('The MRR per currency as billed.'),
      health: z.object({ score: z.number().nullable(), color: z.string().nullable(), asOf: z.string() }).nullable(),
      raising: z.array(reason),
      lowering: z.array(reason),
    }),
  ),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last.'),
  summary: z.object({
    accounts: z.number(),
    expectedChurners: z.number().describe('The sum of the probabilities.'),
    reportingCurrency: z.string().nullable(),
    mrr: z
      .array(moneyFigure.unwrap())
      .describe('Per currency: the reporting currency first, then each unconverted one.'),
    mrrAtRisk: z.array(moneyFigure.unwrap()),
    notConverted: z.array(z.object({ currency: z.string(), reason: z.string() })),
  }),
});

export const churnRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/churn-risk',
    access: 'viewer',
    tag: 'Churn',
    summary: "The account's churn probability for the horizon, with the factors raising and lowering it",
    params: accountParams,
    response: accountRiskAnswer,
    async handler({ db, params }) {
      await loadRow(db, accountResource, params.id);
      const risk = await accountRisk(db, params.id);
      const model = await latestModel(db);
      if (!risk) {
        return {
          body: {
            risk: null,
            message: model
              ? 'this account is not scored: it had nothing live to lose on the last scoring day'
              : 'no churn model yet: train one (pacer churn train or POST /api/churn/train)',
          },
        };
      }
      return {
        body: {
          risk: {
            probability: risk.probability,
            asOf: risk.as_of,
            computedAt: new Date(risk.computed_at).toISOString(),
            raising: risk.reasons.raising,
            lowering: risk.reasons.lowering,
            modelId: risk.model_id,
          },
          model: model && {
            id: model.id,
            churnMeans: model.churnMeans,
            horizonDays: model.horizonDays,
            estimator: model.estimator,
            trainedAt: model.trainedAt,
            // Measured on accounts the model never saw; older models only have the figure that chose them.
            validationAuc: model.validation.heldOut
              ? model.validation.heldOut.rocAuc
              : model.validation[model.estimator].auc,
          },
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/churn/risks',
    access: 'viewer',
    tag: 'Churn',
    summary:
      "The portfolio by churn risk: the latest risk of every scored account with its MRR and MRR at risk (in the reporting currency at the rate in force on the scoring day, or in the account's own currency where no rate is), owner and health; totals per currency; paged by cursor",
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Page size, 1–1000, default 50.'),
      cursor: z.string().optional().describe('The nextCursor of the previous page (with the same sort and filters).'),
      minProbability: z.coerce.number().min(0).max(1).default(0),
      ownerId: z.uuid({ error: 'must be a UUID' }).optional().describe("Only this CSM's accounts."),
      sort: z
        .enum(['probability', 'mrrAtRisk'])
        .default('probability')
        .describe(
          'probability (default), or mrrAtRisk: probability × MRR, largest first among amounts in the reporting currency, then per unconverted currency',
        ),
    }),
    response: riskList,
    async handler({ db, query }) {
      const owner = query.ownerId === undefined ? sql`` : sql` and a.owner_id = ${query.ownerId}`;
      const { rows } = await sql<{
        account_id: string;
        as_of: string;
        probability: number;
        mrr: { currency: string; minor: string }[] | null;
      }>`
        with latest as (
          select p.account_id, p.as_of, p.probability from churn_predictions p
          where p.as_of = (select max(as_of) from churn_predictions)
        ),
        -- Each account's MRR per currency on the scoring day, from paying subscriptions: a trial is not revenue.
        mrr as (
          select s.account_id, s.currency, sum(s.mrr_minor)::text as minor
          from subscriptions s join latest l on l.account_id = s.account_id
          where s.status = 'active' and s.start_date <= l.as_of and (s.end_date is null or s.end_date >= l.as_of)
          group by s.account_id, s.currency
        )
        select l.account_id, l.as_of::text as as_of, l.probability,
          (select json_agg(json_build_object('currency', trim(m.currency), 'minor', m.minor)) from mrr m
           where m.account_id = l.account_id) as mrr
        from latest l join accounts a on a.id = l.account_id
        where l.probability >= ${query.minProbability}${owner}`.execute(db);
      const day = rows[0]?.as_of ?? today();
      const page = rankChurnRisks(
        rows.map((r) => ({
          accountId: r.account_id,
          probability: r.probability,
          mrr: (r.mrr ?? []).map((part) => ({ currency: part.currency, minor: Number(part.minor) })),
        })),
        converterOn(await readWorkspaceSettings(db), day),
        day,
        { sort: query.sort, limit: query.limit, cursor: query.cursor },
      );
      const details = await riskDetails(
        db,
        page.data.map((r) => r.accountId),
      );
      return {
        body: {
          data: page.data.map((r) => {
            const d = details.get(r.accountId);
            return {
              accountId: r.accountId,
              name: d?.name ?? null,
              externalId: d?.external_id ?? null,
              owner: d?.owner_id ? { id: d.owner_id, name: d.owner_name } : null,
              asOf: day,
              probability: r.probability,
              mrr: r.mrr,
              mrrAtRisk: r.mrrAtRisk,
              mrrParts: r.mrrParts,
              health:
                d?.health_as_of == null ? null : { score: d.health_score, color: d.health_color, asOf: d.health_as_of },
              raising: d?.reasons.raising ?? [],
              lowering: d?.reasons.lowering ?? [],
            };
          }),
          nextCursor: page.nextCursor,
          summary: page.summary,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/churn/model',
    access: 'viewer',
    tag: 'Churn',
    summary: 'The churn model in use: what it learned from, what churn means for it, how it validated',
    async handler({ db }) {
      const latest = await latestModel(db);
      if (!latest) return { body: { model: null } };
      const { model: _, ...summary } = latest;
      return { body: { model: summary } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/churn/train',
    access: 'leader',
    tag: 'Churn',
    summary: 'Train a churn model now (in a worker thread) and rescore every account with it',
    unaudited: 'a model and its predictions are derived data, each kept with the time it was made (churn_models)',
    transaction: 'handler',
    async handler({ database }) {
      const summary = await trainChurn(database.db).catch((error: unknown) => {
        if (error instanceof NotEnoughHistoryError) throw new HttpError(409, 'not_enough_history', error.message);
        throw error;
      });
      const { risks } = await predictChurnRisk(database.db);
      return { status: 201, body: { model: summary, scored: risks.length } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/settings/churn',
    access: 'viewer',
    tag: 'Churn',
    summary: 'The churn horizon and what churn means',
    response: churnSettingsSchema,
    async handler({ db }) {
      return { body: await readChurnSettings(db) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/settings/churn',
    access: 'leader',
    tag: 'Churn',
    summary: 'Set the churn horizon and what churn means (used from the next training)',
    body: churnSettingsSchema,
    response: churnSettingsSchema,
    async handler({ db, body, audit }) {
      await writeChurnSettings(db, body);
      audit({ action: 'update', entity: 'settings', changes: { churn: body } });
      return { body };
    },
  }),
];
