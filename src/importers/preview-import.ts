import { createDuplicateCounter } from '../events/message-ids.js';
import type { FieldIssue } from '../server/http-error.js';
import { type DateOrder, DEFAULT_NUMBER_FORMAT } from './coerce-value.js';
import { requiredFields } from './import-file.js';
import type { ImportKind } from './import-kinds.js';
import { mapRow } from './map-row.js';
import { prepareEvent } from './prepare-event.js';
import { prepareRecord } from './prepare-record.js';
import { type FileFormat, openRowSource, type SourceRow } from './read-rows.js';
import { resolveMapping } from './resolve-mapping.js';

export interface PreviewRow {
  line: number;
  /** The row as it would be loaded: the API's fields, coerced (traits or properties from the other columns). */
  values: Record<string, unknown>;
}

export interface PreviewReject {
  line: number;
  raw: string;
  issues: FieldIssue[];
}

/** A reason as the importer writes it (`field: reason; field: reason`), back into its fields. */
export function issuesOfReason(reason: string): FieldIssue[] {
  return reason.split('; ').map((part) => {
    const at = part.indexOf(': ');
    return at > 0 ? { field: part.slice(0, at), message: part.slice(at + 2) } : { field: '(row)', message: part };
  });
}

/**
 * What is wrong with a mapping (field → column) for this kind and file: a field the kind does not have, a column
 * the file does not have, and, when `complete`, a field the kind cannot be imported without that nothing fills.
 */
export function mappingIssues(
  kind: ImportKind,
  columns: string[],
  mapping: Record<string, string>,
  complete: boolean,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (!(field in kind.fields)) {
      issues.push({
        field: `mapping.${field}`,
        message: `${kind.name} have no field ${field}; fields: ${Object.keys(kind.fields).join(', ')}`,
      });
    } else if (!columns.includes(column)) {
      issues.push({
        field: `mapping.${field}`,
        message: `the file has no column ${JSON.stringify(column)}; its columns: ${columns.join(', ')}`,
      });
    }
  }
  if (complete) {
    for (const field of requiredFields[kind.name] ?? []) {
      if (!(field in mapping)) {
        issues.push({
          field: 'mapping',
          message: `${kind.name} need a column for ${field}: map one of the file's columns to it`,
        });
      }
    }
  }
  return issues;
}

/** The first rows of a stored upload, in the file's columns, as text for showing. */
export async function sampleRows(
  path: string,
  limit: number,
): Promise<{ format: FileFormat; columns: string[]; rows: SourceRow[] }> {
  const source = await openRowSource(path);
  const rows: SourceRow[] = [];
  const batches = source.rows[Symbol.asyncIterator]();
  try {
    while (rows.length < limit) {
      const next = await batches.next();
      if (next.done) break;
      rows.push(...next.value.slice(0, limit - rows.length));
    }
  } finally {
    await batches.return?.();
  }
  return { format: source.format, columns: source.columns, rows };
}

/**
 * The first rows of the file mapped, coerced and checked as the import will (the same functions), before anything
 * is loaded: the rows as they would be stored, and the rejected ones with each field and its reason. What only the
 * database can tell (an account that does not exist) shows when the import runs.
 */
export async function previewImport(
  path: string,
  kind: ImportKind,
  mapping: Record<string, string>,
  options: { limit: number; dateOrder?: DateOrder },
): Promise<{ sample: SourceRow[]; rows: PreviewRow[]; rejects: PreviewReject[]; ignoredColumns: string[] }> {
  const sample = await sampleRows(path, options.limit);
  const columnMapping = resolveMapping(kind, sample.columns, { file: mapping, matchNames: false });
  const ignoredColumns = new Set<string>();
  const duplicates = createDuplicateCounter();
  const rows: PreviewRow[] = [];
  const rejects: PreviewReject[] = [];
  const fromText = sample.format === 'csv';
  for (const row of sample.rows) {
    if (row.problem) {
      rejects.push({ line: row.line, raw: row.raw, issues: issuesOfReason(row.problem) });
      continue;
    }
    const mapped = mapRow(row.values, {
      kind,
      mapping: columnMapping,
      dateOrder: options.dateOrder ?? 'ymd',
      numbers: DEFAULT_NUMBER_FORMAT,
      fromText,
      ignoredColumns,
    });
    if (mapped.issues.length > 0) {
      rejects.push({ line: row.line, raw: row.raw, issues: mapped.issues });
      continue;
    }
    if (kind.load === 'events') {
      const prepared = prepareEvent(mapped.input, { userIsAccount: false, duplicates });
      if (!prepared.ok) rejects.push({ line: row.line, raw: row.raw, issues: issuesOfReason(prepared.reason) });
      else {
        const { messageId: _id, properties, ...event } = prepared.value;
        rows.push({ line: row.line, values: { ...event, properties: properties ? JSON.parse(properties) : null } });
      }
      continue;
    }
    const prepared = prepareRecord(kind, mapped.input);
    if (!prepared.ok) rejects.push({ line: row.line, raw: row.raw, issues: issuesOfReason(prepared.reason) });
    else rows.push({ line: row.line, values: prepared.value.input });
  }
  return { sample: sample.rows, rows, rejects, ignoredColumns: [...ignoredColumns] };
}
