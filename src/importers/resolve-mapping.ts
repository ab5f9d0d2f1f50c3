import { coerceValue, type DateOrder, type FieldType, type NumberFormat } from './coerce-value.js';
import type { ImportKind } from './import-kinds.js';

export interface FieldSource {
  field: string;
  column: string;
  type: FieldType;
}

/** Which column fills which field, the constants given with --set, and the columns used for fields. */
export interface ColumnMapping {
  sources: FieldSource[];
  constants: Record<string, unknown>;
  mappedColumns: Set<string>;
}

export interface MappingRequest {
  /** field → column pairs from a mapping file ({"externalId":"customerID"}), applied first. */
  file?: Record<string, unknown>;
  /** "--map externalId=customerID,mrr=MonthlyCharges", each option holding one or more pairs. */
  map?: string[];
  /** "--set currency=USD": a constant for every row, one pair per option. */
  set?: string[];
  dateOrder?: DateOrder;
  /** How --set values are read, as the file's cells are. */
  numbers?: NumberFormat;
  /** false: the pairs given are the whole mapping, no column fills a field by its name (the web app's mapping). */
  matchNames?: boolean;
}

/** Field names compare without case, underscores, hyphens or spaces: external_id, ExternalID and externalId match. */
export const normalizeName = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase();

function fieldLookup(kind: ImportKind): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const field of Object.keys(kind.fields)) lookup.set(normalizeName(field), field);
  for (const [alias, field] of Object.entries(kind.aliases)) lookup.set(normalizeName(alias), field);
  return lookup;
}

/** --map holds comma-separated pairs; --set holds one, since a value may have a comma ("$1,000"). */
function pairs(option: string, texts: string[]): [string, string][] {
  return texts
    .flatMap((text) => (option === '--map' ? text.split(',') : [text]))
    .filter((pair) => pair.trim() !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`${option} ${pair}: expected field=value, e.g. ${option} externalId=customerID`);
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
}

function listed(names: Iterable<string>): string {
  return [...names].join(', ') || '(none)';
}

/**
 * Resolves the mapping against the file's columns. Explicit pairs come first; then every column whose name is a
 * field (in any case, camelCase or snake_case) fills it, unless that field is given already. Throws, naming the
 * pair, for a field the kind does not have or a column the file does not have.
 */
export function resolveMapping(kind: ImportKind, columns: string[], request: MappingRequest): ColumnMapping {
  const lookup = fieldLookup(kind);
  const fieldOf = (option: string, name: string) => {
    const field = lookup.get(normalizeName(name));
    if (!field)
      throw new Error(`${option}: ${kind.name} have no field ${name}; fields: ${listed(Object.keys(kind.fields))}`);
    return field;
  };
  const columnOf = (option: string, name: string) => {
    if (columns.includes(name)) return name;
    const matches = columns.filter((column) => column.toLowerCase() === name.toLowerCase());
    if (matches.length === 1) return matches[0] as string;
    throw new Error(`${option}: the file has no column ${JSON.stringify(name)}; its columns: ${listed(columns)}`);
  };

  const explicit = new Map<string, string>();
  for (const [field, column] of Object.entries(request.file ?? {})) {
    if (typeof column !== 'string') throw new Error(`--mapping: the column for ${field} must be a text`);
    explicit.set(fieldOf(`--mapping ${field}`, field), columnOf(`--mapping ${field}=${column}`, column));
  }
  for (const [field, column] of pairs('--map', request.map ?? [])) {
    explicit.set(fieldOf(`--map ${field}=${column}`, field), columnOf(`--map ${field}=${column}`, column));
  }

  const constants: Record<string, unknown> = {};
  for (const [name, text] of pairs('--set', request.set ?? [])) {
    const field = fieldOf(`--set ${name}=${text}`, name);
    if (explicit.has(field)) {
      throw new Error(`--set ${name}=${text}: ${field} comes from the column ${explicit.get(field)} already`);
    }
    const value = coerceValue(text, kind.fields[field] as FieldType, request.dateOrder, request.numbers);
    if (!value.ok) throw new Error(`--set ${name}=${text}: ${field} ${value.reason}`);
    constants[field] = value.value;
  }

  const sources: FieldSource[] = [...explicit].map(([field, column]) => ({
    field,
    column,
    type: kind.fields[field] as FieldType,
  }));
  const used = new Set(explicit.values());
  for (const column of request.matchNames === false ? [] : columns) {
    if (used.has(column)) continue;
    const field = lookup.get(normalizeName(column));
    if (!field || explicit.has(field) || field in constants || sources.some((source) => source.field === field)) {
      continue;
    }
    sources.push({ field, column, type: kind.fields[field] as FieldType });
  }
  return { sources, constants, mappedColumns: new Set(sources.map((source) => source.column)) };
}
