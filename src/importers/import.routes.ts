import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { badRequest, HttpError } from '../server/http-error.js';
import { rawRequest, replyRaw } from '../server/raw-exchange.js';
import { defineRoute } from '../server/route.js';
import { openImport, requiredFields } from './import-file.js';
import {
  createImportRow,
  findImport,
  type ImportRecord,
  importsDirectory,
  listImports,
  startImport,
  toImportRecord,
} from './import-jobs.js';
import { type ImportKindName, importKindNames, importKinds } from './import-kinds.js';
import { mappingIssues, previewImport, sampleRows } from './preview-import.js';
import { cleanFileName, importLimitMb, storeUpload } from './store-upload.js';
import { suggestMapping } from './suggest-mapping.js';

// Who imports: a leader or an admin (or an admin key). An import writes many accounts' records at once through the
// importer's set-based upserts, which do not check account by account that a CSM owns each one (as the API's
// routes do, server/account-ownership.ts); and it may set owners. So a CSM does not import; a viewer even less.
const ACCESS = 'leader';
const TAG = 'Import';
const SAMPLE_ROWS = 5;

const importRecord = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'jsonl']),
  gzip: z.boolean(),
  sizeBytes: z.number(),
  columns: z.array(z.string()),
  kind: z.string().nullable(),
  mapping: z.record(z.string(), z.string()).nullable(),
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']).nullable(),
  status: z.enum(['uploaded', 'running', 'done', 'failed']),
  rowsRead: z.number(),
  rowsCommitted: z.number().describe('Rows of chunks that have committed, loaded or rejected.'),
  rowsInserted: z.number(),
  rowsUpdated: z.number(),
  rowsUnchanged: z.number(),
  rowsLoaded: z.number().describe('Inserted, updated or found unchanged: in the database after the import.'),
  rowsRejected: z.number(),
  bytesRead: z.number(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
}) satisfies z.ZodType<ImportRecord>;

const fieldIssue = z.object({ field: z.string(), message: z.string() });
const kindSchema = z.enum(importKindNames, { error: `must be one of ${importKindNames.join(', ')}` });
const mappingSchema = z
  .record(z.string(), z.string())
  .describe(
    "Field → the file's column that fills it; columns left out go into traits (properties for events) or are ignored.",
  );
const dateOrderSchema = z
  .enum(['ymd', 'dmy', 'mdy'], { error: 'must be ymd, dmy or mdy' })
  .optional()
  .describe(
    'How dates such as 01/02/2026 are read: day/month/year (dmy) or month/day/year (mdy); default ymd, which refuses them as ambiguous',
  );
const idParams = z.object({ id: z.uuid({ error: 'must be an import id (a UUID)' }) });

/** A cell of the sample as text: JSON Lines values that are not text are shown as JSON. */
const cellText = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** The stored upload of an import; gone when the temp folder was emptied (a database server's uploads). */
function uploadPath(dir: string): string {
  for (const name of ['upload.csv', 'upload.tsv', 'upload.jsonl']) {
    for (const path of [join(dir, name), join(dir, `${name}.gz`)]) if (existsSync(path)) return path;
  }
  throw new HttpError(404, 'upload_gone', 'the uploaded file is no longer on the server: upload it again');
}

function checkMapping(kind: ImportKindName, columns: string[], mapping: Record<string, string>, complete: boolean) {
  const issues = mappingIssues(importKinds[kind], columns, mapping, complete);
  if (issues.length > 0) throw badRequest(issues);
}

export const importRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/imports',
    access: ACCESS,
    tag: TAG,
    summary:
      'Upload a file to import: the raw file as the body (text/csv, application/x-ndjson, or either as application/gzip), its name in ?name=; answers the columns and first rows',
    query: z.object({ name: z.string().max(1000).optional().describe('The file name, for showing and its format') }),
    response: importRecord.extend({ sample: z.array(z.array(z.string().nullable())) }),
    status: 201,
    transaction: 'handler',
    unaudited: 'audited by the handler once the file is stored (streaming it to disk holds no transaction)',
    async handler({ query, actor, database }) {
      const id = uuidv7();
      const dir = join(importsDirectory(database), id);
      const fileName = cleanFileName(query.name);
      const stored = await storeUpload(rawRequest(), { dir, fileName, limitMb: importLimitMb() });
      let sample: Awaited<ReturnType<typeof sampleRows>>;
      try {
        sample = await sampleRows(stored.path, SAMPLE_ROWS);
      } catch (error) {
        throw new HttpError(422, 'unreadable_file', `${fileName}: ${(error as Error).message}`);
      }
      if (sample.columns.length === 0) {
        throw new HttpError(
          422,
          'empty_file',
          `${fileName} has no columns: it needs a header row (CSV) or objects (JSON Lines)`,
        );
      }
      await createImportRow(database.db, {
        id,
        fileName,
        format: stored.format,
        gzip: stored.gzip,
        sizeBytes: stored.sizeBytes,
        dir,
        columns: sample.columns,
        createdBy: actor.label,
      });
      await recordAudit(database.db, [
        {
          actor: actor.label,
          action: 'upload import',
          entity: 'import',
          entityId: id,
          changes: { fileName, sizeBytes: stored.sizeBytes, format: stored.format },
        },
      ]);
      const record = toImportRecord(await findImport(database.db, id));
      return {
        body: {
          ...record,
          sample: sample.rows.map((row) => sample.columns.map((column) => cellText(row.values[column]))),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/imports',
    access: ACCESS,
    tag: TAG,
    summary: 'Recent imports, newest first',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }),
    response: z.object({
      data: z.array(importRecord),
      limitMb: z.number().describe('The largest file an upload takes, in MB (PACER_IMPORT_MAX_MB)'),
    }),
    async handler({ db, query }) {
      return {
        body: { data: (await listImports(db, query.limit ?? 20)).map(toImportRecord), limitMb: importLimitMb() },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/imports/:id',
    access: ACCESS,
    tag: TAG,
    summary: 'An import: its file, and while it runs or after, rows read, loaded and rejected',
    params: idParams,
    response: importRecord,
    async handler({ db, params }) {
      return { body: toImportRecord(await findImport(db, params.id)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/imports/:id/preview',
    access: ACCESS,
    tag: TAG,
    summary:
      'The mapping suggested for a kind, and the first rows mapped and coerced with the mapping given (else the suggested one), rejected rows with each field and reason',
    params: idParams,
    body: z.strictObject({
      kind: kindSchema,
      mapping: mappingSchema.optional(),
      dateOrder: dateOrderSchema,
      limit: z.number().int().min(1).max(100).optional(),
    }),
    response: z.object({
      kind: z.string(),
      fields: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          required: z.boolean().describe('The import needs a column for it'),
        }),
      ),
      extraInto: z.enum(['traits', 'properties']).nullable().describe('Where columns mapped to no field go'),
      suggested: z.record(z.string(), z.string()),
      mapping: z.record(z.string(), z.string()),
      missing: z.array(z.string()).describe('Fields the import needs that the mapping leaves empty'),
      columns: z.array(z.string()),
      sample: z.array(z.array(z.string().nullable())).describe("The first rows as written, in the file's columns"),
      rows: z.array(z.object({ line: z.number(), values: z.record(z.string(), z.unknown()) })),
      rejects: z.array(z.object({ line: z.number(), raw: z.string(), issues: z.array(fieldIssue) })),
    }),
    transaction: 'handler',
    unaudited: 'reads the uploaded file; changes nothing',
    async handler({ params, body, database }) {
      const row = await findImport(database.db, params.id);
      const kind = importKinds[body.kind];
      const suggested = suggestMapping(kind, row.columns);
      const mapping = body.mapping ?? suggested;
      checkMapping(body.kind, row.columns, mapping, false);
      const path = uploadPath(row.dir);
      const preview = await previewImport(path, kind, mapping, { limit: body.limit ?? 20, dateOrder: body.dateOrder });
      const required = new Set(requiredFields[body.kind] ?? []);
      return {
        body: {
          kind: kind.name,
          fields: Object.entries(kind.fields).map(([name, type]) => ({ name, type, required: required.has(name) })),
          extraInto: kind.extraInto,
          suggested,
          mapping,
          missing: [...required].filter((field) => !(field in mapping)),
          columns: row.columns,
          sample: preview.sample.map((source) => row.columns.map((column) => cellText(source.values[column]))),
          rows: preview.rows,
          rejects: preview.rejects,
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/imports/:id/run',
    access: ACCESS,
    tag: TAG,
    summary:
      'Load the file with this kind and mapping, in the background; follow it with GET /api/imports/:id (safe to run again: rows already loaded are not loaded twice)',
    params: idParams,
    body: z.strictObject({ kind: kindSchema, mapping: mappingSchema, dateOrder: dateOrderSchema }),
    response: importRecord,
    status: 202,
    transaction: 'handler',
    unaudited: 'audited by the handler when the load starts (recordAudit) and by the importer when it ends',
    async handler({ params, body, actor, database }) {
      const row = await findImport(database.db, params.id);
      checkMapping(body.kind, row.columns, body.mapping, true);
      const opened = await openImport({
        kind: body.kind,
        file: uploadPath(row.dir),
        mapping: { file: body.mapping, matchNames: false },
        dateOrder: body.dateOrder,
        rejectsPath: join(row.dir, 'rejects.csv'),
        databaseUrl: database.url,
        audit: { actor: actor.label, entityId: row.id },
      });
      await startImport(database, row.id, opened, body.mapping);
      await recordAudit(database.db, [
        {
          actor: actor.label,
          action: `start import ${body.kind}`,
          entity: 'import',
          entityId: row.id,
          changes: { fileName: row.file_name, mapping: body.mapping },
        },
      ]);
      return { body: toImportRecord(await findImport(database.db, row.id)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/imports/:id/rejects',
    access: ACCESS,
    tag: TAG,
    summary: 'The rejected rows of the last run as CSV (line, reason, row as written)',
    params: idParams,
    async handler({ db, params }) {
      const row = await findImport(db, params.id);
      const path = join(row.dir, 'rejects.csv');
      if (
        row.status === 'running' ||
        row.status === 'uploaded' ||
        Number(row.rows_rejected) === 0 ||
        !existsSync(path)
      ) {
        throw new HttpError(
          404,
          'no_rejects',
          `import ${row.id} has no rejected rows${row.status === 'running' ? ' yet: it is running' : ''}`,
        );
      }
      const name = `${row.file_name.replace(/\.(csv|tsv|jsonl|ndjson)(\.gz)?$/i, '')}.rejects.csv`;
      replyRaw(
        new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
            'cache-control': 'no-store',
          },
        }),
      );
      return {};
    },
  }),
];
