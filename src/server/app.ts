import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { accountResource } from '../accounts/account.resource.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { contactResource } from '../contacts/contact.resource.js';
import type { Database } from '../db/database.js';
import { healthRoutes } from '../health/health.routes.js';
import { segmentRoutes } from '../ingest/segment.routes.js';
import { noteResource } from '../notes/note.resource.js';
import { churnRoutes } from '../predict/churn.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { subscriptionResource } from '../subscriptions/subscription.resource.js';
import { surveyResponseResource } from '../surveys/survey-response.resource.js';
import { teamUserResource } from '../team/team-user.resource.js';
import { ticketResource } from '../tickets/ticket.resource.js';
import { usageRoutes } from '../usage/usage.routes.js';
import { HttpError } from './http-error.js';
import { openApiDocument } from './openapi.js';
import { tooLargeAnswer } from './read-json.js';
import { resourceRoutes } from './resource.js';
import { defineRoute, mountRoutes, type RouteSpec } from './route.js';

export const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

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
    ...auditRoutes,
    ...segmentRoutes,
    ...usageRoutes,
    ...healthRoutes,
    ...churnRoutes,
    ...settingsRoutes,
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

export function createApp(database: Database): Hono {
  checkPublicUrl();
  const app = new Hono();
  // analytics.js calls the tracking API from the product's own pages, so from any origin. A write key is public by
  // design (every visitor's browser holds it) and can only add usage data; no cookies are involved.
  app.use('/v1/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], maxAge: 86_400 }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => tooLargeAnswer(c, 'the body is over 1 MB'),
    }),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: 512 * 1024,
      onError: (c) => tooLargeAnswer(c, 'the body is over 500 KB, the batch limit'),
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true, version, database: database.engine }));
  mountRoutes(app, database, allRoutes());
  app.notFound((c) =>
    c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}`, issues: [] }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: error.code, message: error.message, issues: error.issues }, error.status);
    }
    console.error(error);
    return c.json(
      { error: 'internal', message: 'something went wrong on our side; the change was not saved', issues: [] },
      500,
    );
  });
  return app;
}
