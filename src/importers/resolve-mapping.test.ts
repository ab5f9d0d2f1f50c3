import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBER_FORMAT } from './coerce-value.js';
import { importKinds } from './import-kinds.js';
import { mapRow } from './map-row.js';
import { resolveMapping } from './resolve-mapping.js';

const accounts = importKinds.accounts;
const subscriptions = importKinds.subscriptions;

describe('resolveMapping', () => {
  it('matches columns named like fields in any case, camelCase or snake_case', () => {
    const mapping = resolveMapping(accounts, ['EXTERNAL_ID', 'Name', 'first_seen_at', 'tenure'], {});
    expect(mapping.sources.map((s) => [s.field, s.column])).toEqual([
      ['externalId', 'EXTERNAL_ID'],
      ['name', 'Name'],
      ['firstSeenAt', 'first_seen_at'],
    ]);
  });

  it('takes explicit pairs first, from a mapping file and from --map, in either spelling', () => {
    const mapping = resolveMapping(subscriptions, ['customerID', 'MonthlyCharges', 'mrr', 'Start'], {
      file: { start_date: 'Start' },
      map: ['account_external_id=customerID,mrr=MonthlyCharges'],
    });
    expect(mapping.sources.map((s) => [s.field, s.column])).toEqual([
      ['startDate', 'Start'],
      ['accountExternalId', 'customerID'],
      ['mrr', 'MonthlyCharges'],
    ]);
    // The column called mrr fills no field now that MonthlyCharges does.
    expect(mapping.mappedColumns.has('mrr')).toBe(false);
  });

  it('coerces --set constants once and refuses unknown fields, missing columns and clashes', () => {
    // --set values are read with the file's number format: "1,000" is a thousand only when commas group thousands.
    expect(
      resolveMapping(subscriptions, [], {
        set: ['currency=usd', 'seats=1,000'],
        numbers: { decimal: '.', thousands: ',' },
      }).constants,
    ).toEqual({ currency: 'usd', seats: 1000 });
    expect(() => resolveMapping(subscriptions, [], { set: ['seats=1,000'] })).toThrow(
      '--set seats=1,000: seats "1,000" has a comma; say --decimal , or --thousands , for this file',
    );
    expect(() => resolveMapping(accounts, ['id'], { map: ['colour=id'] })).toThrow(/accounts have no field colour/);
    expect(() => resolveMapping(accounts, ['id'], { map: ['externalId=customerID'] })).toThrow(
      /the file has no column "customerID"; its columns: id/,
    );
    expect(() => resolveMapping(accounts, ['id'], { map: ['externalId'] })).toThrow(/expected field=value/);
    expect(() => resolveMapping(subscriptions, ['c'], { map: ['currency=c'], set: ['currency=USD'] })).toThrow(
      /comes from the column c already/,
    );
    expect(() => resolveMapping(subscriptions, [], { set: ['startDate=01/02/2026'] })).toThrow(/--date-format/);
  });
});

describe('mapRow', () => {
  it('puts the columns that fill no field into traits, numbers as numbers', () => {
    const mapping = resolveMapping(accounts, ['customerID', 'name', 'tenure', 'Partner', 'Empty'], {
      map: ['externalId=customerID'],
    });
    const mapped = mapRow(
      { customerID: 'c1', name: 'Acme', tenure: '34', Partner: 'Yes', Empty: '' },
      {
        kind: accounts,
        mapping,
        dateOrder: 'ymd',
        numbers: DEFAULT_NUMBER_FORMAT,
        fromText: true,
        ignoredColumns: new Set(),
      },
    );
    expect(mapped).toEqual({
      input: { externalId: 'c1', name: 'Acme', traits: { tenure: 34, Partner: 'Yes' } },
      issues: [],
    });
  });

  it('names the field and the reason of each cell it cannot read, and lists ignored columns', () => {
    const ignored = new Set<string>();
    const mapping = resolveMapping(subscriptions, ['mrr', 'start_date', 'Paperless'], {});
    const mapped = mapRow(
      { mrr: '12 dollars', start_date: '02/03/2026', Paperless: 'Yes' },
      {
        kind: subscriptions,
        mapping,
        dateOrder: 'ymd',
        numbers: DEFAULT_NUMBER_FORMAT,
        fromText: true,
        ignoredColumns: ignored,
      },
    );
    expect(mapped.issues.map((issue) => issue.field)).toEqual(['mrr', 'startDate']);
    expect(mapped.issues[0]?.message).toMatch(/must be a decimal amount such as 29.85, not "12 dollars"/);
    expect([...ignored]).toEqual(['Paperless']);
  });
});
