import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import { notFound } from '../server/http-error.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
import { isoDate } from '../shared/fields.js';
import { describeChange } from './describe-change.js';
import { explainHealth, scoreAccounts } from './score-accounts.js';
import { currentScorecards, saveScorecardVersion, scorecardDefinitionSchema } from './scorecard-store.js';

const today = () => new Date().toISOString().slice(0, 10);
const accountParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/health',
    access: 'viewer',
    tag: 'Health',
    summary: "An account's health score, every measure behind it, and what moved it since an earlier day",
    params: accountParams,
    query: z.strictObject({
      asOf: isoDate().optional().describe('The day to read; default the latest scored.'),
      since: isoDate().optional().describe('Compare with the score on or before this day; default 30 days earlier.'),
    }),
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      const explanation = await explainHealth(db, params.id, query);
      if (!explanation) throw notFound('health score for account', params.id);
      return { body: { ...explanation, sentences: explanation.changes.map(describeChange) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/accounts/:id/health/score',
    access: 'csm',
    tag: 'Health',
    summary: 'Score this account now (as of today) and store the snapshot',
    params: accountParams,
    async handler({ db, params, audit }) {
      await loadRow(db, accountResource, params.id);
      const [snapshot] = await scoreAccounts(db, today(), [params.id]);
      audit({
        action: 'score',
        entity: 'health',
        entityId: params.id,
        accountId: params.id,
        changes: { score: snapshot?.score ?? null },
      });
      return { body: snapshot ?? null };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/scorecards',
    access: 'viewer',
    tag: 'Health',
    summary: 'The current version of every scorecard',
    async handler({ db }) {
      return { body: { data: await currentScorecards(db) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/scorecards/:name/versions',
    access: 'admin',
    tag: 'Health',
    summary: 'Save a new version of a scorecard (measures, groups, weights, bands, missing-value rules, stages)',
    params: z.strictObject({ name: z.string().min(1).max(200) }),
    body: scorecardDefinitionSchema,
    status: 201,
    async handler({ db, params, body, actor, audit }) {
      const version = await saveScorecardVersion(db, params.name, body, actor.label);
      audit({ action: 'version', entity: 'scorecard', changes: { name: params.name, version } });
      return { status: 201, body: { name: params.name, version, definition: body } };
    },
  }),
];
