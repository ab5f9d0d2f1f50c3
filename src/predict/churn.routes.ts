import { sql } from 'kysely';
import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
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
            validationAuc: model.validation[model.estimator].auc,
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
    summary: 'The portfolio by churn risk: the latest risk of every scored account, riskiest first',
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(1000).default(50),
      minProbability: z.coerce.number().min(0).max(1).default(0),
    }),
    async handler({ db, query }) {
      const { rows } = await sql<{
        account_id: string;
        name: string;
        external_id: string | null;
        as_of: string;
        probability: number;
        reasons: { raising: unknown[]; lowering: unknown[] };
      }>`
        select p.account_id, a.name, a.external_id, p.as_of, p.probability, p.reasons
        from churn_predictions p join accounts a on a.id = p.account_id
        where p.as_of = (select max(as_of) from churn_predictions) and p.probability >= ${query.minProbability}
        order by p.probability desc, p.account_id limit ${query.limit}`.execute(db);
      return {
        body: {
          data: rows.map((r) => ({
            accountId: r.account_id,
            name: r.name,
            externalId: r.external_id,
            asOf: r.as_of,
            probability: r.probability,
            raising: r.reasons.raising,
            lowering: r.reasons.lowering,
          })),
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
