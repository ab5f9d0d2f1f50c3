import { gunzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest, type FieldIssue, HttpError } from './http-error.js';

// Reading a request's JSON, and the one pass that refuses what PostgreSQL cannot store or Pacer cannot walk safely:
// U+0000 (text and jsonb cannot hold it), lone UTF-16 surrogates (JSON.stringify writes them as \ud800, which jsonb
// refuses, and UTF-8 cannot encode them) and values nested so deep that recursive code overflows the stack. Each is
// answered 400 naming the JSON path of the first such value, before any handler or query sees it.

/** Deepest nesting of arrays and objects a value may have. Real payloads nest a handful of levels. */
export const MAX_DEPTH = 64;
/**
 * Deepest nesting a body may have at all: checked on the text, before JSON.parse, so that the walk below (recursive,
 * like JSON.stringify and zod) never meets more. Between the two a batch message that is too deep is refused alone.
 */
const MAX_TEXT_DEPTH = 512;

const DEEP = `is nested deeper than ${MAX_DEPTH} levels of arrays and objects`;
const NUL = 'must not contain the character U+0000';
const SURROGATE =
  'holds a lone UTF-16 surrogate (such as \\ud800), which is not a character: send text as valid Unicode';

declare global {
  interface String {
    /** ES2024, in Node since 20: false when the text holds a lone surrogate. */
    isWellFormed(): boolean;
  }
}

/** Why a text cannot be stored, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\0')) return NUL;
  return text.isWellFormed() ? undefined : SURROGATE;
}

/** A key as it can be shown in a field path: its unstorable characters replaced by U+FFFD. */
const shownKey = (key: string) => key.replace(/[\0\p{Cs}]/gu, '\ufffd');

type Found = { path: string[]; message: string };

/**
 * The first unstorable text, key or too-deep value in `value`, with its path from `value` (reversed: built only on
 * the way back from a find, so that the common case, nothing found, makes no strings). `skipItemsOf`: a key of the
 * top level whose array items are not looked into.
 */
function walk(value: unknown, depth: number, skipItemsOf?: string): Found | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path: [], message: problem } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_DEPTH) return { path: [], message: DEEP };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = walk(value[index], depth + 1);
      if (found) {
        found.path.push(String(index));
        return found;
      }
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const keyProblem = textProblem(key);
    if (keyProblem) return { path: [shownKey(key)], message: `(the name of this field) ${keyProblem}` };
    const item = (value as Record<string, unknown>)[key];
    if (key === skipItemsOf && Array.isArray(item)) continue;
    const found = walk(item, depth + 1);
    if (found) {
      found.path.push(shownKey(key));
      return found;
    }
  }
  return undefined;
}

/**
 * The first value or key in `value` that cannot be stored (NUL, lone surrogate) or is nested deeper than MAX_DEPTH,
 * as an issue naming its path under `path`; undefined when there is none. `skipItemsOf` names a top-level array
 * whose items someone else checks (a tracking batch's messages, each refused alone).
 */
export function findUnstorable(value: unknown, path = '', skipItemsOf?: string): FieldIssue | undefined {
  const found = walk(value, 0, skipItemsOf);
  if (!found) return undefined;
  const field = [path, ...found.path.reverse()].filter((part) => part !== '').join('.');
  return { field: field || '(body)', message: found.message };
}

// Body schemas whose array field holds items the handler checks one by one: the field's name.
const checkedApart = new WeakMap<z.ZodType, string>();

/**
 * Marks a body schema whose array field `key` holds items the handler checks itself, one by one, so that one bad
 * item (a tracking batch's message) is refused alone instead of failing the whole request.
 */
export function withItemsCheckedApart<T extends z.ZodType>(schema: T, key: string): T {
  checkedApart.set(schema, key);
  return schema;
}

/**
 * Refuses params, a query or a body holding a value that cannot be stored, naming its field: `where` is the
 * prefix of the field ('path', 'query', or '' for the body), `schema` the one it is about to be validated with.
 */
export function rejectUnstorable(value: unknown, where: string, schema?: z.ZodType): void {
  const issue = findUnstorable(value, where, schema ? checkedApart.get(schema) : undefined);
  if (issue) throw badRequest([issue]);
}

/**
 * How deep arrays and objects nest in a JSON text, counted without parsing it (so without recursion), stopping as
 * soon as it passes `limit`.
 */
export function jsonTextDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // a backslash: the next character is escaped
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}

/** The JSON of a body's text; undefined for an empty body. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (jsonTextDepth(text, MAX_TEXT_DEPTH) > MAX_TEXT_DEPTH) throw badRequest([{ field: '(body)', message: DEEP }]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest([{ field: '(body)', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
}

const tooLarge = (maxBytes: number) =>
  new HttpError(413, 'too_large', `the body is over ${Math.round(maxBytes / 1024)} KB, the limit of this call`);

/** The request's JSON body (gzip undone when Content-Encoding says so), at most `maxBytes` once unzipped. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  if ((c.req.header('content-encoding') ?? '').toLowerCase() !== 'gzip') {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
    return parseJsonText(text);
  }
  let bytes = Buffer.from(await c.req.arrayBuffer());
  try {
    bytes = gunzipSync(bytes, { maxOutputLength: maxBytes + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw badRequest([{ field: '(body)', message: 'is not valid gzip' }]);
  }
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  return parseJsonText(bytes.toString('utf8'));
}

/** Most of an over-limit body read (and dropped) to keep its connection open; past it, the connection is closed. */
const DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 2000;

/**
 * Reads the rest of a refused request's body and drops it. A body left unread on a keep-alive connection is what
 * the next request on it would be parsed from, so the server resets the connection instead: a client that sent one
 * body too large lost the request after it too. True when the body was read to its end.
 */
async function drainBody(c: Context): Promise<boolean> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  const body = c.req.raw.body;
  if (!body || declared > DRAIN_BYTES) return false;
  // A chunked body is being read by bodyLimit itself, which stopped at the limit holding the reader: close.
  if (body.locked) return false;
  const reader = body.getReader();
  let onTimeUp = () => {};
  const timeUp = new Promise<'time up'>((resolve) => {
    onTimeUp = () => resolve('time up');
  });
  const timer = setTimeout(() => onTimeUp(), DRAIN_MS);
  let read = 0;
  try {
    for (;;) {
      const chunk = await Promise.race([reader.read(), timeUp]);
      if (chunk === 'time up') return false;
      if (chunk.done) return true;
      read += chunk.value.length;
      if (read > DRAIN_BYTES) return false;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/**
 * The 413 answer for a body over the size limit, given before the body is read: the rest of the body is read and
 * dropped first so that the keep-alive connection can carry the next request; when that would take too long (a body
 * over 16 MB, or slower than 2 s) the answer says `Connection: close` instead.
 */
export async function tooLargeAnswer(c: Context, message: string): Promise<Response> {
  const drained = await drainBody(c);
  return c.json({ error: 'too_large', message, issues: [] }, 413, drained ? {} : { connection: 'close' });
}
