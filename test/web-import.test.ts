import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CSM,
  DEMO_PASSWORD,
  haveBrowser,
  launchChromium,
  requireBrowser,
  screenshotDir,
  seriousViolations,
  signInThroughPage,
} from './support/browser.js';
import { type RunningPacer, runPacer, startPacer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

// An admin imports a CRM's CSV of accounts in the web app: chooses the file, sees the mapping Pacer suggests for
// the CRM's column names, previews the rows and the one bad row, loads them, and downloads the rejects. Then the
// first step in Japanese. Screenshots in test-results/web-import/.

requireBrowser('import');
const SHOTS = screenshotDir('web-import');
const ADMIN = 'import.admin@pacer-test.example';
const PASSWORD = 'import admin password';

// Line 3 (Globex) says "lots" for its number of employees: the bad row. The other two are good.
const BAD_ROW = 'globex-web,Globex,globex.example,lots,2024-02-01,AMER';
const CSV = [
  'Customer ID,Company,Website,Number of Employees,Customer Since,Region',
  'acme-web,Acme Inc,acme.example,120,2024-01-15,EMEA',
  BAD_ROW,
  'initech-web,Initech,initech.example,45,2024-03-10,APAC',
].join('\n');

describe.skipIf(!haveBrowser)('importing a file in the web app', () => {
  let pacer: RunningPacer;
  let browser: Browser;
  let importUrl = '';

  beforeAll(async () => {
    const data = join(tempDir('web-import'), 'data');
    const generated = runPacer(['demo', 'generate', '--accounts', '30', '--data', data], {}, 180_000);
    expect(generated.status, generated.stderr).toBe(0);
    // The demo team has no admin: make one, as a new installation does.
    const made = runPacer([
      'users',
      'create',
      '--email',
      ADMIN,
      '--role',
      'admin',
      '--password',
      PASSWORD,
      '--data',
      data,
    ]);
    expect(made.status, made.stderr).toBe(0);
    pacer = await startPacer(['--data', data, '--no-demo']);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await pacer?.stop();
  });

  const newPage = async (locale: string, email = ADMIN, password = PASSWORD): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signInThroughPage(page, pacer.url, email, password);
    return page;
  };

  it('uploads, maps with suggestions, previews the reject, loads, and downloads exactly the bad row', async () => {
    const page = await newPage('en-US');
    await page.goto(`${pacer.url}/import`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Import');
    await expect.poll(() => page.getByText('No imports yet').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-choose-en.png') });

    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'crm-accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    expect(await page.getByLabel('What the file holds').inputValue()).toBe('accounts');
    await page.getByRole('button', { name: 'Upload and map columns' }).click();

    // Step 2: the CRM's names are mapped to Pacer's fields and marked as suggestions; Region stays a trait.
    await page.waitForURL(/\/import\/[0-9a-f-]{36}\/map\?kind=accounts$/);
    const fieldOf = (column: string) => page.getByLabel(`Pacer field for the column ${column}`, { exact: true });
    await expect.poll(() => fieldOf('Company').inputValue()).toBe('name');
    expect(await fieldOf('Customer ID').inputValue()).toBe('externalId');
    expect(await fieldOf('Number of Employees').inputValue()).toBe('employees');
    expect(await fieldOf('Region').inputValue()).toBe('');
    expect(
      await page
        .getByRole('row', { name: /^Company/ })
        .getByText('Suggested')
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('row', { name: /^Region/ })
        .getByText('Suggested')
        .count(),
    ).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-map-en.png'), fullPage: true });

    // Step 3: two rows as they will be stored, the bad one with its field and reason.
    await page.getByRole('link', { name: 'Preview the rows' }).click();
    await page.waitForURL(/\/preview\?/);
    const rejects = page.getByRole('table').nth(1);
    await expect.poll(() => rejects.getByRole('row').count()).toBe(2);
    const rejectRow = rejects.getByRole('row').nth(1);
    expect(await rejectRow.getByRole('cell').allTextContents()).toEqual([
      '3',
      'Employees',
      expect.stringMatching(/^must be a number such as .+, not "lots"$/),
      BAD_ROW,
    ]);
    expect(await page.getByRole('table').first().getByRole('row').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-preview-en.png'), fullPage: true });

    // Step 4: the load, then its summary: 3 rows read, acme-web and initech-web loaded, globex-web rejected.
    await page.getByRole('button', { name: 'Load Accounts' }).click();
    await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
    importUrl = page.url();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent(), { timeout: 30_000 })
      .toBe('crm-accounts.csv is imported');
    const figure = (label: string) => page.locator('dl div').filter({ hasText: label }).locator('dd');
    expect(await figure('Rows read').textContent()).toBe('3');
    expect(await figure('Rows loaded').textContent()).toMatch(/^2New 2 · Updated 0 · Unchanged 0$/);
    expect(await figure('Rows rejected').textContent()).toBe('1');
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value')).toBe('100');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-done-en.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the rejected rows (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('crm-accounts.rejects.csv');
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toEqual(['line,reason,row', expect.stringMatching(new RegExp(`^3,.*employees.*,"${BAD_ROW}"$`))]);

    // The recent imports list has it, done, with 2 loaded and 1 rejected.
    await page.getByRole('link', { name: 'Import another file' }).click();
    const recent = page.getByRole('row', { name: /crm-accounts\.csv/ });
    await expect.poll(() => recent.getByRole('cell').nth(2).textContent()).toBe('Done');
    expect(await recent.getByRole('cell').nth(3).textContent()).toBe('2');
    expect(await recent.getByRole('cell').nth(4).textContent()).toBe('1');
    await page.context().close();
  });

  it('speaks Japanese: the first step, the mapping and the reasons of the preview', async () => {
    const page = await newPage('ja-JP');
    await page.goto(`${pacer.url}/import`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('インポート');
    expect(await page.getByRole('navigation', { name: 'インポートの手順' }).textContent()).toBe(
      '1ファイルを選ぶ2列を対応付ける3プレビュー4読み込む',
    );
    expect(await page.getByLabel('ファイルの内容').inputValue()).toBe('accounts');
    expect(await page.getByRole('button', { name: 'アップロードして列を対応付ける' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-ja.png') });

    // The import of the first test, its preview in Japanese: the reason is said in Japanese too.
    const id = importUrl.split('/').at(-1) as string;
    await page.goto(`${pacer.url}/import/${id}/preview?kind=accounts`);
    const reason = page.getByRole('table').nth(1).getByRole('row').nth(1).getByRole('cell').nth(2);
    await expect.poll(() => reason.textContent()).toMatch(/のような数値でなければなりません（値："lots"）$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-preview-ja.png'), fullPage: true });
    await page.goto(`${pacer.url}/import/${id}/map?kind=accounts`);
    await expect.poll(() => page.getByText('提案', { exact: true }).count()).toBe(5);
    await page.screenshot({ path: join(SHOTS, 'import-map-ja.png'), fullPage: true });
    await page.goto(importUrl);
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent())
      .toBe('crm-accounts.csv のインポートが完了しました');
    await page.screenshot({ path: join(SHOTS, 'import-done-ja.png'), fullPage: true });
    await page.context().close();
  });

  it('tells a CSM that importing is for leaders and admins, and offers no form', async () => {
    const page = await newPage('en-US', DEMO_CSM, DEMO_PASSWORD);
    await page.goto(`${pacer.url}/import`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Importing needs the leader or admin role');
    expect(await page.getByRole('button', { name: 'Upload and map columns' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('says clearly what is wrong: a file of another format, an empty file, an unknown kind', async () => {
    const page = await newPage('en-US');
    await page.goto(`${pacer.url}/import`);
    const file = page.getByLabel('File', { exact: true });
    const upload = page.getByRole('button', { name: 'Upload and map columns' });
    await file.setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await upload.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Pacer cannot read this kind of file');
    await file.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await upload.click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The file is empty: there are no rows to import.');
    await page.goto(`${pacer.url}/import?kind=widgets`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('“widgets” is not something Pacer imports');
    expect(await upload.isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-errors-en.png') });
    await page.context().close();
  });
});
