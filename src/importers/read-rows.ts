import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { createDelimitedParser } from './parse-delimited.js';

/** csv: delimited text (commas by default, see Delimiter); jsonl: one JSON object per line. */
export type FileFormat = 'csv' | 'jsonl';

/** What separates the cells of delimited text; whitespace is any run of spaces and tabs, with no quoting. */
export type Delimiter = ',' | ';' | 'tab' | 'whitespace';

export const delimiters: readonly Delimiter[] = [',', ';', 'tab', 'whitespace'];

export interface RowSourceOptions {
  /** Default: from the file's name; csv when a delimiter or columns are given. */
  format?: FileFormat;
  /** Delimited text only. Default: tab for .tsv, else a comma. */
  delimiter?: Delimiter;
  /** The names of the columns of delimited text without a header row: its first line is then data. */
  columns?: string[];
}

export interface SourceRow {
  /** Line in the file where the row starts: the header, when there is one, is line 1. */
  line: number;
  /** The row as written (without its line break), for the rejects file. */
  raw: string;
  values: Record<string, unknown>;
  /** Delimited text: the row's cells, in the order of the source's columns. */
  cells?: string[];
  /** Set when the row cannot be read at all (bad JSON, too many cells); values is then empty. */
  problem?: string;
}

export interface RowSource {
  format: FileFormat;
  /** The header (or the columns given), or the keys of the first JSON Lines rows. */
  columns: string[];
  /** Rows in batches, as they become available. */
  rows: AsyncIterable<SourceRow[]>;
  totalBytes: number;
  /** Bytes read from the file so far (compressed bytes for .gz), for progress. */
  bytesRead(): number;
}

/** csv for .csv/.tsv(.gz); jsonl for .jsonl/.ndjson(.gz); undefined when the name does not say. */
export function detectFormat(path: string): FileFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
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

/** The header's names, blank ones numbered; a name twice would make rows ambiguous. */
function columnNames(names: string[], what: string): string[] {
  const columns = names.map((name, index) => name.trim() || `column_${index + 1}`);
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) throw new Error(`${what} names the column ${JSON.stringify(name)} twice`);
    seen.add(name);
  }
  return columns;
}

/** Rows of delimited text: the header, or the columns given for a file without one. */
interface Header {
  columns?: string[];
  /** Where a row of the wrong length is told what it should have had. */
  source: string;
  onHeader(columns: string[]): void;
}

function headerOf(given: string[] | undefined, onHeader: (columns: string[]) => void): Header {
  return given ? { columns: given, source: '--columns names', onHeader } : { source: 'the header has', onHeader };
}

/** A row of delimited text: its cells, and its values by column made only when asked for. */
class CellsRow implements SourceRow {
  #values: Record<string, unknown> | undefined;
  constructor(
    readonly line: number,
    readonly raw: string,
    readonly cells: string[],
    private readonly columns: string[],
  ) {}

  get values(): Record<string, unknown> {
    if (!this.#values) {
      const values: Record<string, unknown> = {};
      for (let index = 0; index < this.columns.length; index++)
        values[this.columns[index] as string] = this.cells[index];
      this.#values = values;
    }
    return this.#values;
  }
}

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

// Characters of text parsed before the rows read from them are handed on, and the most rows handed on at once: the
// rows of a whole 64 KB piece, alive together while they were prepared, lived through V8's young-generation
// collections and were copied, then promoted, by the megabyte (bench:import: half the collector's time, and
// steadier).
const ROWS_SLICE = 16 * 1024;
const ROWS_PER_BATCH = 256;

/** Rows of delimited text (CSV, or semicolons or tabs), in batches as the file's pieces arrive. */
async function* delimitedRows(text: Readable, delimiter: string, header: Header): AsyncGenerator<SourceRow[]> {
  let columns = header.columns;
  let rows: SourceRow[] = [];
  const parser = createDelimitedParser(delimiter, (cells, line, raw, problem) => {
    if (cells.length === 1 && cells[0] === '') return;
    if (!columns) {
      columns = columnNames(cells, 'the header');
      header.onHeader(columns);
    } else if (problem) rows.push({ line, raw, values: {}, problem });
    else if (cells.length !== columns.length) {
      rows.push({
        line,
        raw,
        values: {},
        problem: `(row): has ${cells.length} values but ${header.source} ${columns.length} columns`,
      });
    } else rows.push(new CellsRow(line, raw, cells, columns));
  });
  const decoder = new StringDecoder('utf8');
  for await (const pieces of readBatches(text)) {
    for (const piece of pieces as Buffer[]) {
      const decoded = decoder.write(piece);
      for (let from = 0; from < decoded.length; from += ROWS_SLICE) {
        parser.push(decoded.slice(from, from + ROWS_SLICE));
        if (rows.length > 0) {
          yield rows;
          rows = [];
        }
      }
    }
  }
  parser.push(decoder.end());
  parser.end();
  if (rows.length > 0) yield rows;
}

const WHITESPACE = /[ \t]+/;

/**
 * Rows of text whose cells are separated by runs of spaces or tabs (fixed-width reports, old data sets such as
 * CDNOW's): space at either end of a line is ignored and nothing is quoted, so a cell cannot hold a space.
 */
async function* whitespaceRows(text: Readable, header: Header): AsyncGenerator<SourceRow[]> {
  let columns = header.columns;
  let line = 0;
  let rows: SourceRow[] = [];
  for await (const lines of readLines(text)) {
    for (const rawLine of lines) {
      if (rows.length >= ROWS_PER_BATCH) {
        yield rows;
        rows = [];
      }
      line++;
      let raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (line === 1 && raw.startsWith('\uFEFF')) raw = raw.slice(1);
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      const cells = trimmed.split(WHITESPACE);
      if (!columns) {
        columns = columnNames(cells, 'the header');
        header.onHeader(columns);
        continue;
      }
      if (cells.length !== columns.length) {
        rows.push({
          line,
          raw,
          values: {},
          problem: `(row): has ${cells.length} values but ${header.source} ${columns.length} columns`,
        });
        continue;
      }
      rows.push(new CellsRow(line, raw, cells, columns));
    }
  }
  if (rows.length > 0) yield rows;
}

async function* jsonlRows(text: Readable): AsyncGenerator<SourceRow[]> {
  let line = 0;
  let rows: SourceRow[] = [];
  for await (const lines of readLines(text)) {
    for (const rawLine of lines) {
      if (rows.length >= ROWS_PER_BATCH) {
        yield rows;
        rows = [];
      }
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
  }
  if (rows.length > 0) yield rows;
}

async function* prepend<T>(first: T[], rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return(undefined);
  }
}

const CSV_DELIMITERS: Record<Exclude<Delimiter, 'whitespace'>, string> = { ',': ',', ';': ';', tab: '\t' };

/**
 * Opens a delimited text (CSV) or JSON Lines file, gzip-compressed or not, to read its rows as a stream (in
 * batches).
 */
export async function openRowSource(path: string, options: RowSourceOptions = {}): Promise<RowSource> {
  const info = await stat(path).catch(() => {
    throw new Error(`cannot read ${path}: no such file`);
  });
  if (!info.isFile()) throw new Error(`cannot read ${path}: not a file`);
  const delimited = options.delimiter !== undefined || options.columns !== undefined;
  const chosen = options.format ?? detectFormat(path) ?? (delimited ? 'csv' : undefined);
  if (!chosen) {
    throw new Error(
      `cannot tell the format of ${path} from its name: give --format csv or jsonl, or --delimiter for delimited text`,
    );
  }
  if (chosen === 'jsonl' && delimited) {
    throw new Error(`--delimiter and --columns are for delimited text; ${path} is read as JSON Lines`);
  }
  const given = options.columns ? columnNames(options.columns, '--columns') : undefined;
  const delimiter = options.delimiter ?? (/\.tsv(\.gz)?$/i.test(path) ? 'tab' : ',');
  const gzip = await isGzip(path);
  // Paused until the rows are read: a 'data' listener here would let the file flow away before anyone reads it.
  const file = createReadStream(path);
  // A failure anywhere in a pipeline destroys its last stream, so the loop reading the rows throws it.
  const ignore = () => {};
  const text: Readable = gzip ? pipeline(file, createGunzip(), ignore) : file;
  let columns: string[] = given ?? [];
  const header = headerOf(given, (names) => {
    columns = names;
  });
  const batches =
    chosen === 'jsonl'
      ? jsonlRows(text)
      : delimiter === 'whitespace'
        ? whitespaceRows(text, header)
        : delimitedRows(text, CSV_DELIMITERS[delimiter], header);
  const peeked: SourceRow[][] = [];
  let peekedRows = 0;
  if (!given) {
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      peeked.push(next.value);
      peekedRows += next.value.length;
      if (chosen === 'csv' ? columns.length > 0 : peekedRows >= JSONL_PEEK_ROWS) break;
    }
  }
  if (chosen === 'jsonl') {
    columns = [...new Set(peeked.flatMap((rows) => rows.flatMap((row) => Object.keys(row.values))))];
  }
  return {
    format: chosen,
    columns,
    rows: prepend(peeked, batches),
    totalBytes: info.size,
    bytesRead: () => file.bytesRead,
  };
}
