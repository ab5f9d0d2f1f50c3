import { describe, expect, it } from 'vitest';
import { importKinds } from './import-kinds.js';
import { resolveMapping } from './resolve-mapping.js';
import { suggestMapping } from './suggest-mapping.js';

describe('suggestMapping', () => {
  it("fills fields from a CRM export's own column names, after the columns named like fields", () => {
    // external_id is the field by its name; Company is how CRMs name an account's name; Website its domain;
    // "Number of Employees" its employees; Notes fills nothing (accounts have no such field: it goes to traits).
    expect(
      suggestMapping(importKinds.accounts, ['external_id', 'Company', 'Website', 'Number of Employees', 'Notes']),
    ).toEqual({ externalId: 'external_id', name: 'Company', domain: 'Website', employees: 'Number of Employees' });
  });

  it('gives each column one field, and a field named outright wins over another name for it', () => {
    // "id" is another name for externalId, but the column External ID is that field by name; id stays free.
    // customerID fills accountExternalId for subscriptions; MonthlyCharges fills mrr.
    expect(suggestMapping(importKinds.accounts, ['id', 'External ID'])).toEqual({ externalId: 'External ID' });
    expect(suggestMapping(importKinds.subscriptions, ['customerID', 'MonthlyCharges', 'tenure'])).toEqual({
      accountExternalId: 'customerID',
      mrr: 'MonthlyCharges',
    });
  });
});

describe('resolveMapping with matchNames false', () => {
  it('fills only the fields given: a column named like a field stays unmapped', () => {
    const mapping = resolveMapping(importKinds.accounts, ['externalId', 'name', 'Company'], {
      file: { externalId: 'externalId', name: 'Company' },
      matchNames: false,
    });
    expect(mapping.sources.map((s) => [s.field, s.column])).toEqual([
      ['externalId', 'externalId'],
      ['name', 'Company'],
    ]);
    expect(mapping.mappedColumns.has('name')).toBe(false);
  });
});
