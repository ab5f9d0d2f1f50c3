import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPacer, startPacer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

let secret = '';

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

// The only full-size demo test: a first start on an empty data directory generates the default world.
describe('pacer start on a fresh data directory', () => {
  it('generates the demo world with progress, then serves it', async () => {
    const data = join(tempDir('demo'), 'data');
    secret = runPacer(['keys', 'create', '--name', 'ops', '--scope', 'admin', '--data', data]).stdout.split(
      '\n',
    )[1] as string;
    const running = await startPacer(['--data', data]);
    try {
      expect(running.output()).toMatch(/Generating the demo world: 50%/);
      expect(running.output()).toMatch(/Demo world ready: 500 accounts/);
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
