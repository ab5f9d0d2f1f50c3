import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/keys/api-keys.js';
import { type TestEngine, testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { until } from './support/until.js';

// analytics.js, Segment's browser library, unchanged, in a real browser on a page of another origin: told only
// Pacer's address (cdnURL), it fetches its settings from Pacer and sends its calls there (CORS preflights, the
// short paths, text/plain bodies), one by one and batched.

const CHROMIUM = process.env.PACER_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.PACER_REQUIRE_BROWSER === '1') {
    throw new Error(`PACER_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: the browser suite may not skip`);
  }
  console.warn(
    `[pacer] browser suite SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set PACER_CHROMIUM) — CI always runs it.`,
  );
}

// The library's own browser build, as a product's page would load it.
const require = createRequire(import.meta.url);
const ANALYTICS_JS = join(dirname(require.resolve('@segment/analytics-next/package.json')), 'dist', 'umd', 'index.js');

interface Usage {
  series: { events: Record<string, number> }[];
}
/** The shop's page: analytics.js's own load(), as a product's page calls it. */
type Shop = { loadAnalytics: typeof import('@segment/analytics-next')['AnalyticsBrowser']['load'] };
type Body = Record<string, unknown> & { id: string };

/** The product's page: its own origin (localhost, where Pacer is 127.0.0.1), serving analytics.js. */
async function startShop(): Promise<{ url: string; server: Server }> {
  const script = readFileSync(ANALYTICS_JS);
  const server = createServer((request, response) => {
    if (request.url === '/analytics.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><title>Shop</title><script src="/analytics.js"></script>
        <script>window.loadAnalytics = (settings, options) => AnalyticsNext.AnalyticsBrowser.load(settings, options);</script>
        <p>Shop</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(!haveBrowser)('analytics.js in Chromium sends to Pacer', () => {
  // The browser's side is what is tested here; the tracking API's storage on both engines is tracking-api.test.ts's.
  const engine = testEngines()[0] as TestEngine;
  let pacer: TestServer;
  let shop: { url: string; server: Server };
  let browser: Browser;
  let writeKey: string;
  let adminKey: string;
  const admin = () => ({ authorization: `Bearer ${adminKey}` });
  const accountByExternalId = async (externalId: string) =>
    (await pacer.call<{ data: Body[] }>('GET', `/api/accounts?externalId=${externalId}`, undefined, admin())).body
      .data[0];
  /** Today's counts by event name in the account's usage, once they reach what `done` waits for. */
  const usageToday = (accountId: string, done: (counts: Record<string, number>) => boolean) =>
    until(
      async () =>
        (await pacer.call<Usage>('GET', `/api/accounts/${accountId}/usage`, undefined, admin())).body.series.at(-1)
          ?.events ?? {},
      done,
    );
  const eventsOf = async (accountId: string) =>
    (await pacer.call<{ data: Body[] }>('GET', `/api/accounts/${accountId}/events`, undefined, admin())).body.data;

  beforeAll(async () => {
    pacer = await startTestServer(await engine.open());
    writeKey = (await createApiKey(pacer.database.db, 'web', 'ingest')).secret;
    // A team key ends the local open mode: from here on only the write key lets the page in.
    adminKey = (await createApiKey(pacer.database.db, 'ops', 'admin')).secret;
    shop = await startShop();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.server.close(resolve));
    await pacer?.close();
  });

  /** A fresh page of the shop, with every request it makes and every answer Pacer gives it recorded. */
  async function openShop(): Promise<{ page: Page; requests: string[]; failures: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const failures: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    page.on('requestfailed', (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.url()}: ${response.status()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    await page.goto(shop.url);
    return { page, requests, failures };
  }

  it('identifies, groups, tracks and pages one call at a time', async () => {
    const { page, requests, failures } = await openShop();
    await page.evaluate(
      async ({ writeKey, cdnURL }) => {
        const [analytics] = await (window as unknown as Shop).loadAnalytics({ writeKey, cdnURL });
        // Before signing in: the browser's anonymousId only.
        await analytics.track('Pricing Viewed', { plan: 'team' });
        await analytics.identify('u-ann', { email: 'ann@acme.example', name: 'Ann Lee' });
        await analytics.group('acme', { name: 'Acme Inc', industry: 'Retail' });
        await analytics.track('Report Exported', { format: 'csv', rows: 12 });
        await analytics.page('Dashboard');
      },
      { writeKey, cdnURL: pacer.url },
    );

    const account = await until(
      () => accountByExternalId('acme'),
      (found) => found !== undefined,
    );
    expect(account).toMatchObject({ name: 'Acme Inc', industry: 'Retail' });
    const contacts = (
      await pacer.call<{ data: Body[] }>('GET', `/api/contacts?accountId=${account?.id}`, undefined, admin())
    ).body.data;
    expect(contacts.map((contact) => [contact.externalId, contact.email])).toEqual([['u-ann', 'ann@acme.example']]);

    const events = await until(
      () => eventsOf(account?.id as string),
      (found) => found.length >= 3,
    );
    // What the visitor did before signing in is the user's, once identify named them.
    expect(events.map((event) => [event.type, event.name, event.userId]).sort()).toEqual([
      ['page', 'Dashboard', 'u-ann'],
      ['track', 'Pricing Viewed', 'u-ann'],
      ['track', 'Report Exported', 'u-ann'],
    ]);
    expect(events.find((event) => event.name === 'Report Exported')?.properties).toEqual({ format: 'csv', rows: 12 });
    // Each event reaches the rollups with the flush after its request: waited for until all three are there.
    const expected = { 'Pricing Viewed': 1, 'Report Exported': 1, Dashboard: 1 };
    const usage = await usageToday(account?.id as string, (counts) =>
      Object.entries(expected).every(([name, count]) => counts[name] === count),
    );
    expect(usage).toEqual(expected);

    // Settings from Pacer, then each call by its short path, each after a CORS preflight: nothing went to Segment.
    const pacerCalls = requests.filter((request) => request.includes(pacer.url));
    expect(pacerCalls).toEqual(
      expect.arrayContaining([
        `GET ${pacer.url}/v1/projects/${writeKey}/settings`,
        `POST ${pacer.url}/v1/i`,
        `POST ${pacer.url}/v1/g`,
        `POST ${pacer.url}/v1/t`,
        `POST ${pacer.url}/v1/p`,
      ]),
    );
    expect(requests.filter((request) => !request.includes(pacer.url) && !request.includes(shop.url))).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('delivers batched calls through /v1/b', async () => {
    const { page, requests, failures } = await openShop();
    await page.evaluate(
      async ({ writeKey, cdnURL }) => {
        const [analytics] = await (window as unknown as Shop).loadAnalytics(
          { writeKey, cdnURL },
          {
            integrations: {
              'Segment.io': { deliveryStrategy: { strategy: 'batching', config: { size: 4, timeout: 300 } } },
            },
          },
        );
        analytics.identify('u-bo', { email: 'bo@globex.example' });
        analytics.group('globex', { name: 'Globex' });
        analytics.track('Invoice Sent', { amount: 120 });
        analytics.track('Invoice Sent', { amount: 80 });
      },
      { writeKey, cdnURL: pacer.url },
    );

    const account = await until(
      () => accountByExternalId('globex'),
      (found) => found !== undefined,
    );
    expect(account).toMatchObject({ name: 'Globex' });
    const usage = await usageToday(account?.id as string, (counts) => counts['Invoice Sent'] === 2);
    expect(usage).toEqual({ 'Invoice Sent': 2 });
    expect(requests).toContain(`POST ${pacer.url}/v1/b`);
    expect(requests.filter((request) => /\/v1\/[tigp]$/.test(request))).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });
});
