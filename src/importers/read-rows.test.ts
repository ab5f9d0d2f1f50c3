import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { openRowSource, type SourceRow } from './read-rows.js';

async function readAll(path: string, options: Parameters<typeof openRowSource>[1] = {}): Promise<SourceRow[]> {
  const source = await openRowSource(path, options);
  const rows: SourceRow[] = [];
  for await (const batch of source.rows) rows.push(...batch);
  return rows;
}

const dir = tempDir('read-rows');

describe('openRowSource', () => {
  it('reads rows whole where the text is cut for parsing: inside an emoji, a quoted cell and a CRLF', async () => {
    // The reader parses 16,384 characters at a time (ASCII before the cuts, so characters are bytes here): an
    // emoji's two UTF-16 halves, a quoted cell holding a line break, and a CRLF each straddle one of those cuts.
    let text = 'id,text\r\n';
    const expected: { id: string; text: string }[] = [];
    const add = (id: string, value: string, written = value) => {
      text += `${id},${written}\r\n`;
      expected.push({ id, text: value });
    };
    /** Rows until the next one starts at `at`. */
    const fillUntil = (at: number) => {
      while (at - text.length > 120) add(String(expected.length), `row ${expected.length}`);
      const id = String(expected.length);
      add(id, 'x'.repeat(at - text.length - id.length - 3));
      expect(text.length).toBe(at);
    };
    // "E,abc" then the emoji: its first half is character 16,383, the last of the first slice.
    fillUntil(16_383 - 5);
    add('E', 'abc😀def');
    // "Q," then a quoted cell whose line break is character 32,767, the last of the second slice.
    fillUntil(32_767 - 7);
    add('Q', 'line\none', '"line\none"');
    // A row whose \r is character 49,151 and its \n the first of the fourth slice.
    fillUntil(49_151 - 5);
    add('C', 'end');
    for (let i = 0; i < 400; i++) add(`t${i}`, `tail ${i} é`);
    expect(text.charCodeAt(16_383)).toBe('😀'.charCodeAt(0));
    expect(text[32_767]).toBe('\n');
    expect(text.slice(49_151, 49_153)).toBe('\r\n');

    const path = join(dir, 'cuts.csv');
    writeFileSync(path, text);
    const rows = await readAll(path);
    expect(rows.map((r) => r.values)).toEqual(expected);
    expect(rows.every((r) => r.problem === undefined)).toBe(true);
    // Line numbers count the header as line 1, and the quoted line break as a line of its own.
    const lineOf = (id: string) => rows.find((r) => r.values.id === id)?.line;
    const index = (id: string) => expected.findIndex((e) => e.id === id);
    expect(lineOf('E')).toBe(2 + index('E'));
    expect(lineOf('C')).toBe(3 + index('C'));
  });

  it('reads every row of JSON Lines and whitespace-separated files longer than one batch, in order', async () => {
    const jsonl = join(dir, 'many.jsonl');
    writeFileSync(jsonl, Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: i, name: `n${i}` })).join('\n'));
    const fromJson = await readAll(jsonl);
    expect(fromJson.map((r) => r.values)).toEqual(Array.from({ length: 1000 }, (_, i) => ({ id: i, name: `n${i}` })));
    expect(fromJson.map((r) => r.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));

    const spaced = join(dir, 'many.txt');
    writeFileSync(spaced, `id  name\n${Array.from({ length: 1000 }, (_, i) => `${i}   n${i}`).join('\n')}\n`);
    const fromText = await readAll(spaced, { delimiter: 'whitespace' });
    expect(fromText.map((r) => r.values)).toEqual(
      Array.from({ length: 1000 }, (_, i) => ({ id: String(i), name: `n${i}` })),
    );
    expect(fromText.at(-1)?.line).toBe(1001);
  });
});
