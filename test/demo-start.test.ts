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
    const running = await startPacer(['--data', data], {}, 240_000);
    try {
      expect(running.output()).toMatch(/Generating the demo world: 50%/);
      expect(running.output()).toMatch(/Demo world ready: 500 accounts/);
      // Churn risk is computed before the server opens (issue 18, item 8): the portfolio's risk column is filled.
      expect(running.output()).toMatch(/Churn risk computed for \d+ accounts in [\d.]+ s/);
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
      // Every account still a customer has a churn risk on the portfolio.
      const rows: { churnRisk: number | null; lifecycleStage: string; health: { trend: number | null } }[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: { data: typeof rows; nextCursor: string | null } = await get(
          `${running.url}/api/portfolio?sort=-risk&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        rows.push(...page.data);
        cursor = page.nextCursor;
      }
      expect(rows).toHaveLength(500);
      const customers = rows.filter((row) => row.lifecycleStage !== 'churned');
      expect(customers.length).toBeGreaterThan(300);
      expect(customers.filter((row) => row.churnRisk === null)).toEqual([]);
      // Health was scored 30 days back too: a customer who was one then has a 30-day trend from the first start.
      const withTrend = customers.filter((row) => row.health.trend !== null).length;
      expect(withTrend / customers.length).toBeGreaterThan(0.9);
    } finally {
      await running.stop();
    }
  }, 360_000);
});
