import { z } from 'zod';
import { notFound } from '../server/http-error.js';
import { defineRoute } from '../server/route.js';
import { iso } from '../shared/rows.js';
import { createApiKey, listApiKeys, revokeApiKey, scopes } from './api-keys.js';

// API keys in the web app's settings: the same keys, and the same audit entries, as `pacer keys …`. Only admins
// see or make them: a key acts without a person behind it.

const keyOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scope: z.enum(scopes as ['ingest', 'viewer', 'csm', 'admin']),
    browser: z
      .boolean()
      .describe('A public ingest key for the product’s pages: records usage, changes no stored field.'),
    b2c: z.boolean().describe('Each user is its own account.'),
    prefix: z.string().describe('The first characters of the secret, to tell keys apart.'),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    firstUsedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().describe('Stamped at most about once a minute.'),
  })
  .meta({ id: 'ApiKey' });

const keyCreate = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' }),
    scope: z.enum(scopes as ['ingest', 'viewer', 'csm', 'admin'], {
      error: `must be one of ${scopes.join(', ')}`,
    }),
    browser: z.boolean().optional().describe('Ingest keys only: a public key for analytics.js in your pages.'),
    b2c: z.boolean().optional().describe('Ingest keys only: each user is its own account.'),
  })
  .superRefine((key, context) => {
    if (key.browser && key.scope !== 'ingest')
      context.addIssue({ code: 'custom', path: ['browser'], message: 'applies to ingest keys only' });
    if (key.b2c && key.scope !== 'ingest')
      context.addIssue({ code: 'custom', path: ['b2c'], message: 'applies to ingest keys only' });
  });

type KeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

const toOutput = (row: KeyRow): z.output<typeof keyOutput> => ({
  id: row.id,
  name: row.name,
  scope: row.scope as z.output<typeof keyOutput>['scope'],
  browser: row.browser,
  b2c: row.user_is_account,
  prefix: row.prefix,
  createdAt: iso(row.created_at) as string,
  revokedAt: iso(row.revoked_at),
  firstUsedAt: iso(row.first_used_at),
  lastUsedAt: iso(row.last_used_at),
});

/** How to use a new key, with this server's address in it: shown once, with the secret. */
export function keySnippet(key: { scope: string; browser: boolean; secret: string }, publicUrl: string): string {
  if (key.browser) {
    return [
      "import { AnalyticsBrowser } from '@segment/analytics-next';",
      `const analytics = AnalyticsBrowser.load({ writeKey: '${key.secret}', cdnURL: '${publicUrl}' });`,
      "analytics.identify('user-id');",
      "analytics.group('account-id');",
      "analytics.track('Report Created');",
    ].join('\n');
  }
  if (key.scope === 'ingest') {
    return [
      "import { Analytics } from '@segment/analytics-node';",
      `const analytics = new Analytics({ writeKey: '${key.secret}', host: '${publicUrl}' });`,
      "analytics.identify({ userId: 'user-id', traits: { email: 'ann@example.com' } });",
      "analytics.group({ userId: 'user-id', groupId: 'account-id', traits: { name: 'Acme' } });",
      "analytics.track({ userId: 'user-id', event: 'Report Created' });",
    ].join('\n');
  }
  return `curl -H 'Authorization: Bearer ${key.secret}' ${publicUrl}/api/accounts`;
}

export const keyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/keys',
    access: 'admin',
    tag: 'Keys',
    summary: 'Every API key, live and revoked, with its first and last use (never its secret)',
    response: z.object({ data: z.array(keyOutput) }),
    async handler({ db }) {
      return { body: { data: (await listApiKeys(db)).map(toOutput) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/keys',
    access: 'admin',
    tag: 'Keys',
    summary: 'Make an API key; its secret and a snippet using it are in this answer and never again',
    // createApiKey writes its own audit entry, the same one `pacer keys create` writes, in this transaction.
    unaudited: 'the key functions audit themselves (shared with the pacer command)',
    status: 201,
    body: keyCreate,
    response: z.object({ key: keyOutput, secret: z.string(), snippet: z.string() }),
    async handler({ db, body, actor, publicUrl }) {
      const created = await createApiKey(db, body.name, body.scope, {
        browser: body.browser,
        userIsAccount: body.b2c,
        actor: actor.label,
      });
      const row = (await listApiKeys(db)).find((key) => key.id === created.id) as KeyRow;
      return { body: { key: toOutput(row), secret: created.secret, snippet: keySnippet(created, publicUrl()) } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/keys/:id',
    access: 'admin',
    tag: 'Keys',
    summary: 'Revoke a key: it stops working at once',
    unaudited: 'the key functions audit themselves (shared with the pacer command)',
    params: z.object({ id: z.uuid({ error: 'must be a key id (uuid)' }) }),
    status: 204,
    async handler({ db, params, actor }) {
      const revoked = await revokeApiKey(db, params.id, { actor: actor.label });
      if (!revoked) {
        const exists = (await listApiKeys(db)).some((key) => key.id === params.id);
        if (!exists) throw notFound('API key', params.id);
      }
      return {};
    },
  }),
];
