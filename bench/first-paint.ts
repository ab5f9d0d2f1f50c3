// npm run bench:web (second part) — the portfolio's first paint with data, in Debian's Chromium, on the demo world
// `npm start` makes (500 accounts; BENCH_DEMO_ACCOUNTS to change), and the JavaScript a first visit downloads.
// First paint with data = from navigation start to the first account row in the table, recorded in the page by a
// MutationObserver (installed before any of the app's code runs). Cold: a new browser context each time (empty cache,
// every asset downloaded); warm: a reload with the assets cached. Printed beside the same run's baseline: the time
// the page's own fetch of /api/portfolio takes once the app is loaded (what the page adds is the ratio).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { runPacer, startPacer } from '../test/support/cli.js';

const CHROMIUM = process.env.PACER_CHROMIUM ?? '/usr/bin/chromium';
const ACCOUNTS = process.env.BENCH_DEMO_ACCOUNTS ?? '500';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CSM = 'aiko.tanaka@team.pacer-demo.example';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(0)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'pacer-bench-paint-'));
const data = join(dir, 'data');
process.stdout.write(`Generating the demo world (${ACCOUNTS} accounts)…\n`);
const generated = runPacer(['demo', 'generate', '--accounts', ACCOUNTS, '--data', data], {}, 600_000);
if (generated.status !== 0) throw new Error(generated.stderr);
const pacer = await startPacer(['--data', data, '--no-demo'], {}, 300_000);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

try {
  // The initial JavaScript: the entry script and everything index.html preloads, gzipped as a server would send it.
  const html = await (await fetch(`${pacer.url}/portfolio`)).text();
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  let raw = 0;
  let gzipped = 0;
  for (const script of new Set(scripts)) {
    const body = Buffer.from(await (await fetch(`${pacer.url}${script}`)).arrayBuffer());
    raw += body.length;
    gzipped += gzipSync(body, { level: 6 }).length;
  }

  const signIn = await fetch(`${pacer.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: CSM, password: 'pacer-demo' }),
  });
  const token = /pacer_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('could not sign in as the demo CSM');
  const url = new URL(pacer.url);

  const cold: number[] = [];
  const warm: number[] = [];
  const contentful: number[] = [];
  const apiOnly: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'pacer_session', value: token, domain: url.hostname, path: '/' }]);
    // As text: a function would be serialised as tsx compiled it, with helpers the page does not have.
    await context.addInitScript(`
      const observer = new MutationObserver(() => {
        if (document.querySelector('tbody tr td')) {
          window.firstRowAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    `);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    const firstRow = async () => {
      await page.waitForFunction(() => (window as unknown as { firstRowAt?: number }).firstRowAt !== undefined);
      return page.evaluate(() => ({
        row: (window as unknown as { firstRowAt: number }).firstRowAt,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      }));
    };
    await page.goto(`${pacer.url}/portfolio`);
    const first = await firstRow().catch(async (error: unknown) => {
      throw new Error(`no account row at ${page.url()}: ${(await page.locator('body').textContent())?.slice(0, 300)}`, {
        cause: error,
      });
    });
    cold.push(first.row);
    contentful.push(first.fcp);
    await page.reload();
    warm.push((await firstRow()).row);
    apiOnly.push(
      await page.evaluate(async () => {
        const started = performance.now();
        await (await fetch('/api/portfolio?stage=current&limit=50', { credentials: 'same-origin' })).json();
        return performance.now() - started;
      }),
    );
    await context.close();
  }
  const baseline = median(apiOnly);
  process.stdout.write(
    [
      '',
      `Portfolio first paint with data, demo world of ${ACCOUNTS} accounts, medians of ${RUNS} runs (target < 1500 ms):`,
      `  cold (empty cache):  ${ms(median(cold))}   (runs: ${cold.map((v) => v.toFixed(0)).join(', ')})  ×${(median(cold) / baseline).toFixed(1)} the API call`,
      `  warm (reload):       ${ms(median(warm))}   ×${(median(warm) / baseline).toFixed(1)} the API call`,
      `  first contentful paint (cold): ${ms(median(contentful))}`,
      `  baseline, the page's fetch of /api/portfolio?limit=50 alone: ${ms(baseline)}`,
      `Initial JavaScript (entry + preloads, ${new Set(scripts).size} files): ${(raw / 1024).toFixed(0)} KB, ${(gzipped / 1024).toFixed(0)} KB gzipped (target < 400 KB)`,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  await pacer.stop();
  rmSync(dir, { recursive: true, force: true });
}
