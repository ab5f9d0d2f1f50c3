import type { FieldIssue } from '../server/http-error.js';
import { findUnstorable } from '../server/read-json.js';
import { coerceValue, type DateOrder, inferTraitValue, type NumberFormat } from './coerce-value.js';
import type { ImportKind } from './import-kinds.js';
import type { ColumnMapping } from './resolve-mapping.js';

export interface MappedRow {
  input: Record<string, unknown>;
  issues: FieldIssue[];
}

export interface MapRowOptions {
  kind: ImportKind;
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  numbers: NumberFormat;
  /** CSV cells are all text: numbers among the extra columns are read as numbers. JSON values keep their type. */
  fromText: boolean;
  /** Collects the columns a kind without traits ignores, to name them once in the summary. */
  ignoredColumns: Set<string>;
}

/** The API input of one source row: mapped columns coerced to their field's type, the rest into traits. */
export function mapRow(values: Record<string, unknown>, options: MapRowOptions): MappedRow {
  const { kind, mapping } = options;
  const input: Record<string, unknown> = { ...mapping.constants };
  const issues: FieldIssue[] = [];
  for (const source of mapping.sources) {
    const coerced = coerceValue(values[source.column], source.type, options.dateOrder, options.numbers);
    if (!coerced.ok) issues.push({ field: source.field, message: coerced.reason });
    else if (coerced.value !== undefined) input[source.field] = coerced.value;
  }
  let extra: Record<string, unknown> | undefined;
  for (const column in values) {
    if (mapping.mappedColumns.has(column)) continue;
    if (!kind.extraInto) {
      options.ignoredColumns.add(column);
      continue;
    }
    const value = values[column];
    if (value === undefined || value === '') continue;
    extra ??= {};
    extra[column] = options.fromText ? inferTraitValue(value) : value;
  }
  if (kind.extraInto && extra) {
    const given = input[kind.extraInto];
    input[kind.extraInto] = given && typeof given === 'object' ? { ...extra, ...given } : extra;
  }
  // What the database cannot store (U+0000, a lone surrogate from a JSON escape) or nests without end: this row is
  // refused with the field named, not the chunk it would share with good rows.
  const unstorable = issues.length === 0 ? findUnstorable(input) : undefined;
  if (unstorable) issues.push(unstorable);
  return { input, issues };
}
