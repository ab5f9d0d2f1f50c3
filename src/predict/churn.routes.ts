import { sql } from 'kysely';
import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
import { toMajorUnits } from '../shared/money.js';
import {
  accountRisk,
  churnSettingsSchema,
  latestModel,
  predictChurnRisk,
  readChurnSettings,
  trainChurn,
  writeChurnSettings,
} from './churn-service.js';

const accountParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });

export const churnRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/churn-risk',
    access: 'viewer',
    tag: 'Churn',
    summary: "The account's churn probability for the horizon, with the factors raising and lowering it",
    params: accountParams,
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
      'The portfolio by churn risk: the latest risk of every scored account with its MRR, MRR at risk, owner and health, riskiest first; and totals (expected churners, MRR at risk by currency)',
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(1000).default(50),
      minProbability: z.coerce.number().min(0).max(1).default(0),
      ownerId: z.uuid({ error: 'must be a UUID' }).optional().describe("Only this CSM's accounts."),
      sort: z
        .enum(['probability', 'mrrAtRisk'])
        .default('probability')
        .describe('probability (default) or mrrAtRisk: probability × MRR, in the account’s currency'),
    }),
    async handler({ db, query }) {
      const owner = query.ownerId === undefined ? sql`` : sql` and a.owner_id = ${query.ownerId}`;
      const { rows } = await sql<{
        account_id: string;
        name: string;
        external_id: string | null;
        owner_id: string | null;
        owner_name: string | null;
        as_of: string;
        probability: number;
        reasons: { raising: unknown[]; lowering: unknown[] };
        currency: string | null;
        mrr_minor: number | null;
        health_score: number | null;
        health_color: string | null;
        health_as_of: string | null;
      }>`
        with latest as (
          select p.account_id, p.as_of, p.probability, p.reasons from churn_predictions p
          where p.as_of = (select max(as_of) from churn_predictions)
        ),
        -- Each account's live MRR in its main currency (the one most of its MRR is in).
        mrr as (
          select distinct on (account_id) account_id, currency, sum(mrr_minor)::float8 as mrr_minor
          from subscriptions
          where account_id in (select account_id from latest) and status in ('trial', 'active')
            and (end_date is null or end_date >= current_date)
          group by account_id, currency order by account_id, sum(mrr_minor) desc
        ),
        health as (
          select distinct on (account_id) account_id, score, color, as_of from health_scores
          where account_id in (select account_id from latest) order by account_id, as_of desc
        )
        select l.account_id, a.name, a.external_id, a.owner_id, u.name as owner_name, l.as_of, l.probability,
          l.reasons, mrr.currency, mrr.mrr_minor, health.score as health_score, health.color as health_color,
          health.as_of as health_as_of
        from latest l join accounts a on a.id = l.account_id
        left join team_users u on u.id = a.owner_id
        left join mrr on mrr.account_id = l.account_id left join health on health.account_id = l.account_id
        where l.probability >= ${query.minProbability}${owner}`.execute(db);
      const portfolio = rows.map((r) => {
        const mrr = r.currency !== null && r.mrr_minor !== null ? toMajorUnits(r.mrr_minor, r.currency) : null;
        return {
          accountId: r.account_id,
          name: r.name,
          externalId: r.external_id,
          owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name },
          asOf: r.as_of,
          probability: r.probability,
          mrr: mrr === null ? null : { amount: mrr, currency: r.currency as string },
          mrrAtRisk:
            mrr === null
              ? null
              : {
                  amount: toMajorUnits(Math.round(r.probability * (r.mrr_minor as number)), r.currency as string),
                  currency: r.currency as string,
                },
          health:
            r.health_as_of === null ? null : { score: r.health_score, color: r.health_color, asOf: r.health_as_of },
          raising: r.reasons.raising,
          lowering: r.reasons.lowering,
        };
      });
      const atRisk = new Map<string, number>();
      for (const r of rows) {
        if (r.currency === null || r.mrr_minor === null) continue;
        atRisk.set(r.currency, (atRisk.get(r.currency) ?? 0) + r.probability * r.mrr_minor);
      }
      const key = (row: (typeof portfolio)[number]) =>
        query.sort === 'mrrAtRisk' ? (row.mrrAtRisk?.amount ?? -1) : row.probability;
      portfolio.sort(
        (x, y) => key(y) - key(x) || y.probability - x.probability || x.accountId.localeCompare(y.accountId),
      );
      return {
        body: {
          data: portfolio.slice(0, query.limit),
          summary: {
            accounts: rows.length,
            // The number of these accounts expected to churn within the horizon: the sum of their probabilities.
            expectedChurners: Math.round(rows.reduce((sum, r) => sum + r.probability, 0) * 10) / 10,
            mrrAtRisk: [...atRisk]
              .sort((x, y) => y[1] - x[1])
              .map(([currency, minor]) => ({ currency, amount: toMajorUnits(Math.round(minor), currency) })),
          },
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
    access: 'admin',
    tag: 'Churn',
    summary: 'Train a churn model now (in a worker thread) and rescore every account with it',
    unaudited: 'a model and its predictions are derived data, each kept with the time it was made (churn_models)',
    transaction: 'handler',
    async handler({ database }) {
      const summary = await trainChurn(database.db);
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
    access: 'admin',
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
