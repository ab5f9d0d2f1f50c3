// The portfolio API as /work/wt/PORTFOLIO-CONTRACT.md (issue 18) describes it, written the way openapi-typescript
// writes paths, until the server's OpenAPI document has it. api-client.ts lets the generated schema.d.ts win for
// every path it holds, so once the portfolio routes are merged and `npm run web:api-types` has run, these types are
// no longer used and this file can go.
import type { components } from './schema';

type Money = { amount: string; currency: string };
type ErrorBody = components['schemas']['Error'];
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };

export type HealthColour = 'red' | 'yellow' | 'green';

export interface PortfolioFilterQuery {
  search?: string;
  /** red|yellow|green|none, a comma list. */
  colour?: string;
  /** "me", a team user's id, or "none". */
  owner?: string;
  stage?: string;
  tier?: string;
  renewalWithinDays?: number;
}

export interface PortfolioQuery extends PortfolioFilterQuery {
  sort?: string;
  limit?: number;
  cursor?: string;
}

export interface PortfolioRow {
  id: string;
  name: string;
  externalId: string | null;
  health: { score: number | null; colour: HealthColour | null; trend: number | null; overridden: boolean };
  churnRisk: number | null;
  mrr: Money | null;
  arr: Money | null;
  mrrAtRisk: Money | null;
  renewalDate: string | null;
  owner: { id: string; name: string } | null;
  lifecycleStage: string | null;
  tier: string | null;
  lastActiveAt: string | null;
}

export interface PortfolioPage {
  data: PortfolioRow[];
  nextCursor: string | null;
  total: number;
}

export interface PortfolioSummary {
  accounts: number;
  mrr: Money[];
  mrrAtRisk: Money[];
  byColour: { red: number; yellow: number; green: number; none: number };
  renewalsNext90Days: { count: number; mrr: Money[] };
}

interface Get<Q, T> {
  parameters: { query?: Q; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 200: Json<T>; 400: Json<ErrorBody>; 401: Json<ErrorBody>; 403: Json<ErrorBody> };
}

interface PathItem<Q, T> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get: Get<Q, T>;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
}

export interface PendingPaths {
  '/api/portfolio': PathItem<PortfolioQuery, PortfolioPage>;
  '/api/portfolio/summary': PathItem<PortfolioFilterQuery, PortfolioSummary>;
}
