import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPacer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

let cookie = '';

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

// The only full-size demo test: a first start on an empty data directory generates the default world.
describe('pacer start on a fresh data directory', () => {
  it('generates the demo world with progress, then serves it', async () => {
    const data = join(tempDir('demo'), 'data');
    const running = await startPacer(['--data', data]);
    try {
      expect(running.output()).toMatch(/Generating the demo world: 50%/);
      expect(running.output()).toMatch(/Demo world ready: 500 accounts/);
      // The demo's people sign in with the password printed at start.
      expect(running.output()).toMatch(
        /Demo users \(password "pacer-demo"\): leader sofia\.rossi@team\.pacer-demo\.example; CSMs aiko\.tanaka@team\.pacer-demo\.example, /,
      );
      expect(running.output()).toMatch(/No admin yet/);
      expect((await fetch(`${running.url}/api/accounts`)).status).toBe(401);
      const signIn = await fetch(`${running.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sofia.rossi@team.pacer-demo.example', password: 'pacer-demo' }),
      });
      expect(signIn.status).toBe(200);
      cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const accounts = await get<{ data: { id: string; lifecycleStage: string }[] }>(
        `${running.url}/api/accounts?limit=500`,
      );
      expect(accounts.data).toHaveLength(500);
      const live = accounts.data.find((account) => account.lifecycleStage !== 'churned') as { id: string };
      const contacts = await get<{ data: unknown[] }>(`${running.url}/api/contacts?accountId=${live.id}`);
      expect(contacts.data.length).toBeGreaterThan(1);
      for (const path of ['subscriptions', 'notes', 'survey-responses', 'tickets']) {
        expect((await get<{ data: unknown[] }>(`${running.url}/api/${path}?limit=10`)).data).toHaveLength(10);
      }
      const usage = await get<{ series: { totalEvents: number }[] }>(
        `${running.url}/api/accounts/${live.id}/usage?granularity=week&from=${new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10)}`,
      );
      expect(usage.series.filter((week) => week.totalEvents > 0).length).toBeGreaterThan(4);
    } finally {
      await running.stop();
    }
  }, 180_000);
});
