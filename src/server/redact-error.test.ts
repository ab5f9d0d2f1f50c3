import { describe, expect, it } from 'vitest';
import { redactError, redactMessage } from './redact-error.js';

describe('redactError', () => {
  it('keeps what failed and where, not the values', () => {
    // Shaped as PGlite's and pg's errors are: the SQLSTATE and names beside the message, the parameters attached.
    const error = Object.assign(new Error('invalid input syntax for type uuid: "ann@acme.example"'), {
      code: '22P02',
      table: 'contacts',
      detail: 'Key (email)=(ann@acme.example) already exists.',
      params: ['ann@acme.example', 'Ann Lee'],
      query: "insert into contacts (email, name) values ($1, 'Ann Lee')",
    });
    const line = redactError(error);
    expect(line).toContain('invalid input syntax for type uuid: "…" [code=22P02 table=contacts]');
    expect(line).not.toMatch(/ann@|Ann Lee/);
    expect(line).toMatch(/\n\s+at /);
    expect(redactError(error, { frames: false })).not.toContain('\n');
  });

  it('blanks quoted values, e-mail addresses and key values in messages', () => {
    expect(redactMessage(`Unexpected token 'x', "{x: 1}" is not valid JSON`)).toBe(
      'Unexpected token "…", "…" is not valid JSON',
    );
    expect(redactMessage('refused bo@globex.example today')).toBe('refused <email> today');
    expect(redactMessage('Key (account_id, external_id)=(1, secret) exists')).toBe(
      'Key (account_id, external_id)=(…) exists',
    );
  });

  it('follows causes, and survives things that are not errors', () => {
    const wrapped = new Error('batch failed', { cause: Object.assign(new Error('no "x@y.z"'), { code: 'XX000' }) });
    expect(redactError(wrapped)).toMatch(/caused by Error: no "…" \[code=XX000\]/);
    expect(redactError('ann@acme.example')).toBe('non-error thrown (string)');
  });
});
