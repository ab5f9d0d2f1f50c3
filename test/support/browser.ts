import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type RunningPacer, runPacer, startPacer } from './cli.js';
import { tempDir } from './temp-dir.js';

// What every browser suite shares: Debian's Chromium (a suite skips without it, unless PACER_REQUIRE_BROWSER=1),
// the demo world's people, signing in through the page, the accessibility check and where screenshots go.

export const CHROMIUM = process.env.PACER_CHROMIUM ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);

/** Call at the top of a browser suite's file: throws in CI (the suite may not skip there), warns elsewhere. */
export function requireBrowser(suite: string): void {
  if (haveBrowser) return;
  if (process.env.PACER_REQUIRE_BROWSER === '1') {
    throw new Error(`PACER_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: the browser suite may not skip`);
  }
  console.warn(`[pacer] ${suite} browser suite SKIPPED: no Chromium at ${CHROMIUM} — CI always runs it.`);
}

/** The demo world's password and people (src/demo: the team signs in with it). */
export const DEMO_PASSWORD = 'pacer-demo';
export const DEMO_CSM = 'aiko.tanaka@team.pacer-demo.example';
export const DEMO_LEADER = 'sofia.rossi@team.pacer-demo.example';
/** Not in the demo world: startDemoPacer adds this admin when asked (`withAdmin`), with the demo password. */
export const TEST_ADMIN = 'test.admin@team.pacer-demo.example';

/** The folder a suite's screenshots go to, under test-results/ (ignored by git); made if missing. */
export function screenshotDir(suite: string): string {
  const dir = join(import.meta.dirname, '..', '..', 'test-results', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A small demo world, generated and served by `pacer start` (no demo reset on start); with `withAdmin`, TEST_ADMIN too. */
export async function startDemoPacer(
  name: string,
  options: { accounts?: number; withAdmin?: boolean } = {},
): Promise<RunningPacer> {
  const data = join(tempDir(name), 'data');
  const accounts = String(options.accounts ?? 60);
  const generated = runPacer(['demo', 'generate', '--accounts', accounts, '--data', data], {}, 180_000);
  expect(generated.status, generated.stderr).toBe(0);
  if (options.withAdmin) {
    const admin = ['users', 'create', '--email', TEST_ADMIN, '--password', DEMO_PASSWORD, '--role', 'admin'];
    const made = runPacer([...admin, '--name', 'Test Admin', '--data', data]);
    expect(made.status, made.stderr).toBe(0);
  }
  return startPacer(['--data', data, '--no-demo']);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** Signs in through the sign-in page and waits until the app has left it. */
export async function signInThroughPage(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A session cookie for calling the API as a demo person, the way the page does (`cookie` header value). */
export async function signInCookie(baseUrl: string, email: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] as string, csrfToken: body.csrfToken };
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(', ')})`);
}
