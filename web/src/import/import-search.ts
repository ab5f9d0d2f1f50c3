// The import's step state in the URL, so every step can be reloaded, shared or opened in another tab: the kind and,
// once changed from the suggestion, the mapping (field → column).

export const KINDS = ['accounts', 'contacts', 'subscriptions', 'events', 'notes', 'surveys', 'tickets'] as const;
export type Kind = (typeof KINDS)[number];

export const isKind = (value: string | null): value is Kind => (KINDS as readonly string[]).includes(value ?? '');

export interface ImportSearch {
  /** As written in the URL: checked against KINDS where it is used, so a wrong one can be said to be wrong. */
  kind: string;
  /** Field → column; undefined: the server's suggestion. */
  mapping?: Record<string, string>;
  /** How dates such as 01/02/2026 are read. */
  dateOrder: DateOrder;
}

export const DATE_ORDERS = ['ymd', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export function readImportSearch(params: URLSearchParams): ImportSearch {
  const kind = params.get('kind') ?? 'accounts';
  const dates = params.get('dates');
  const dateOrder = (DATE_ORDERS as readonly string[]).includes(dates ?? '') ? (dates as DateOrder) : 'ymd';
  const text = params.get('mapping');
  if (!text) return { kind, dateOrder };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind, dateOrder };
    const mapping = Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    return { kind, mapping, dateOrder };
  } catch {
    return { kind, dateOrder };
  }
}

export function writeImportSearch(search: ImportSearch): URLSearchParams {
  const params = new URLSearchParams({ kind: search.kind });
  if (search.mapping) params.set('mapping', JSON.stringify(search.mapping));
  if (search.dateOrder !== 'ymd') params.set('dates', search.dateOrder);
  return params;
}

/** The content type an upload is sent with, from the file's name when the browser gives none it knows. */
export function uploadContentType(file: { name: string; type: string }): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.gz')) return 'application/gzip';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'application/x-ndjson';
  if (name.endsWith('.tsv')) return 'text/tab-separated-values';
  if (name.endsWith('.csv')) return 'text/csv';
  return file.type || 'application/octet-stream';
}
