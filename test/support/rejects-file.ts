import { readFileSync } from 'node:fs';

/**
 * A rejects file as [line, reason] pairs, in its order. The reason is the second cell, quoted when it holds a comma
 * or a quote (a quoted reason ends at the first `",`: true of every reason the tests provoke).
 */
export function readRejects(path: string): [number, string][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const rest = line.slice(line.indexOf(',') + 1);
      const reason = rest.startsWith('"')
        ? rest.slice(1, rest.indexOf('",')).replaceAll('""', '"')
        : rest.slice(0, rest.indexOf(','));
      return [Number(line.slice(0, line.indexOf(','))), reason];
    });
}
