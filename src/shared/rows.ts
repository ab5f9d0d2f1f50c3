// Small helpers to turn stored rows into API objects.

export const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);

export const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Copies the keys present in input to column names, skipping those handled elsewhere. */
export function pickColumns(input: Record<string, unknown>, columns: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    if (input[field] !== undefined) out[column] = input[field];
  }
  return out;
}
