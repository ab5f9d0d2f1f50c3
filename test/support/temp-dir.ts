import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered in each test file that uses tempDir: its directories go when its tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new directory under the system's temporary one (pacer-<name>-…), deleted once the test file has run. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pacer-${name}-`));
  made.push(dir);
  return dir;
}
