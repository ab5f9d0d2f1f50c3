import { describe, expect, it } from 'vitest';
import type { HttpError } from '../server/http-error.js';
import { cleanFileName, importLimitMb, uploadFormat } from './store-upload.js';

describe('uploadFormat', () => {
  it('reads the format from the content type, and from the name where the type says only "a file" or gzip', () => {
    expect(uploadFormat('text/csv; charset=utf-8', 'accounts.csv')).toEqual({ format: 'csv', tsv: false });
    expect(uploadFormat('text/tab-separated-values', 'x')).toEqual({ format: 'csv', tsv: true });
    // Windows browsers send a .csv file as an Excel type.
    expect(uploadFormat('application/vnd.ms-excel', 'accounts.csv')).toEqual({ format: 'csv', tsv: false });
    expect(uploadFormat('application/x-ndjson', 'events')).toEqual({ format: 'jsonl', tsv: false });
    expect(uploadFormat('application/gzip', 'usage.tsv.gz')).toEqual({ format: 'csv', tsv: true });
    expect(uploadFormat('application/gzip', 'events.ndjson.gz')).toEqual({ format: 'jsonl', tsv: false });
    expect(uploadFormat('', 'notes.jsonl')).toEqual({ format: 'jsonl', tsv: false });
    // Plain text: what its name says, else delimited text.
    expect(uploadFormat('text/plain', 'events.jsonl')).toEqual({ format: 'jsonl', tsv: false });
    expect(uploadFormat('text/plain', 'export.txt')).toEqual({ format: 'csv', tsv: false });
  });

  it('refuses another type (415), and a gzip or untyped file whose name does not say what it holds', () => {
    const refused = (type: string, name: string) => {
      try {
        uploadFormat(type, name);
      } catch (error) {
        return [(error as HttpError).status, (error as HttpError).message];
      }
      return undefined;
    };
    expect(refused('application/pdf', 'report.pdf')).toEqual([415, expect.stringContaining('not application/pdf')]);
    expect(refused('application/gzip', 'data.gz')).toEqual([
      415,
      expect.stringContaining('cannot tell what "data.gz"'),
    ]);
    expect(refused('', 'data')).toEqual([415, expect.stringContaining('name it .csv')]);
  });
});

describe('cleanFileName', () => {
  it('keeps the name only: no folders, no control characters, never empty', () => {
    expect(cleanFileName('C:\\Users\\ann\\accounts.csv')).toBe('accounts.csv');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.csv')).toBe('abc.csv');
    expect(cleanFileName(undefined)).toBe('upload');
    expect(cleanFileName('/')).toBe('upload');
  });
});

describe('importLimitMb', () => {
  it('is PACER_IMPORT_MAX_MB when it is a positive number, else 200', () => {
    expect(importLimitMb({})).toBe(200);
    expect(importLimitMb({ PACER_IMPORT_MAX_MB: '0.5' })).toBe(0.5);
    expect(importLimitMb({ PACER_IMPORT_MAX_MB: 'lots' })).toBe(200);
    expect(importLimitMb({ PACER_IMPORT_MAX_MB: '-1' })).toBe(200);
  });
});
