import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import { fieldError, notFound } from '../server/http-error.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
import { addDays, daysBetween, today } from '../shared/calendar.js';
import { isoDate, isoTimestamp } from '../shared/fields.js';
import { accountStakeholders } from './account-stakeholders.js';
import { measureCatalog } from './compute-measures.js';
import { describeChange } from './describe-change.js';
import { readHealthHistory } from './health-history.js';
import { healthExplanation, healthHistory, healthOverride, stakeholderList } from './health-responses.js';
import { explainHealth, scoreAccounts } from './health-snapshots.js';
import { currentScorecards, saveScorecardVersion, scorecardDefinitionSchema } from './scorecard-store.js';

const MAX_HISTORY_DAYS = 731;

const accountParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });

const overrideBody = z
  .strictObject({
    measure: z.string().min(1).nullable().describe('A measure id, or null to set the overall colour.'),
    score: z.number().min(0).max(100).optional(),
    color: z.enum(['red', 'yellow', 'green']).optional(),
    reason: z.string().trim().min(3, { error: 'say why, in a few words' }).max(2000),
    expiresAt: isoTimestamp().nullable().describe('When the override lapses; null = until removed.'),
  })
  .refine((o) => o.score !== undefined || o.color !== undefined, { error: 'give a score or a color', path: ['color'] })
  .refine((o) => o.measure !== null || o.color !== undefined, {
    error: 'the overall override sets a color',
    path: ['color'],
  });

interface OverrideRow {
  id: string;
  measure: string | null;
  score: number | null;
  color: string | null;
  reason: string;
  expires_at: Date | null;
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
}

const overrideOut = (row: OverrideRow) => ({
  id: row.id,
  measure: row.measure,
  score: row.score,
  color: row.color,
  reason: row.reason,
  expiresAt: row.expires_at?.toISOString() ?? null,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
});

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/stakeholders',
    access: 'viewer',
    tag: 'Health',
    summary:
      'Each person at the account with their own engagement score, key roles first, and signals (champion gone quiet)',
    params: accountParams,
    query: z.strictObject({ asOf: isoDate().optional() }),
    response: stakeholderList,
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      return { body: await accountStakeholders(db, params.id, query.asOf ?? today()) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/accounts/:id/health/overrides',
    access: 'csm',
    tag: 'Health',
    summary: 'Set a measure or the overall colour by hand, with a reason and an expiry; it shows as overridden',
    params: accountParams,
    body: overrideBody,
    status: 201,
    response: healthOverride,
    async handler({ db, params, body, actor, audit }) {
      await loadRow(db, accountResource, params.id);
      if (body.measure !== null && !(body.measure in measureCatalog)) {
        throw fieldError('measure', `is not a measure Pacer knows; one of ${Object.keys(measureCatalog).join(', ')}`);
      }
      const { rows } = await sql<OverrideRow>`insert into health_overrides
        (account_id, id, measure, score, color, reason, expires_at, created_by)
        values (${params.id}, ${uuidv7()}, ${body.measure}, ${body.score ?? null}, ${body.color ?? null}, ${body.reason},
          ${body.expiresAt}, ${actor.label})
        returning *`.execute(db);
      const row = rows[0] as OverrideRow;
      audit({
        action: 'override',
        entity: 'health',
        entityId: row.id,
        accountId: params.id,
        changes: overrideOut(row),
      });
      return { status: 201, body: overrideOut(row) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/health/overrides',
    access: 'viewer',
    tag: 'Health',
    summary: "An account's overrides, live, lapsed and removed (endedAt), newest first",
    params: accountParams,
    response: z.object({ data: z.array(healthOverride) }),
    async handler({ db, params }) {
      await loadRow(db, accountResource, params.id);
      const { rows } = await sql<OverrideRow>`select * from health_overrides where account_id = ${params.id}
        order by created_at desc, id desc`.execute(db);
      return { body: { data: rows.map(overrideOut) } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/accounts/:id/health/overrides/:overrideId',
    access: 'csm',
    tag: 'Health',
    summary:
      'Remove an override: it ends now (scores of earlier days keep it); the latest live override is the one in force',
    params: z.strictObject({
      id: z.uuid({ error: 'must be a UUID' }),
      overrideId: z.uuid({ error: 'must be a UUID' }),
    }),
    status: 204,
    async handler({ db, params, audit }) {
      // Ended, not deleted: a replay of a day before now still applies it (the update trigger marks the account dirty).
      const result = await sql`update health_overrides set ended_at = greatest(now(), created_at)
        where account_id = ${params.id} and id = ${params.overrideId} and ended_at is null`.execute(db);
      if (Number(result.numAffectedRows ?? 0) === 0) throw notFound('override', params.overrideId);
      audit({ action: 'delete', entity: 'health override', entityId: params.overrideId, accountId: params.id });
      return { status: 204 };
    },
  }),
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
    response: healthExplanation,
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      const explanation = await explainHealth(db, params.id, query);
      if (!explanation) throw notFound('health score for account', params.id);
      return { body: { ...explanation, sentences: explanation.changes.map(describeChange) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/health/history',
    access: 'viewer',
    tag: 'Health',
    summary:
      "An account's stored health snapshots by day: score, colour, and active users, licence utilisation, key features and P(alive) as scored that day",
    params: accountParams,
    query: z.strictObject({
      from: isoDate().optional().describe('First day; default 180 days before `to`.'),
      to: isoDate().optional().describe('Last day; default today.'),
    }),
    response: healthHistory,
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      const to = query.to ?? today();
      const from = query.from ?? addDays(to, -180);
      if (from > to) throw fieldError('query.from', `must not be after to (${to})`);
      if (daysBetween(from, to) > MAX_HISTORY_DAYS)
        throw fieldError('query.from', `the range may span at most ${MAX_HISTORY_DAYS} days`);
      return { body: { accountId: params.id, from, to, days: await readHealthHistory(db, params.id, from, to) } };
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
    response: z.object({
      data: z.array(z.object({ name: z.string(), version: z.number().int(), definition: scorecardDefinitionSchema })),
    }),
    async handler({ db }) {
      return { body: { data: await currentScorecards(db) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/scorecards/:name/versions',
    access: 'leader',
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
