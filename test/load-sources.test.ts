import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

// A project laid out as Pacer is (bin/, src/, node_modules/), with bin/load-sources.js and two small sources.
const root = mkdtempSync(join(tmpdir(), 'pacer-load-sources-'));
mkdirSync(join(root, 'bin'));
mkdirSync(join(root, 'src', 'deep'), { recursive: true });
cpSync(join(REPO, 'bin', 'load-sources.js'), join(root, 'bin', 'load-sources.js'));
// Its own node_modules (whose .cache/ the copies go to), holding the repository's packages.
mkdirSync(join(root, 'node_modules'));
for (const entry of readdirSync(join(REPO, 'node_modules'))) {
  if (entry !== '.cache') symlinkSync(join(REPO, 'node_modules', entry), join(root, 'node_modules', entry));
}
writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
writeFileSync(
  join(root, 'bin', 'main.js'),
  `import { sourceModule } from './load-sources.js';
const { answer, fail } = await import(await sourceModule(new URL('../src/deep/main.ts', import.meta.url).href));
let where;
try {
  fail();
} catch (error) {
  const frame = error.stack.split(String.fromCharCode(10))[1];
  where = frame.slice(frame.indexOf('(') + 1, frame.lastIndexOf(')'));
}
console.log(JSON.stringify({ ...answer(), where }));
`,
);
writeFileSync(
  join(root, 'src', 'deep', 'main.ts'),
  `import { sql } from 'kysely';
import type { Shape } from '../shape.js';
import { word } from '../shape.js';
export function answer(): Shape & { here: string; sql: string[] } {
  return {
    word,
    here: new URL('../../package.json', import.meta.url).pathname,
    sql: sql.raw('select 1').toOperationNode().sqlFragments,
  };
}
export function fail(): never {
  throw new Error('here');
}
`,
);
const writeShape = (word: string) =>
  writeFileSync(
    join(root, 'src', 'shape.ts'),
    `export interface Shape { word: string }\nexport const word = '${word}';\n`,
  );
writeShape('first');
// Ignored: a test is not compiled.
writeFileSync(join(root, 'src', 'shape.test.ts'), 'this is not TypeScript');

const cache = join(root, 'node_modules', '.cache', 'pacer');
const copies = () => readdirSync(cache).sort();
const start = async () => JSON.parse((await run(process.execPath, [join(root, 'bin', 'main.js')])).stdout);
// Where fail() throws, in the source (line 12, column 9): what a stack trace names.
const where = join(root, 'src', 'deep', 'main.ts:12:9');

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

describe('running the TypeScript sources (bin/load-sources.js)', () => {
  it('compiles them once, keeps their import.meta.url and lines, and recompiles when one changes', async () => {
    rmSync(cache, { recursive: true, force: true });
    // Four runs starting together make one copy between them, and each loads a whole one.
    const first = await Promise.all([start(), start(), start(), start()]);
    for (const answer of first)
      expect(answer).toEqual({ word: 'first', here: join(root, 'package.json'), sql: ['select 1'], where });
    const [copy] = copies();
    expect(copies()).toEqual([copy]);
    // kysely from one file bundled in the copy.
    expect(readdirSync(join(cache, copy as string), { recursive: true }).sort()).toEqual([
      '_bundled',
      join('_bundled', 'kysely.js'),
      'deep',
      join('deep', 'main.js'),
      'package.json',
      'shape.js',
    ]);

    expect(await start()).toEqual({ word: 'first', here: join(root, 'package.json'), sql: ['select 1'], where });
    expect(copies()).toEqual([copy]);

    writeShape('second');
    expect(await start()).toEqual({ word: 'second', here: join(root, 'package.json'), sql: ['select 1'], where });
    expect(copies()).toHaveLength(2);

    // A copy made more than a day before is deleted when the next is made.
    const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(cache, copy as string), old, old);
    writeShape('third');
    expect(await start()).toEqual({ word: 'third', here: join(root, 'package.json'), sql: ['select 1'], where });
    expect(copies()).toHaveLength(2);
    expect(copies()).not.toContain(copy);
  });
});
