/**
 * Errors as they may be logged: without customers' data. A database error carries the statement's parameters
 * (PGlite attaches `params`; pg's `detail` reads "Key (email)=(ann@acme.example)") and its message quotes the value
 * it refused (`invalid input syntax for type uuid: "…"`); a JSON error quotes the body. What is kept says where and
 * why it failed: the SQLSTATE, the table, column and constraint, the message with quoted values and e-mail
 * addresses blanked, and the stack frames.
 */

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  routine?: unknown;
  stack?: unknown;
  cause?: unknown;
}

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const EMAIL = /[^\s"'<>()=,;:]+@[^\s"'<>()=,;:]+/g;
const KEY_VALUES = /=\(.*\)/g;

/** A message with the values in it blanked. */
export function redactMessage(message: string): string {
  return message.replace(QUOTED, '"…"').replace(EMAIL, '<email>').replace(KEY_VALUES, '=(…)');
}

/** Identifiers are names from the schema, not data; anything else in their place is dropped. */
const identifier = (value: unknown) =>
  typeof value === 'string' && /^[A-Za-z0-9_.$-]{1,128}$/.test(value) ? value : undefined;

/** One error, and its causes, as a few lines safe to log; `frames: false` leaves the stack out (one line a cause). */
export function redactError(error: unknown, options: { frames?: boolean } = {}, depth = 0): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  const fields = error as ErrorFields;
  const facts = [
    ['code', identifier(fields.code)],
    ['table', identifier(fields.table)],
    ['column', identifier(fields.column)],
    ['constraint', identifier(fields.constraint)],
    ['routine', identifier(fields.routine)],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`);
  const name = identifier(fields.name) ?? 'Error';
  const head = `${name}: ${redactMessage(error.message)}${facts.length > 0 ? ` [${facts.join(' ')}]` : ''}`;
  // The frames only: the stack's first line repeats the message unredacted.
  const stack = options.frames !== false && typeof fields.stack === 'string' ? fields.stack.split('\n') : [];
  const frames = stack.filter((line) => /^\s+at /.test(line));
  const cause =
    fields.cause !== undefined && depth < 3 ? `\n  caused by ${redactError(fields.cause, options, depth + 1)}` : '';
  return [head, ...frames.map(redactMessage)].join('\n') + cause;
}
