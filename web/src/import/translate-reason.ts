import type { TFunction } from 'i18next';

// Why a row is rejected is written by the server in English (the importer's words, shared with the command line and
// the rejects file). The reasons a file's rows meet most are said in the reader's language from their pattern; any
// other is shown as the server wrote it.
const PATTERNS: [RegExp, string, (match: RegExpExecArray) => Record<string, string>][] = [
  [/^required(?: for import)?(?: —.*)?$/, 'required', () => ({})],
  [/^must be a number such as (.+?), not (.+)$/, 'number', (m) => ({ example: m[1] ?? '', value: m[2] ?? '' })],
  [/^must be a number, not (.+)$/, 'number', (m) => ({ example: '1234.5', value: m[1] ?? '' })],
  [/^must be a decimal amount such as (.+?), not (.+)$/, 'money', (m) => ({ example: m[1] ?? '', value: m[2] ?? '' })],
  [/^must be yes\/no, true\/false, y\/n or 1\/0, not (.+)$/, 'boolean', (m) => ({ value: m[1] ?? '' })],
  [/^(.+) is not a day of the calendar$/, 'notADay', (m) => ({ value: m[1] ?? '' })],
  [/^(.+) could be day\/month\/year or month\/day\/year/, 'ambiguousDate', (m) => ({ value: m[1] ?? '' })],
  [/^must be .*(?:date|time|YYYY).*, not (.+)$/i, 'dateTime', (m) => ({ value: m[1] ?? '' })],
  [
    /^has (\d+) values but (?:the header has|--columns names) (\d+) columns$/,
    'columns',
    (m) => ({ count: m[1] ?? '', columns: m[2] ?? '' }),
  ],
  [/^is not valid JSON/, 'json', () => ({})],
  [/^no account has the external id (.+)$/, 'noAccount', (m) => ({ value: m[1] ?? '' })],
  [/^must not be negative$/, 'notNegative', () => ({})],
  [/^must not be empty$/, 'notEmpty', () => ({})],
  [/^must be ([a-z_]+(?:, [a-z_]+)* or [a-z_]+)$/, 'oneOf', (m) => ({ values: m[1] ?? '' })],
];

export function translateReason(message: string, t: TFunction): string {
  for (const [pattern, key, values] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return t(`import.reasons.${key}`, values(match));
  }
  return message;
}
