import { z } from 'zod';
import { refreshPortfolioRows } from '../portfolio/refresh-portfolio-rows.js';
import { fieldError, notFound } from '../server/http-error.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
import { today } from '../shared/calendar.js';
import { accountResource } from './account.resource.js';
import { readAccountOverview } from './account-overview.js';
import { decodeTimelineCursor, readTimeline, type TimelineKind, timelineKinds } from './account-timeline.js';

// What the account page (account 360) reads beyond the existing per-account routes: the key facts in one call, and
// the account's history as one timeline.

const accountParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });

const money = z.object({ amount: z.string().describe('Exact decimal in major units.'), currency: z.string() });
const colour = z.enum(['red', 'yellow', 'green']);

const overview = z
  .object({
    id: z.uuid(),
    externalId: z.string().nullable(),
    name: z.string(),
    domain: z.string().nullable(),
    industry: z.string().nullable(),
    country: z.string().nullable(),
    plan: z.string().nullable(),
    lifecycleStage: z.string(),
    tier: z.string().nullable(),
    owner: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    firstSeenAt: z.string(),
    mrr: money.nullable().describe("In the reporting currency, or the account's own where no rate is in force."),
    arr: money.nullable(),
    renewalDate: z.string().nullable().describe('The next renewal of a live subscription.'),
    lastActiveDay: z.string().nullable().describe('The last UTC day with any usage.'),
    youMay: z
      .object({ editAccount: z.boolean(), addNote: z.boolean(), overrideHealth: z.boolean() })
      .describe("What the caller may change here: a CSM edits only their own accounts' fields."),
  })
  .meta({ id: 'AccountOverview' });

const itemBase = {
  id: z.string(),
  at: z.string().describe('ISO instant; for a day-dated fact (allDay) the start of that UTC day.'),
  allDay: z.boolean(),
  actor: z.string().nullable(),
};

const timelineItem = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('note'),
      ...itemBase,
      body: z.string(),
      sentiment: z.number().nullable(),
      tags: z.array(z.string()),
      contact: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('survey'),
      ...itemBase,
      survey: z.enum(['nps', 'csat', 'ces']),
      score: z.number(),
      comment: z.string().nullable(),
      contact: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('ticket'),
      ...itemBase,
      subject: z.string().nullable(),
      priority: z.string(),
      status: z.string(),
      closedAt: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('subscription'),
      ...itemBase,
      change: z.enum(['started', 'cancelled', 'ended']),
      subscriptionId: z.string(),
      plan: z.string().nullable(),
      mrr: money,
      seats: z.number().nullable(),
      billingPeriod: z.string(),
      cancelReason: z.string().nullable(),
    }),
    z.object({ kind: z.literal('lifecycle'), ...itemBase, from: z.string().nullable(), to: z.string() }),
    z.object({
      kind: z.literal('score'),
      ...itemBase,
      from: colour.nullable().describe('The colour of the snapshot before; null on the first scored day.'),
      to: colour.nullable(),
      score: z.number().nullable(),
      previousScore: z.number().nullable(),
    }),
  ])
  .meta({ id: 'TimelineItem' });

const timelinePage = z.object({
  data: z.array(timelineItem),
  nextBefore: z.string().nullable().describe('Pass as `before` for the next (older) page; null on the last.'),
});

const limitError = 'must be a whole number from 1 to 200';

export const account360Routes = [
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/overview',
    access: 'viewer',
    tag: 'Accounts',
    summary:
      "An account's key facts: its fields, owner, MRR/ARR (reporting currency), next renewal, first seen, last active, and what the caller may change",
    params: accountParams,
    response: overview,
    async handler({ db, params, actor }) {
      await refreshPortfolioRows(db, today());
      const found = await readAccountOverview(db, params.id, actor);
      if (!found) throw notFound('account', params.id);
      return { body: found };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/timeline',
    access: 'viewer',
    tag: 'Accounts',
    summary:
      "An account's history, newest first: notes, survey answers, tickets, subscription changes, lifecycle changes and health colour changes; paged by `before`",
    params: accountParams,
    query: z.strictObject({
      before: z.string().optional().describe('nextBefore of the previous page.'),
      limit: z.coerce
        .number({ error: limitError })
        .int({ error: limitError })
        .min(1, { error: limitError })
        .max(200, { error: limitError })
        .default(50),
      kinds: z
        .string()
        .optional()
        .describe(`Comma-separated kinds to include (default all): ${timelineKinds.join(', ')}.`),
    }),
    response: timelinePage,
    async handler({ db, params, query }) {
      let kinds: TimelineKind[] = [...timelineKinds];
      if (query.kinds !== undefined) {
        const asked = query.kinds
          .split(',')
          .map((kind) => kind.trim())
          .filter((kind) => kind !== '');
        const unknown = asked.find((kind) => !(timelineKinds as readonly string[]).includes(kind));
        if (unknown !== undefined || asked.length === 0) {
          throw fieldError(
            'query.kinds',
            `must be one or more of ${timelineKinds.join(', ')} (comma-separated)${unknown === undefined ? '' : `, not ${JSON.stringify(unknown)}`}`,
          );
        }
        kinds = [...new Set(asked as TimelineKind[])];
      }
      const before = query.before === undefined ? undefined : decodeTimelineCursor(query.before);
      if (query.before !== undefined && !before) {
        throw fieldError('query.before', 'is not a nextBefore this API returned');
      }
      await loadRow(db, accountResource, params.id);
      return { body: await readTimeline(db, params.id, { kinds, limit: query.limit, before, today: today() }) };
    },
  }),
];
