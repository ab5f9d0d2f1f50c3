import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../server/http-error.js';
import { detectFormat, type FileFormat } from './read-rows.js';

/** The largest file the web app takes, in MB: PACER_IMPORT_MAX_MB, default 200 (larger files: `pacer import`). */
export function importLimitMb(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env.PACER_IMPORT_MAX_MB);
  return Number.isFinite(given) && given > 0 ? given : 200;
}

export interface StoredUpload {
  /** The file as stored: upload.csv, upload.tsv or upload.jsonl, with .gz when it is compressed. */
  path: string;
  fileName: string;
  format: FileFormat;
  gzip: boolean;
  sizeBytes: number;
}

const CSV_TYPES = new Set(['text/csv', 'text/tab-separated-values', 'application/vnd.ms-excel']);
const JSONL_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonl']);
const GZIP_TYPES = new Set(['application/gzip', 'application/x-gzip']);
const UNTYPED = new Set(['', 'application/octet-stream', 'text/plain']);

/** A file name as the person's computer gave it, without folders or control characters, for showing back. */
export function cleanFileName(name: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = basename((name ?? '').replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  return cleaned.slice(0, 255) || 'upload';
}

/**
 * What the upload holds, from its Content-Type and, where that says no more than "a file" or "gzip", its name:
 * delimited text (tab-separated when named .tsv) or JSON Lines. Anything else is refused with the types taken.
 */
export function uploadFormat(contentType: string, fileName: string): { format: FileFormat; tsv: boolean } {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const named = detectFormat(fileName);
  const tsv = /\.tsv(\.gz)?$/i.test(fileName) || type === 'text/tab-separated-values';
  if (CSV_TYPES.has(type)) return { format: 'csv', tsv };
  if (JSONL_TYPES.has(type)) return { format: 'jsonl', tsv: false };
  if ((GZIP_TYPES.has(type) || UNTYPED.has(type)) && named) return { format: named, tsv };
  // Plain text not named otherwise is read as delimited text (a .txt export).
  if (type === 'text/plain') return { format: 'csv', tsv };
  throw new HttpError(
    415,
    'unsupported_media_type',
    GZIP_TYPES.has(type) || UNTYPED.has(type)
      ? `cannot tell what ${JSON.stringify(fileName)} holds: name it .csv, .tsv, .jsonl or .ndjson (.gz when compressed)`
      : `the file must be CSV (text/csv) or JSON Lines (application/x-ndjson), either gzip-compressed (application/gzip); not ${type || 'without a Content-Type'}`,
  );
}

function tooLarge(limitMb: number): HttpError {
  return new HttpError(
    413,
    'too_large',
    `the file is over ${limitMb} MB, the limit for files imported in the web app (PACER_IMPORT_MAX_MB); import larger files with \`pacer import\``,
    [],
    // The rest of the body is not read: the connection cannot carry another request after it.
    { connection: 'close' },
  );
}

async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await file.close();
  }
}

/**
 * Streams the request's body into dir, never holding more than a piece of it in memory, and stops at the limit
 * (refusing at once when Content-Length says it is over). Leaves nothing behind when it fails.
 */
export async function storeUpload(
  request: Request,
  options: { dir: string; fileName: string; limitMb: number },
): Promise<StoredUpload> {
  const { format, tsv } = uploadFormat(request.headers.get('content-type') ?? '', options.fileName);
  const maxBytes = Math.floor(options.limitMb * 1024 * 1024);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(options.limitMb);
  if (!request.body) throw new HttpError(422, 'empty_file', 'the file is empty: it has no rows to import');
  await mkdir(options.dir, { recursive: true });
  const gzipNamed = /\.gz$/i.test(options.fileName) || GZIP_TYPES.has(request.headers.get('content-type') ?? '');
  const temporary = join(options.dir, 'upload.part');
  let size = 0;
  const counter = new Transform({
    transform(piece: Buffer, _encoding, done) {
      size += piece.length;
      done(size > maxBytes ? tooLarge(options.limitMb) : null, piece);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(request.body as import('node:stream/web').ReadableStream),
      counter,
      createWriteStream(temporary),
    );
    if (size === 0) throw new HttpError(422, 'empty_file', 'the file is empty: it has no rows to import');
    const gzip = await isGzip(temporary);
    if (gzipNamed && !gzip) {
      throw new HttpError(
        422,
        'not_gzip',
        `${options.fileName} is not gzip-compressed, though its name or type says so`,
      );
    }
    const path = join(options.dir, `upload.${format === 'jsonl' ? 'jsonl' : tsv ? 'tsv' : 'csv'}${gzip ? '.gz' : ''}`);
    await rename(temporary, path);
    return { path, fileName: options.fileName, format, gzip, sizeBytes: size };
  } catch (error) {
    await rm(options.dir, { recursive: true, force: true });
    throw error;
  }
}
