import type { z } from 'zod';

export interface FieldIssue {
  field: string;
  message: string;
}

/** An error a caller can fix, answered as JSON: { error, message, issues: [{ field, message }] }. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** Answer headers the error needs, such as Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function badRequest(issues: FieldIssue[]): HttpError {
  return new HttpError(
    400,
    'invalid_request',
    issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
    issues,
  );
}

export function fieldError(field: string, message: string): HttpError {
  return badRequest([{ field, message }]);
}

export function notFound(entity: string, id: string): HttpError {
  return new HttpError(404, 'not_found', `no ${entity} with id ${id}`);
}

export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      // A key of no characters still needs a name a person can find.
      return issue.keys.map((key) => {
        const shown = key === '' ? '(empty name)' : key;
        return { field: base ? `${base}.${shown}` : shown, message: 'unknown field' };
      });
    }
    // Parsed with reportInput, a missing field shows as input undefined: say "required", whatever zod's words.
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      return [{ field: base || '(body)', message: 'required' }];
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface PgErrorLike {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
  message: string;
}

/** Turns a constraint the database enforced into an answer naming the field, or undefined for other errors. */
export function httpErrorFromDatabase(error: unknown): HttpError | undefined {
  const pgError = error as PgErrorLike;
  const key = /Key \(([a-z_, ]+)\)=\((.*)\)/.exec(pgError.detail ?? '');
  const columns = key?.[1]?.split(', ').map((c) => c.trim()) ?? [];
  const field = camel(columns.find((c) => c !== 'account_id') ?? columns[0] ?? pgError.column ?? '(body)');
  switch (pgError.code) {
    case '23505':
      return new HttpError(409, 'conflict', `${field}: ${key?.[2] ?? 'the value'} is already taken`, [
        { field, message: 'already taken' },
      ]);
    case '23503':
      return pgError.detail?.includes('is still referenced')
        ? new HttpError(409, 'conflict', `still referenced: ${pgError.detail}`)
        : fieldError(field, `refers to a record that does not exist (${key?.[2] ?? ''})`);
    case '23514':
      return fieldError(
        pgError.column ? camel(pgError.column) : '(body)',
        `violates ${pgError.constraint ?? 'a check'}`,
      );
    case '23502':
      return fieldError(pgError.column ? camel(pgError.column) : '(body)', 'required');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return fieldError('(body)', pgError.message);
    default:
      return undefined;
  }
}

/** Field issues as one line: `field: reason; field: reason`. */
export const reasonOf = (issues: FieldIssue[]) => issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');

/** Why the database or a resource's rules refused one row; undefined for failures that are not about the row. */
export function rowErrorReason(error: unknown): string | undefined {
  const http = error instanceof HttpError ? error : httpErrorFromDatabase(error);
  if (http) return http.issues.length > 0 ? reasonOf(http.issues) : http.message;
  // Data exceptions (22…) and integrity violations (23…) are about the row; anything else is the database's.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^2[23]/.test(code)) return `(row): ${(error as Error).message}`;
  return undefined;
}
