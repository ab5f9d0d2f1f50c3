import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { accountResource } from '../accounts/account.resource.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { contactResource } from '../contacts/contact.resource.js';
import type { Database } from '../db/database.js';
import { healthRoutes } from '../health/health.routes.js';
import { segmentRoutes } from '../ingest/segment.routes.js';
import { noteResource } from '../notes/note.resource.js';
import { churnRoutes } from '../predict/churn.routes.js';
import { subscriptionResource } from '../subscriptions/subscription.resource.js';
import { surveyResponseResource } from '../surveys/survey-response.resource.js';
import { teamUserResource } from '../team/team-user.resource.js';
import { ticketResource } from '../tickets/ticket.resource.js';
import { usageRoutes } from '../usage/usage.routes.js';
import { HttpError } from './http-error.js';
import { openApiDocument } from './openapi.js';
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

export function createApp(database: Database): Hono {
  const app = new Hono();
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => c.json({ error: 'too_large', message: 'the body is over 1 MB', issues: [] }, 413),
    }),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: 512 * 1024,
      onError: (c) =>
        c.json({ error: 'too_large', message: 'the body is over 500 KB, the batch limit', issues: [] }, 413),
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
