import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { importFile } from '../src/importers/import-file.js';
import { importKinds } from '../src/importers/import-kinds.js';
import { createDelimitedParser } from '../src/importers/parse-delimited.js';
import { deepJsonText, fieldValue } from './support/bad-values.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

// Issue 17: both importers (records and events), fed generated bad rows in CSV and JSON Lines, finish without a
// crash, keep what they can, and name the field in the reason of every rejected row. The kinds come from
// importKinds, so a kind added later is fuzzed too.

const FILES_PER_FORMAT = { pglite: 2, postgres: 1 } as const;
const ROWS_PER_FILE = { pglite: 40, postgres: 15 } as const;

const snake = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** A cell the importer takes for this field, so that most rows reach the database with one or two bad cells. */
function goodCell(field: string): fc.Arbitrary<unknown> {
  const enums: Record<string, string[]> = {
    lifecycleStage: ['onboarding', 'Adoption'],
    coverageTier: ['high_touch', 'Tech Touch'],
    role: ['champion', 'End User'],
    billingPeriod: ['month', 'year'],
    status: ['active', 'open', 'closed'],
    priority: ['high', 'low'],
    kind: ['nps', 'csat'],
    type: ['track', 'page'],
  };
  if (enums[field]) return fc.constantFrom(...(enums[field] as string[]));
  if (/^account(External)?Id$|^userId$/.test(field)) return fc.constant('acme');
  if (/At$|Date$|^timestamp$/.test(field)) return fc.constantFrom('2026-01-01', '2026-03-01T09:30:00Z');
  if (/^(mrr|amount|employees|seats|count|firstResponseMinutes|resolutionMinutes)$/.test(field)) {
    return fc.constantFrom('10', '250');
  }
  if (/^(score|sentiment|satisfaction)$/.test(field)) return fc.constantFrom('1', '2');
  if (/^(traits|properties)$/.test(field)) {
    return fc.dictionary(
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 5 }),
      fc.oneof(fc.integer(), fc.string()),
    );
  }
  if (field === 'currency') return fc.constantFrom('USD', 'JPY');
  if (field === 'email') return fc.constantFrom('ann@acme.example', 'ANN@acme.example');
  if (field === 'country') return fc.constantFrom('JP', 'us');
  if (/^(ownerId|parentId|parentExternalId|messageId)$/.test(field)) return fc.constant('');
  if (field === 'active') return fc.constantFrom('yes', 'false');
  if (field === 'tags') return fc.constantFrom('outage', 'Champion Left; budget-cut');
  return fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 });
}

/** A generated row: every field of the kind (an account reference for those that have one) and a stray column. */
function rowOf(fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      ...Object.fromEntries(fields.map((field) => [snake(field), fieldValue(goodCell(field), 60)])),
      stray: fc.oneof(
        fieldValue(fc.string({ maxLength: 8 })),
        fc.integer({ min: 60, max: 3000 }).map((depth) => deepJsonText(depth, 'array')),
      ),
    },
    { requiredKeys: [] },
  );
}

const cellText = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
const csvCell = (text: string) => `"${text.replaceAll('"', '""')}"`;

function csvOf(columns: string[], rows: Record<string, unknown>[]): string {
  const lines = rows.map((row) => columns.map((column) => csvCell(cellText(row[column]))).join(','));
  return `${columns.map(csvCell).join(',')}\n${lines.join('\n')}\n`;
}

/** A rejects file's rows as "line reason", read as CSV: the rows as written may hold line breaks of their own. */
function rejectsOf(path: string): string[] {
  const reasons: string[] = [];
  const parser = createDelimitedParser(',', (cells) => reasons.push(`${cells[0]} ${cells[1]}`));
  parser.push(readFileSync(path, 'utf8'));
  parser.end();
  return reasons.slice(1);
}

describe.each(testEngines())('both importers under generated bad rows on $engine', ({ engine, open }) => {
  let database: Database;
  let dir: string;

  beforeAll(async () => {
    database = await open();
    dir = tempDir('fuzz-import');
    writeFileSync(join(dir, 'acme.csv'), 'external_id,name\nacme,Acme\n');
    await importFile(database, { kind: 'accounts', file: join(dir, 'acme.csv') });
  });
  afterAll(() => database.close());

  it('finishes every import, and every rejected row names its field', async () => {
    let rows = 0;
    let rejected = 0;
    const started = Date.now();
    for (const [kindIndex, kind] of Object.values(importKinds).entries()) {
      const fields = [
        ...new Set([
          ...Object.keys(kind.fields),
          ...(kind.name === 'accounts' || kind.name === 'events' ? [] : ['accountExternalId']),
        ]),
      ];
      const columns = [...fields.map(snake), 'stray'];
      for (const format of ['csv', 'jsonl'] as const) {
        const files = fc.sample(
          fc.array(rowOf(fields), { minLength: ROWS_PER_FILE[engine], maxLength: ROWS_PER_FILE[engine] }),
          {
            numRuns: FILES_PER_FORMAT[engine],
            seed: 1_700 + kindIndex * 10 + (format === 'csv' ? 0 : 5),
          },
        );
        for (const [fileIndex, generated] of files.entries()) {
          const file = join(dir, `${kind.name}-${fileIndex}.${format}`);
          writeFileSync(
            file,
            format === 'csv'
              ? csvOf(columns, generated)
              : `${generated.map((row) => JSON.stringify(row)).join('\n')}\n`,
          );
          const summary = await importFile(database, { kind: kind.name, file });
          const where = `${kind.name} ${format} file ${fileIndex}`;
          expect(summary.rowsRead, where).toBe(generated.length);
          rows += generated.length;
          rejected += summary.rejected;
          if (summary.rejected === 0) continue;
          const reasons = rejectsOf(summary.rejectsPath as string);
          console.log(
            'REASONS',
            where,
            reasons.slice(0, 6).map((r) => r.slice(0, 100)),
          );
          expect(reasons.length, where).toBe(summary.rejected);
          for (const reason of reasons) {
            // "line field: why", the field a name of the kind's (or traits.x, properties.x, …), never the database's
            // own words for a row it could not store.
            expect(reason, where).toMatch(/^\d+ [^\s(].*?: \S/s);
          }
        }
      }
    }
    // The database still answers.
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(database.db);
    expect(counted[0]?.n).toBeGreaterThanOrEqual(1);
    console.log(
      `fuzz-import on ${engine}: ${rows} generated rows (${rejected} rejected) over ${Object.keys(importKinds).length} kinds × CSV and JSON Lines in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});
