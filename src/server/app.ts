import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import { account360Routes } from '../accounts/account-360.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { contactResource } from '../contacts/contact.resource.js';
import type { Database } from '../db/database.js';
import { healthRoutes } from '../health/health.routes.js';
import { importRoutes } from '../importers/import.routes.js';
import { segmentRoutes } from '../ingest/segment.routes.js';
import { keyRoutes } from '../keys/keys.routes.js';
import { noteResource } from '../notes/note.resource.js';
import { playbookRoutes } from '../playbooks/playbooks.routes.js';
import { portfolioRoutes } from '../portfolio/portfolio.routes.js';
import { churnRoutes } from '../predict/churn.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { subscriptionResource } from '../subscriptions/subscription.resource.js';
import { surveyResponseResource } from '../surveys/survey-response.resource.js';
import { taskRoutes } from '../tasks/tasks.routes.js';
import { teamUserResource } from '../team/team-user.resource.js';
import { ticketResource } from '../tickets/ticket.resource.js';
import { trustRoutes } from '../trust/trust.routes.js';
import { usageRoutes } from '../usage/usage.routes.js';
import { mountWebApp } from '../web/serve-web-app.js';
import { clientAddressMiddleware, parseTrustedProxies, type TrustedProxies } from './client-address.js';
import { allowedHosts, hostAllowlist } from './host-allowlist.js';
import { HttpError } from './http-error.js';
import { openApiDocument } from './openapi.js';
import { type RateLimits, rateLimitMiddleware, rateLimitsFromEnv } from './rate-limit.js';
import { rawExchange } from './raw-exchange.js';
import { tooLargeAnswer } from './read-json.js';
import { redactError } from './redact-error.js';
import { resourceRoutes } from './resource.js';
import { defineRoute, mountRoutes, type RouteSpec } from './route.js';
import { securityHeaders } from './security-headers.js';

export const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Whether this server is up; its version and engine only to an admin (they help an attacker choose an exploit). */
const healthRoute = defineRoute({
  method: 'get',
  path: '/healthz',
  access: 'anonymous',
  tag: 'Meta',
  summary: 'Liveness: { ok: true }; with an admin key also the version and the database engine',
  response: z.object({ ok: z.literal(true), version: z.string().optional(), database: z.string().optional() }),
  async handler({ actor, database }) {
    if (actor.scope !== 'admin') return { body: { ok: true } };
    return { body: { ok: true, version, database: database.engine } };
  },
});

export function allRoutes(): RouteSpec[] {
  const routes: RouteSpec[] = [
    ...[
      accountResource,
      contactResource,
      subscriptionResource,
      noteResource,
      surveyResponseResource,
      ticketResource,
      teamUserResource,
    ].flatMap(resourceRoutes),
    ...authRoutes,
    ...auditRoutes,
    ...segmentRoutes,
    ...usageRoutes,
    ...healthRoutes,
    ...churnRoutes,
    ...portfolioRoutes,
    ...account360Routes,
    ...settingsRoutes,
    ...importRoutes,
    ...keyRoutes,
    ...trustRoutes,
    ...playbookRoutes,
    ...taskRoutes,
    healthRoute,
  ];
  const openapi = openApiDocument(routes, version);
  routes.push(
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      access: 'anonymous',
      tag: 'Meta',
      summary: 'This API described as OpenAPI 3.1',
      async handler() {
        return { body: openapi };
      },
    }),
  );
  return routes;
}

/** PACER_PUBLIC_URL, when set, must be where browsers reach Pacer: analytics.js is sent there. */
function checkPublicUrl(): void {
  const configured = process.env.PACER_PUBLIC_URL;
  if (!configured) return;
  let protocol: string | undefined;
  try {
    protocol = new URL(configured).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(`PACER_PUBLIC_URL must be an http:// or https:// URL, not ${JSON.stringify(configured)}`);
  }
}

/** What decides who may reach the server and how often; by default from the environment (README, "Running Pacer safely"). */
export interface AppOptions {
  /** Host names answered besides loopback; default PACER_PUBLIC_URL's host and PACER_ALLOWED_HOSTS. */
  hosts: Set<string>;
  /** Proxies whose X-Forwarded-* headers are believed; default PACER_TRUSTED_PROXIES. */
  trustedProxies: TrustedProxies;
  limits: RateLimits;
}

export function appOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AppOptions {
  return {
    hosts: allowedHosts(env.PACER_PUBLIC_URL, env.PACER_ALLOWED_HOSTS),
    trustedProxies: parseTrustedProxies(env.PACER_TRUSTED_PROXIES),
    limits: rateLimitsFromEnv(env),
  };
}

export function createApp(database: Database, options: Partial<AppOptions> = {}): Hono {
  checkPublicUrl();
  const { hosts, trustedProxies, limits } = { ...appOptionsFromEnv(), ...options };
  const app = new Hono();
  // First who the client is (rate limits, HSTS), then headers on every answer, refusals included.
  app.use(clientAddressMiddleware(trustedProxies));
  app.use(securityHeaders());
  app.use(hostAllowlist(hosts));
  // analytics.js calls the tracking API from the product's own pages, so from any origin. A write key is public by
  // design (every visitor's browser holds it) and can only add usage data; no cookies are involved.
  app.use('/v1/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], maxAge: 86_400 }));
  const apiBodyLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => tooLargeAnswer(c, 'the body is over 1 MB'),
  });
  // A file uploaded for import is streamed to disk under a limit of its own (importers/store-upload.ts): the body
  // limit would read it whole into memory first.
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && c.req.path === '/api/imports' ? next() : apiBodyLimit(c, next),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: 512 * 1024,
      onError: (c) => tooLargeAnswer(c, 'the body is over 500 KB, the batch limit'),
    }),
  );
  // After the body limits: the failed-key limit may read a tracking call's body for its write key.
  for (const limit of rateLimitMiddleware(limits)) {
    if (limit.method) app.on(limit.method, limit.path, limit.handler);
    else app.use(limit.path, limit.handler);
  }
  // Import routes read an uploaded file's stream and answer a rejects file (raw-exchange.ts).
  app.use('/api/imports', rawExchange());
  app.use('/api/imports/*', rawExchange());
  mountRoutes(app, database, allRoutes());
  mountWebApp(app);
  app.notFound((c) =>
    c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}`, issues: [] }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: error.code, message: error.message, issues: error.issues }, error.status);
    }
    // The id ties the caller's answer to the log line; the line holds no values (customers' data): redact-error.ts.
    const errorId = randomUUID();
    process.stderr.write(
      `pacer: error ${errorId} in ${c.req.method} ${c.req.routePath || '(no route)'}: ${redactError(error)}\n`,
    );
    return c.json(
      {
        error: 'internal',
        message: `something went wrong on our side; the change was not saved (error id ${errorId})`,
        errorId,
        issues: [],
      },
      500,
    );
  });
  return app;
}
