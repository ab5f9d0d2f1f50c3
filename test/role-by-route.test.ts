import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/keys/api-keys.js';
import { allRoutes } from '../src/server/app.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Who may call each route, written out by hand from the roles' promise (admin: users, keys, settings; leader: all
// but users and keys; csm: reads all, writes customer records, notes and overrides; viewer: reads; ingest keys:
// the tracking API only). A route missing here fails the test, so a new route must say who may call it.
const EXPECTED: Record<string, 'anonymous' | 'ingest' | 'viewer' | 'csm' | 'leader' | 'admin'> = {
  'GET /api/accounts': 'viewer',
  'POST /api/accounts': 'csm',
  'GET /api/accounts/:id': 'viewer',
  'PATCH /api/accounts/:id': 'csm',
  'DELETE /api/accounts/:id': 'leader',
  'PUT /api/accounts/external/:externalId': 'csm',
  'GET /api/contacts': 'viewer',
  'POST /api/contacts': 'csm',
  'GET /api/contacts/:id': 'viewer',
  'PATCH /api/contacts/:id': 'csm',
  'DELETE /api/contacts/:id': 'csm',
  'PUT /api/contacts/external/:externalId': 'csm',
  'GET /api/subscriptions': 'viewer',
  'POST /api/subscriptions': 'csm',
  'GET /api/subscriptions/:id': 'viewer',
  'PATCH /api/subscriptions/:id': 'csm',
  'DELETE /api/subscriptions/:id': 'csm',
  'PUT /api/subscriptions/external/:externalId': 'csm',
  'GET /api/notes': 'viewer',
  'POST /api/notes': 'csm',
  'GET /api/notes/:id': 'viewer',
  'PATCH /api/notes/:id': 'csm',
  'DELETE /api/notes/:id': 'csm',
  'GET /api/survey-responses': 'viewer',
  'POST /api/survey-responses': 'csm',
  'GET /api/survey-responses/:id': 'viewer',
  'PATCH /api/survey-responses/:id': 'csm',
  'DELETE /api/survey-responses/:id': 'csm',
  'GET /api/tickets': 'viewer',
  'POST /api/tickets': 'csm',
  'GET /api/tickets/:id': 'viewer',
  'PATCH /api/tickets/:id': 'csm',
  'DELETE /api/tickets/:id': 'csm',
  'PUT /api/tickets/external/:externalId': 'csm',
  'GET /api/users': 'viewer',
  'POST /api/users': 'admin',
  'GET /api/users/:id': 'viewer',
  'PATCH /api/users/:id': 'admin',
  'DELETE /api/users/:id': 'admin',
  'POST /api/auth/login': 'anonymous',
  'GET /api/auth/me': 'viewer',
  'POST /api/auth/logout': 'viewer',
  'POST /api/auth/logout-everywhere': 'viewer',
  'GET /api/audit': 'leader',
  'POST /v1/track': 'ingest',
  'POST /v1/page': 'ingest',
  'POST /v1/screen': 'ingest',
  'POST /v1/identify': 'ingest',
  'POST /v1/group': 'ingest',
  'POST /v1/batch': 'ingest',
  'POST /v1/import': 'ingest',
  'POST /v1/t': 'ingest',
  'POST /v1/p': 'ingest',
  'POST /v1/s': 'ingest',
  'POST /v1/i': 'ingest',
  'POST /v1/g': 'ingest',
  'POST /v1/a': 'ingest',
  'POST /v1/b': 'ingest',
  'GET /v1/projects/:writeKey/settings': 'anonymous',
  'GET /api/usage/status': 'viewer',
  'GET /api/accounts/:id/usage': 'viewer',
  'GET /api/accounts/:id/usage/users': 'viewer',
  'GET /api/accounts/:id/events': 'viewer',
  'GET /api/settings/usage': 'viewer',
  'PUT /api/settings/usage': 'leader',
  'GET /api/accounts/:id/stakeholders': 'viewer',
  'POST /api/accounts/:id/health/overrides': 'csm',
  'GET /api/accounts/:id/health/overrides': 'viewer',
  'DELETE /api/accounts/:id/health/overrides/:overrideId': 'csm',
  'GET /api/accounts/:id/health': 'viewer',
  'POST /api/accounts/:id/health/score': 'csm',
  'GET /api/scorecards': 'viewer',
  'POST /api/scorecards/:name/versions': 'leader',
  'GET /api/accounts/:id/churn-risk': 'viewer',
  'GET /api/churn/risks': 'viewer',
  'GET /api/churn/model': 'viewer',
  'GET /api/portfolio': 'viewer',
  'GET /api/portfolio/summary': 'viewer',
  'POST /api/churn/train': 'leader',
  'GET /api/settings/churn': 'viewer',
  'PUT /api/settings/churn': 'leader',
  'GET /api/settings': 'viewer',
  'PUT /api/settings': 'leader',
  'GET /api/openapi.json': 'anonymous',
  'GET /healthz': 'anonymous',
  // account 360 (web app)
  'GET /api/accounts/:id/overview': 'viewer',
  'GET /api/accounts/:id/timeline': 'viewer',
  'GET /api/accounts/:id/health/history': 'viewer',
  // how far to trust the scores (web app)
  'GET /api/trust/health-backtest': 'viewer',
  'POST /api/trust/health-backtest': 'leader',
  'POST /api/trust/health-backtest/accept': 'leader',
  'GET /api/trust/churn-evaluation': 'viewer',
  'POST /api/trust/churn-evaluation': 'leader',
  'POST /api/scorecards/:name/backtest': 'leader',
  // import (web app)
  'POST /api/imports': 'leader',
  'GET /api/imports': 'leader',
  'GET /api/imports/:id': 'leader',
  'POST /api/imports/:id/preview': 'leader',
  'POST /api/imports/:id/run': 'leader',
  'GET /api/imports/:id/rejects': 'leader',
  // playbooks (issue 19)
  'GET /api/playbooks': 'viewer',
  'GET /api/playbooks/:id': 'viewer',
  'POST /api/playbooks': 'leader',
  'PUT /api/playbooks/:id': 'leader',
  'POST /api/playbooks/:id/enable': 'leader',
  'POST /api/playbooks/:id/disable': 'leader',
  'POST /api/playbooks/:id/dry-run': 'csm',
  // tasks (issue 19)
  'GET /api/tasks': 'viewer',
  'POST /api/tasks': 'csm',
  'PATCH /api/tasks/:id': 'csm',
  // settings: keys, users, workspace (web app)
  'GET /api/keys': 'admin',
  'POST /api/keys': 'admin',
  'DELETE /api/keys/:id': 'admin',
};

type Caller = {
  name: string;
  /** The roles this caller holds, lowest first: it may call routes that need any of them. */
  may: string[];
  headers(): Record<string, string>;
};

const FILLERS: Record<string, string> = {
  id: '00000000-0000-7000-8000-000000000000',
  overrideId: '00000000-0000-7000-8000-000000000001',
  externalId: 'no-such-thing',
  name: 'default',
  writeKey: 'pk_ingest_unknown',
};

describe.each(testEngines())('every route with every role, key and none, on $engine', ({ open }) => {
  let server: TestServer;
  const callers: Caller[] = [];

  beforeAll(async () => {
    server = await startTestServer(await open());
    const db = server.database.db;
    callers.push({ name: 'no credentials', may: ['anonymous'], headers: () => ({}) });
    for (const scope of ['ingest', 'viewer', 'csm', 'admin'] as const) {
      const key = await createApiKey(db, `${scope} key`, scope);
      const may = {
        ingest: ['anonymous', 'ingest'],
        viewer: ['anonymous', 'viewer'],
        csm: ['anonymous', 'viewer', 'csm'],
        admin: ['anonymous', 'ingest', 'viewer', 'csm', 'leader', 'admin'],
      }[scope];
      callers.push({ name: `${scope} key`, may, headers: () => ({ authorization: `Bearer ${key.secret}` }) });
    }
    // A browser write key is public: it reaches the tracking API and nothing else, like a server ingest key.
    const browser = await createApiKey(db, 'browser key', 'ingest', { browser: true });
    callers.push({
      name: 'browser ingest key',
      may: ['anonymous', 'ingest'],
      headers: () => ({ authorization: `Bearer ${browser.secret}` }),
    });
    for (const role of ['viewer', 'csm', 'leader', 'admin'] as const) {
      const email = `${role}@roles.example`;
      const password = 'role test password';
      expect((await server.call('POST', '/api/users', { email, name: role, role, password })).status).toBe(201);
      const signIn = async () => {
        const answer = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        expect(answer.status).toBe(200);
        const csrf = ((await answer.json()) as { csrfToken: string }).csrfToken;
        return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0] as string, 'x-csrf-token': csrf };
      };
      let session = await signIn();
      const may = {
        viewer: ['anonymous', 'viewer'],
        csm: ['anonymous', 'viewer', 'csm'],
        leader: ['anonymous', 'viewer', 'csm', 'leader'],
        admin: ['anonymous', 'viewer', 'csm', 'leader', 'admin'],
      }[role];
      callers.push({
        name: `signed-in ${role}`,
        may,
        headers: () => ({ ...session }),
      });
      // Sign-out routes end the session; the caller signs in again after them.
      (callers.at(-1) as Caller & { renew?: () => Promise<void> }).renew = async () => {
        session = await signIn();
      };
    }
  });
  afterAll(() => server.close());

  it('lists every route in the table', () => {
    const mounted = allRoutes().map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(mounted.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers each caller as the table says: refused with 401 or 403, or let through', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const [route, needed] of Object.entries(EXPECTED)) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => FILLERS[name] ?? 'x');
      for (const caller of callers) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...caller.headers() },
          body: method === 'GET' ? undefined : '{}',
        });
        await response.arrayBuffer();
        calls++;
        const allowed = caller.may.includes(needed);
        const expected = allowed ? 'let through' : caller.name === 'no credentials' ? 401 : 403;
        const got = response.status === 401 || response.status === 403 ? response.status : 'let through';
        // A session that logout just ended makes the caller anonymous: sign in again.
        if (allowed && /logout/.test(path)) await (caller as Caller & { renew?: () => Promise<void> }).renew?.();
        if (response.status >= 500) wrong.push(`${route} as ${caller.name}: ${response.status}`);
        else if (got !== expected)
          wrong.push(`${route} as ${caller.name}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(Object.keys(EXPECTED).length * 10);
  });
});
