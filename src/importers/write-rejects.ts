import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { Reject } from './load-chunk.js';

const HEADER = 'line,reason,row';

export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface RejectsFile {
  path: string;
  count(): number;
  add(rejects: Reject[]): Promise<void>;
  /** Finishes the file; answers its path when it holds rejects. */
  close(): Promise<string | undefined>;
}

async function startsWithOurHeader(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(HEADER.length), 0, HEADER.length, 0);
      return buffer.toString('utf8', 0, bytesRead) === HEADER;
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

/**
 * The rejected rows as CSV (line,reason,row), created with the first reject. A rejects file of an earlier run at
 * the same path is removed when this run has none, so what lies there always belongs to the last run.
 */
export function openRejectsFile(path: string): RejectsFile {
  let stream: WriteStream | undefined;
  let count = 0;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const target = stream as WriteStream;
      if (target.write(text)) resolve();
      else target.once('drain', resolve).once('error', reject);
    });
  return {
    path,
    count: () => count,
    async add(rejects) {
      if (rejects.length === 0) return;
      if (!stream) {
        stream = createWriteStream(path);
        await write(`${HEADER}\n`);
      }
      count += rejects.length;
      await write(
        rejects.map((reject) => `${reject.line},${csvCell(reject.reason)},${csvCell(reject.raw)}\n`).join(''),
      );
    },
    async close() {
      if (!stream) {
        if (await startsWithOurHeader(path)) await rm(path, { force: true });
        return undefined;
      }
      const target = stream;
      await new Promise<void>((resolve, reject) =>
        target.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      return path;
    },
  };
}
