import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { csvCell } from './write-rejects.js';

export type FileFormat = 'csv' | 'jsonl';

export interface SourceRow {
  /** Line in the file where the row starts: the CSV header is line 1. */
  line: number;
  /** The row as written (CSV: its cells written back as CSV), for the rejects file. */
  raw: string;
  values: Record<string, unknown>;
  /** Set when the row cannot be read at all (bad JSON, too many cells); values is then empty. */
  problem?: string;
}

export interface RowSource {
  format: FileFormat;
  /** The CSV header, or the keys of the first JSON Lines rows. */
  columns: string[];
  /** Rows in batches, as they become available. */
  rows: AsyncIterable<SourceRow[]>;
  totalBytes: number;
  /** Bytes read from the file so far (compressed bytes for .gz), for progress. */
  bytesRead(): number;
}

/** csv for .csv(.gz); jsonl for .jsonl/.ndjson(.gz); undefined when the name does not say. */
export function detectFormat(path: string): FileFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return undefined;
}

// Enough rows to see the keys of a JSON Lines file whose first rows leave out optional ones.
const JSONL_PEEK_ROWS = 100;

async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await file.close();
  }
}

function newlines(values: string[]): number {
  let count = 0;
  for (const value of values) {
    for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) count++;
  }
  return count;
}

const csvLine = (values: string[]) => values.map(csvCell).join(',');

/** The objects a stream has ready, as arrays: one await per batch rather than per row. */
async function* readBatches(stream: Readable): AsyncGenerator<unknown[]> {
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  stream.on('readable', notify);
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('close', () => {
    ended = true;
    notify();
  });
  stream.on('error', (error) => {
    failure = error;
    notify();
  });
  try {
    for (;;) {
      const batch: unknown[] = [];
      for (let item = stream.read(); item !== null; item = stream.read()) batch.push(item);
      if (batch.length > 0) yield batch;
      else if (failure) throw failure;
      else if (ended) return;
      else await new Promise<void>((resume) => (wake = resume));
    }
  } finally {
    stream.destroy();
  }
}

/** Lines of a text stream, in batches, without readline's per-line await. */
async function* readLines(stream: Readable): AsyncGenerator<string[]> {
  let rest = '';
  const decoder = new StringDecoder('utf8');
  for await (const pieces of readBatches(stream)) {
    const lines = (rest + (pieces as Buffer[]).map((piece) => decoder.write(piece)).join('')).split('\n');
    rest = lines.pop() as string;
    yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
}

/**
 * Rows of a CSV file. Line numbers are counted here (csv-parse's per-record info object halves its speed): a record
 * takes one line plus one for each line break inside its quoted cells. The row for the rejects file is written back
 * from its cells, only for a row that is rejected.
 */
async function* csvRows(parser: Readable, onHeader: (header: string[]) => void): AsyncGenerator<SourceRow[]> {
  let header: string[] | undefined;
  let nextLine = 1;
  for await (const records of readBatches(parser)) {
    const rows: SourceRow[] = [];
    for (const item of records) {
      const record = item as string[];
      const line = nextLine;
      nextLine += 1 + newlines(record);
      if (record.length === 1 && record[0] === '') continue;
      if (!header) {
        header = record.map((name, index) => name.trim() || `column_${index + 1}`);
        const seen = new Set<string>();
        for (const name of header) {
          if (seen.has(name)) throw new Error(`the header names the column ${JSON.stringify(name)} twice`);
          seen.add(name);
        }
        onHeader(header);
        continue;
      }
      if (record.length !== header.length) {
        rows.push({
          line,
          raw: csvLine(record),
          values: {},
          problem: `(row): has ${record.length} values but the header has ${header.length} columns`,
        });
        continue;
      }
      const values: Record<string, unknown> = {};
      for (let index = 0; index < header.length; index++) values[header[index] as string] = record[index];
      rows.push({
        line,
        get raw() {
          return csvLine(record);
        },
        values,
      });
    }
    yield rows;
  }
}

async function* jsonlRows(text: Readable): AsyncGenerator<SourceRow[]> {
  let line = 0;
  for await (const lines of readLines(text)) {
    const rows: SourceRow[] = [];
    for (const rawLine of lines) {
      line++;
      const raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        rows.push({ line, raw, values: {}, problem: `(row): is not valid JSON (${(error as Error).message})` });
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        rows.push({ line, raw, values: {}, problem: '(row): must be a JSON object' });
        continue;
      }
      rows.push({ line, raw, values: value as Record<string, unknown> });
    }
    yield rows;
  }
}

async function* prepend<T>(first: T[], rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return(undefined);
  }
}

/** Opens a CSV or JSON Lines file, gzip-compressed or not, to read its rows as a stream (in batches). */
export async function openRowSource(path: string, format: FileFormat | undefined): Promise<RowSource> {
  const info = await stat(path).catch(() => {
    throw new Error(`cannot read ${path}: no such file`);
  });
  if (!info.isFile()) throw new Error(`cannot read ${path}: not a file`);
  const chosen = format ?? detectFormat(path);
  if (!chosen) throw new Error(`cannot tell the format of ${path} from its name: give --format csv or jsonl`);
  const gzip = await isGzip(path);
  const file = createReadStream(path);
  let bytesRead = 0;
  file.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  // A failure anywhere in a pipeline destroys its last stream, so the loop reading the rows throws it.
  const ignore = () => {};
  const text: Readable = gzip ? pipeline(file, createGunzip(), ignore) : file;
  let columns: string[] = [];
  const batches =
    chosen === 'csv'
      ? csvRows(pipeline(text, parse({ bom: true, relax_column_count: true }), ignore), (header) => {
          columns = header;
        })
      : jsonlRows(text);
  const peeked: SourceRow[][] = [];
  let peekedRows = 0;
  for (let next = await batches.next(); !next.done; next = await batches.next()) {
    peeked.push(next.value);
    peekedRows += next.value.length;
    if (chosen === 'csv' ? columns.length > 0 : peekedRows >= JSONL_PEEK_ROWS) break;
  }
  if (chosen === 'jsonl') {
    columns = [...new Set(peeked.flatMap((rows) => rows.flatMap((row) => Object.keys(row.values))))];
  }
  return { format: chosen, columns, rows: prepend(peeked, batches), totalBytes: info.size, bytesRead: () => bytesRead };
}
