import { z } from 'zod';
import type { Actor } from '../server/actor.js';
import { fieldError } from '../server/http-error.js';
import { defineRoute } from '../server/route.js';
import { readWorkspaceSettings } from '../settings/workspace-settings.js';
import { today } from '../shared/calendar.js';
import { listPortfolio, type PortfolioFilters, summarisePortfolio } from './list-portfolio.js';
import { type PortfolioSort, sortFields } from './portfolio-sorts.js';
import { refreshPortfolioRows } from './refresh-portfolio-rows.js';

const colours = ['red', 'yellow', 'green', 'none'] as const;
const sorts = sortFields.flatMap((field) => [field, `-${field}`]) as PortfolioSort[];

const filterFields = {
  search: z.string().max(200).optional().describe('Name, external id or domain contains this (any case).'),
  colour: z.string().optional().describe('Health colours, comma-separated: red, yellow, green, none (not scored).'),
  owner: z
    .string()
    .optional()
    .describe('"me" (the signed-in person), a team user id, or "none" (accounts without an owner).'),
  stage: z
    .enum(['current', 'onboarding', 'adoption', 'renewal', 'expansion', 'advocacy', 'churned'], {
      error: 'must be current, onboarding, adoption, renewal, expansion, advocacy or churned',
    })
    .optional()
    .describe('A lifecycle stage, or "current": every account that has not churned.'),
  tier: z
    .enum(['high_touch', 'low_touch', 'tech_touch'], { error: 'must be high_touch, low_touch or tech_touch' })
    .optional(),
  renewalWithinDays: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(0, { error: 'must be 0 or more' })
    .max(3660, { error: 'must be at most 3660' })
    .optional()
    .describe('Only accounts whose next renewal is within this many days from today.'),
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters as the queries take them; "me" becomes the signed-in person, which a key is not. */
function filtersOf(query: z.output<z.ZodObject<typeof filterFields>>, actor: Actor): PortfolioFilters {
  let colourList: PortfolioFilters['colours'];
  if (query.colour !== undefined) {
    const asked = query.colour.split(',').map((c) => c.trim().toLowerCase());
    const unknown = asked.find((c) => !(colours as readonly string[]).includes(c));
    if (unknown !== undefined) {
      throw fieldError(
        'query.colour',
        `must be red, yellow, green or none (comma-separated), not ${JSON.stringify(unknown)}`,
      );
    }
    colourList = asked as PortfolioFilters['colours'];
  }
  let owner = query.owner;
  if (owner === 'me') {
    if (!actor.userId) throw fieldError('query.owner', '"me" needs a signed-in person; an API key is nobody');
    owner = actor.userId;
  } else if (owner !== undefined && owner !== 'none' && !uuid.test(owner)) {
    throw fieldError('query.owner', 'must be "me", "none" or a team user id (UUID)');
  }
  return {
    search: query.search,
    colours: colourList,
    owner,
    stage: query.stage,
    tier: query.tier,
    renewalWithinDays: query.renewalWithinDays,
  };
}

const money = z
  .object({ amount: z.string().describe('Exact decimal in major units.'), currency: z.string() })
  .describe("In the reporting currency, or the account's own where no rate is in force today.");

const portfolioPage = z.object({
  data: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      externalId: z.string().nullable(),
      health: z.object({
        score: z.number().nullable(),
        colour: z.enum(['red', 'yellow', 'green']).nullable(),
        trend: z.number().nullable().describe('Points the score moved since the snapshot 30 days before the latest.'),
        overridden: z.boolean(),
      }),
      churnRisk: z.number().nullable().describe("The latest probability of churning within the model's horizon."),
      mrr: money.nullable(),
      arr: money.nullable(),
      mrrAtRisk: money.nullable().describe('MRR × churn risk, rounded once to the minor unit.'),
      renewalDate: z.string().nullable(),
      owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      lifecycleStage: z.string().nullable(),
      tier: z.string().nullable(),
      lastActiveAt: z.string().nullable().describe('The start (UTC) of the last day with usage: rollups are daily.'),
    }),
  ),
  nextCursor: z.string().nullable(),
  total: z.number().describe('Accounts matching the filters.'),
});

const portfolioSummary = z.object({
  accounts: z.number(),
  mrr: z.array(money),
  mrrAtRisk: z.array(money),
  byColour: z.object({ red: z.number(), yellow: z.number(), green: z.number(), none: z.number() }),
  renewalsNext90Days: z.object({ count: z.number(), mrr: z.array(money) }),
});

export const portfolioRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/portfolio',
    access: 'viewer',
    tag: 'Portfolio',
    summary:
      'Every account with its latest health, churn risk, MRR/ARR and MRR at risk (reporting currency), next renewal, owner, stage, tier and last activity; filtered, sorted and paged by cursor',
    query: z.strictObject({
      ...filterFields,
      sort: z
        .enum(sorts as [PortfolioSort, ...PortfolioSort[]], {
          error: `must be one of ${sorts.join(', ')}`,
        })
        .default('-mrrAtRisk')
        .describe('A field, "-" first for descending; accounts without the figure come last either way.'),
      limit: z.coerce
        .number({ error: 'must be a whole number from 1 to 200' })
        .int({ error: 'must be a whole number from 1 to 200' })
        .min(1, { error: 'must be a whole number from 1 to 200' })
        .max(200, { error: 'must be a whole number from 1 to 200' })
        .default(50),
      cursor: z.string().optional().describe('nextCursor of the previous page, with the same sort and filters.'),
    }),
    response: portfolioPage,
    async handler({ db, query, actor }) {
      const filters = filtersOf(query, actor);
      const day = today();
      await refreshPortfolioRows(db, day);
      return { body: await listPortfolio(db, day, filters, query) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/portfolio/summary',
    access: 'viewer',
    tag: 'Portfolio',
    summary:
      'The portfolio totals over the accounts matching the filters: MRR and MRR at risk per currency, accounts by health colour, renewals in the next 90 days',
    query: z.strictObject(filterFields),
    response: portfolioSummary,
    async handler({ db, query, actor }) {
      const filters = filtersOf(query, actor);
      const day = today();
      await refreshPortfolioRows(db, day);
      const settings = await readWorkspaceSettings(db);
      return { body: await summarisePortfolio(db, day, filters, settings.reportingCurrency) };
    },
  }),
];
