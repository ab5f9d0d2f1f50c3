import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { coerceValue, type DateOrder, type FieldType } from '../src/importers/coerce-value.js';
import { importKinds } from '../src/importers/import-kinds.js';
import { prepareRecord } from '../src/importers/prepare-record.js';
import en from '../web/src/i18n/locales/en-import.json' with { type: 'json' };
import ja from '../web/src/i18n/locales/ja-import.json' with { type: 'json' };
import { translateReason } from '../web/src/import/translate-reason.js';

// The web app says in Japanese why a row is rejected by recognising the importer's English reasons. These are the
// importer's own reasons, made by its own functions: when their wording changes, this fails instead of the app
// quietly falling back to English.

const reasonOf = (value: unknown, type: FieldType, order: DateOrder = 'ymd') => {
  const coerced = coerceValue(value, type, order);
  if (coerced.ok) throw new Error(`${JSON.stringify(value)} was read as ${type}`);
  return coerced.reason;
};

describe('the reasons of rejected rows in Japanese', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'ja',
    resources: { ja: { translation: { import: ja } }, en: { translation: { import: en } } },
    interpolation: { escapeValue: false },
  });
  const t = i18n.t;

  it('translates what the importer says of numbers, amounts, yes/no, dates and missing fields', () => {
    expect(translateReason(reasonOf('lots', 'number'), t)).toBe(
      '1234.50 のような数値でなければなりません（値："lots"）',
    );
    expect(translateReason(reasonOf('12 dollars', 'money'), t)).toMatch(
      /のような金額でなければなりません（値："12 dollars"）$/,
    );
    expect(translateReason(reasonOf('maybe', 'boolean'), t)).toBe(
      'yes/no、true/false、y/n、1/0 のいずれかでなければなりません（値："maybe"）',
    );
    expect(translateReason(reasonOf('2024-02-30', 'date'), t)).toBe('"2024-02-30" は暦にない日付です');
    expect(translateReason(reasonOf('01/02/2026', 'date'), t)).toMatch(
      /^"01\/02\/2026" は日\/月\/年とも月\/日\/年とも読めます/,
    );
    expect(translateReason(reasonOf('soon', 'timestamp'), t)).toBe(
      '2026-03-31 のような日付か日時でなければなりません（値："soon"）',
    );
    const missing = prepareRecord(importKinds.accounts, { name: 'Acme' });
    expect(missing.ok).toBe(false);
    const [field, message] = (missing.ok ? '' : missing.reason).split(': ');
    expect(field).toBe('externalId');
    expect(translateReason(message as string, t)).toBe('必須です');
  });

  it('leaves a reason it does not know as the server wrote it', () => {
    expect(translateReason('must be an ISO 3166-1 alpha-2 code such as JP or US', t)).toBe(
      'must be an ISO 3166-1 alpha-2 code such as JP or US',
    );
  });
});
