import { describe, expect, it } from 'vitest';
import { findUnstorable, jsonTextDepth, parseJsonText, textProblem } from './read-json.js';

describe('textProblem', () => {
  it('refuses U+0000 and lone surrogates, and takes a well-formed pair', () => {
    expect(textProblem('a\u0000b')).toMatch(/U\+0000/);
    expect(textProblem('a\ud800')).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem('\udc00a')).toMatch(/lone UTF-16 surrogate/);
    // U+1F600 is the pair \ud83d\ude00: one character.
    expect(textProblem('\ud83d\ude00')).toBeUndefined();
    expect(textProblem('')).toBeUndefined();
  });
});

describe('findUnstorable', () => {
  it('names the JSON path of the first bad value or key', () => {
    expect(findUnstorable({ a: [1, { b: 'x\u0000' }] })).toEqual({
      field: 'a.1.b',
      message: 'must not contain the character U+0000',
    });
    expect(findUnstorable({ traits: { 'k\u0000': 1 } }, 'path')?.field).toBe('path.traits.k\ufffd');
    expect(findUnstorable('\ud800')?.field).toBe('(body)');
    expect(findUnstorable({ ok: ['fine', 1, null, true] })).toBeUndefined();
  });

  it('stops at 64 levels and names where', () => {
    // 64 arrays around a 1 are 64 levels: allowed. An object around them makes 65; the 65th level is the innermost
    // array, reached through x and then index 0 of 63 arrays.
    const nest = (depth: number): unknown => (depth === 0 ? 1 : [nest(depth - 1)]);
    expect(findUnstorable(nest(64))).toBeUndefined();
    const issue = findUnstorable({ x: nest(64) });
    expect(issue?.message).toMatch(/nested deeper than 64/);
    expect(issue?.field).toBe(`x${'.0'.repeat(63)}`);
  });

  it('leaves the items of the named top-level array to their handler', () => {
    const body = { batch: [{ p: '\u0000' }], context: { q: 'ok' } };
    expect(findUnstorable(body, '', 'batch')).toBeUndefined();
    expect(findUnstorable({ ...body, context: { q: '\ud800' } }, '', 'batch')?.field).toBe('context.q');
  });
});

describe('parseJsonText', () => {
  it('counts depth on the text, ignoring brackets inside strings, and refuses 5,000 levels before parsing', () => {
    expect(jsonTextDepth('{"a":"[[[[","b":[{}]}', 100)).toBe(3);
    expect(jsonTextDepth('["\\"[["]', 100)).toBe(1);
    expect(() => parseJsonText('['.repeat(5000) + ']'.repeat(5000))).toThrow(/nested deeper than 64/);
    expect(parseJsonText('  ')).toBeUndefined();
  });
});
