import { digitsAt } from '../shared/digits.js';
import { DATE_RANGE_HINT, inDateRange } from '../shared/fields.js';
// Turning the text of a CSV cell (or a JSON value) into what the API schemas expect. Each parser answers either
// the value or a reason a person can act on; the resource's own zod schema then applies the API's rules.

/** timestamp gives ISO 8601 text for the API schemas; instant gives a Date (usage events, which skip zod). */
export type FieldType =
  | 'text'
  | 'enum'
  | 'number'
  | 'money'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'instant'
  | 'tags'
  | 'object';

/** How to read dates written with the year last: 01/02/2026. Without dmy or mdy they are refused as ambiguous. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });
const quoted = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** What separates a number's fraction from its whole part, in a file: 1234.5 or 1234,5. */
export const decimalMarks = ['.', ','] as const;
export type DecimalMark = (typeof decimalMarks)[number];
/** What groups thousands, only when a file says so: 1,234.5, 1.234,5 or 1 234,5. */
export const thousandsMarks = [',', '.', ' '] as const;
export type ThousandsMark = (typeof thousandsMarks)[number];

export interface NumberFormat {
  decimal: DecimalMark;
  /** Undefined: numbers have no thousands separator, and one that seems to be there is refused as ambiguous. */
  thousands?: ThousandsMark;
}

export const DEFAULT_NUMBER_FORMAT: NumberFormat = { decimal: '.' };

const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/;
const markName = { ',': 'a comma', '.': 'a point', ' ': 'a space' } as const;
// Spreadsheets group thousands with a no-break or narrow no-break space as often as with a space.
const SPACES = /[\u00a0\u202f]/g;

/** Digits grouped by threes with `thousands`, then an optional fraction after `decimal`. */
function groupedPattern({ decimal, thousands }: Required<NumberFormat>): RegExp {
  const literal = (mark: string) => (mark === '.' ? '\\.' : mark);
  return new RegExp(`^\\d{1,3}(${literal(thousands)}\\d{3})+(${literal(decimal)}\\d*)?$`);
}

/**
 * Why a number's text cannot be read with this format when it holds a mark the format does not give a meaning:
 * "1,500" with the decimal point could be 1.5 or 1500, so it is refused, never guessed.
 */
function undeclaredMark(text: string, rest: string, format: NumberFormat): string | undefined {
  // Only digits between the marks: "12 dollars" is no number whatever the format, and is said to be so.
  if (!/^\d[\d., ]*$/.test(rest)) return undefined;
  for (const mark of [',', '.', ' '] as const) {
    if (mark === format.decimal || mark === format.thousands || !rest.includes(mark)) continue;
    const other = format.decimal === '.' ? ',' : '.';
    const advice =
      mark === ' '
        ? "say --thousands ' ' for this file"
        : mark === other
          ? `say --decimal ${mark} or --thousands ${mark} for this file`
          : `say --thousands ${mark} for this file`;
    return `${quoted(text)} has ${markName[mark]}; ${advice}`;
  }
  return undefined;
}

/**
 * A decimal written by a person or a spreadsheet, as a plain decimal string: "$1234.50" → "1234.50",
 * "€ 29.85" → "29.85", "(12.00)" → "-12.00", "-¥1200" → "-1200"; with the file's format, "1.234,5" →
 * "1234.5" (decimal comma, thousands point). A thousands separator is read only when the format declares one.
 */
export function parseDecimal(text: string, format: NumberFormat = DEFAULT_NUMBER_FORMAT): Parsed<string> {
  let rest = text.trim().replace(SPACES, ' ');
  let negative = false;
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  // A sign may come before or after the currency symbol: -$5, $-5.
  for (let pass = 0; pass < 2; pass++) {
    if (rest.startsWith('-') || rest.startsWith('+')) {
      negative = negative || rest.startsWith('-');
      rest = rest.slice(1).trim();
    }
    if (pass === 0) rest = rest.replace(/^\p{Sc}\s*|\s*\p{Sc}$/u, '');
  }
  const undeclared = undeclaredMark(text, rest, format);
  if (undeclared) return fail(undeclared);
  const example = format.decimal === ',' ? '1234,50' : '1234.50';
  if (format.thousands && groupedPattern({ decimal: format.decimal, thousands: format.thousands }).test(rest)) {
    rest = rest.replaceAll(format.thousands, '');
  }
  // A thousands mark left over was not between groups of three digits: "1.23" with --thousands . is no number.
  if (format.thousands && rest.includes(format.thousands)) {
    return fail(`must be a number such as ${example}, not ${quoted(text)}`);
  }
  if (format.decimal === ',') rest = rest.replace(',', '.');
  if (!PLAIN.test(rest)) return fail(`must be a number such as ${example}, not ${quoted(text)}`);
  if (rest.startsWith('.')) rest = `0${rest}`;
  if (rest.endsWith('.')) rest = rest.slice(0, -1);
  return ok(`${negative ? '-' : ''}${rest}`);
}

// Digits alone, as most cells of a number column are: read as parseDecimal would, without its regular expressions.
const DIGITS = /^\d{1,15}$/;

export function parseNumber(value: unknown, format: NumberFormat = DEFAULT_NUMBER_FORMAT): Parsed<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('must be a finite number');
  if (typeof value === 'string' && DIGITS.test(value)) return ok(Number(value));
  if (typeof value !== 'string') return fail(`must be a number, not ${JSON.stringify(value)}`);
  const decimal = parseDecimal(value, format);
  if (!decimal.ok) return decimal;
  const number = Number(decimal.value);
  return Number.isFinite(number) ? ok(number) : fail('is too large');
}

/** Money stays a decimal string so that no float rounding happens before the conversion to minor units. */
export function parseMoney(value: unknown, format: NumberFormat = DEFAULT_NUMBER_FORMAT): Parsed<string | number> {
  if (typeof value === 'number') return ok(value);
  if (typeof value !== 'string') return fail(`must be a decimal amount such as 29.85, not ${JSON.stringify(value)}`);
  const decimal = parseDecimal(value, format);
  if (decimal.ok) return decimal;
  // An ambiguous mark says how to settle it; anything else gets the example of an amount.
  const example = format.decimal === ',' ? '29,85' : '29.85';
  return decimal.reason.includes(' for this file')
    ? decimal
    : fail(`must be a decimal amount such as ${example}, not ${quoted(value)}`);
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export function parseBoolean(value: unknown): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail(`must be yes/no, true/false, y/n or 1/0, not ${quoted(String(value))}`);
}

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC; UTC when the text names no zone. */
  offsetMinutes: number;
}

const YEAR_FIRST = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/;
// ISO 8601's basic form, 19970101: how many exports (and older data sets) write a day.
const YEAR_FIRST_COMPACT = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/;
const TIME =
  /^(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
// 9+ digits: 8 are a YYYYMMDD date far more often than 1970 in seconds. 1e11 seconds is the year 5138: milliseconds.
const UNIX = /^-?\d{9,}(\.\d+)?$/;
const DATE_EXAMPLE = 'a date such as 2026-03-01';

function unixParts(seconds: number): DateTimeParts {
  const date = new Date(Math.round(Math.abs(seconds) >= 1e11 ? seconds : seconds * 1000));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
    offsetMinutes: 0,
  };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The days of a month (1–12) in the Gregorian calendar. */
function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

function parseDateTimeParts(value: unknown, order: DateOrder, expected: string): Parsed<DateTimeParts> {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(unixParts(value)) : fail(`must be ${expected}, not ${value}`);
  }
  if (typeof value !== 'string') return fail(`must be ${expected}, not ${JSON.stringify(value)}`);
  const text = value.trim();
  if (UNIX.test(text)) return ok(unixParts(Number(text)));
  let year: number;
  let month: number;
  let day: number;
  let rest: string;
  const yearFirst = YEAR_FIRST.exec(text) ?? YEAR_FIRST_COMPACT.exec(text);
  const yearLast = yearFirst ? null : YEAR_LAST.exec(text);
  if (yearFirst) {
    [year, month, day] = [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])];
    rest = text.slice(yearFirst[0].length);
  } else if (yearLast) {
    if (order === 'ymd') {
      return fail(
        `${quoted(text)} could be day/month/year or month/day/year: give --date-format dmy or mdy, or write ${DATE_EXAMPLE}`,
      );
    }
    const [first, second] = [Number(yearLast[1]), Number(yearLast[2])];
    [day, month] = order === 'dmy' ? [first, second] : [second, first];
    year = Number(yearLast[3]);
    rest = text.slice(yearLast[0].length);
  } else {
    return fail(`must be ${expected}, not ${quoted(text)}`);
  }
  const time = TIME.exec(rest);
  if (!time) return fail(`must be ${expected}, not ${quoted(text)}`);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
    return fail(`${quoted(text)} is not a day of the calendar`);
  }
  let hour = Number(time[1] ?? 0);
  const minute = Number(time[2] ?? 0);
  const second = Number(time[3] ?? 0);
  const millisecond = Number((time[4] ?? '0').padEnd(3, '0').slice(0, 3));
  const meridiem = time[5]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return fail(`${quoted(text)} has an hour that is not 1–12 with ${time[5]}`);
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return fail(`${quoted(text)} is not a time of day`);
  let offsetMinutes = 0;
  const zone = time[6]?.toUpperCase();
  if (zone && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return ok({ year, month, day, hour, minute, second, millisecond, offsetMinutes });
}

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Date.UTC for every year: Date.UTC itself reads years 0–99 as 1900–1999. */
function utcTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millisecond));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

const OUT_OF_RANGE = `must be ${DATE_RANGE_HINT}`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A calendar date as 'YYYY-MM-DD'. A date-time gives the date as written (its own zone's date); unix time gives
 * the UTC date.
 */
export function parseCalendarDate(value: unknown, order: DateOrder = 'ymd'): Parsed<string> {
  const parts = parseDateTimeParts(value, order, DATE_EXAMPLE);
  if (!parts.ok) return parts;
  const { year, month, day } = parts.value;
  // The API's range of dates (years 1–9999): a unix time far off, or a mistyped year, is refused here by name.
  if (!(year >= 1 && year <= 9999)) return fail(OUT_OF_RANGE);
  return ok(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
}

/**
 * Whether a UTC ISO 8601 date-time (…T…Z, up to milliseconds: the form of nearly every event export) names a real
 * day and time of day, its digits read in place.
 */
function isRealUtcIso(value: string): boolean {
  if (!UTC_ISO.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  if (year < 1) return false; // year 0 is out of range: parseInstant's general path says so
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    digitsAt(value, 11, 13) <= 23 &&
    digitsAt(value, 14, 16) <= 59 &&
    digitsAt(value, 17, 19) <= 59
  );
}

/** Of a UTC ISO 8601 date-time with milliseconds written by `fraction` digits (none: -1), its milliseconds. */
const millisecondsOf = (value: string, fraction: number) =>
  fraction > 0 ? digitsAt(value, 20, 20 + fraction) * 10 ** (3 - fraction) : 0;

/**
 * What parseInstant(value).value.toISOString() is, without the Date, for the text of a real UTC ISO 8601 date-time;
 * undefined for any other text (parseInstant reads it, or says why not).
 */
export function utcIsoText(value: string): string | undefined {
  if (!isRealUtcIso(value)) return undefined;
  // .s, .ss or .sss before the Z (or none): toISOString always writes three digits.
  const fraction = value.length - 21;
  if (fraction === 3) return value;
  return `${value.slice(0, 19)}.${fraction === 2 ? `${value.slice(20, 22)}0` : fraction === 1 ? `${value[20]}00` : '000'}Z`;
}

/** An instant. A date alone is midnight UTC; a date-time without a zone is read as UTC. */
export function parseInstant(value: unknown, order: DateOrder = 'ymd'): Parsed<Date> {
  if (typeof value === 'string' && isRealUtcIso(value)) {
    // The common case, a million times over in an event export: a Date made from the digits, the text not parsed
    // again.
    const time = utcTime(
      digitsAt(value, 0, 4),
      digitsAt(value, 5, 7),
      digitsAt(value, 8, 10),
      digitsAt(value, 11, 13),
      digitsAt(value, 14, 16),
      digitsAt(value, 17, 19),
      millisecondsOf(value, value.length - 21),
    );
    return ok(new Date(time));
  }
  const parts = parseDateTimeParts(value, order, 'a date-time such as 2026-03-01T09:30:00Z or 2026-03-01 09:30:00');
  if (!parts.ok) return parts;
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = parts.value;
  const utc = utcTime(year, month, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime()) || !inDateRange(date)) return fail(OUT_OF_RANGE);
  return ok(date);
}

/** A value of a closed list, as the API spells it: "High Touch" → "high_touch", "NPS" → "nps". */
export function parseEnum(value: unknown): Parsed<string> {
  if (typeof value !== 'string') return fail(`must be a text, not ${JSON.stringify(value)}`);
  return ok(
    value
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
}

/** Tags in one cell, separated by commas, semicolons or bars: "Champion Left; outage" → [champion-left, outage]. */
export function parseTags(value: unknown): Parsed<string[]> {
  if (Array.isArray(value))
    return ok(
      value.map((tag) =>
        String(tag)
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, '-'),
      ),
    );
  if (typeof value !== 'string') return fail(`must be tags separated by commas, not ${JSON.stringify(value)}`);
  return ok(
    value
      .split(/[,;|]/)
      .map((tag) =>
        tag
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, '-'),
      )
      .filter((tag) => tag !== ''),
  );
}

/** A JSON object, given as one (JSON Lines) or written as JSON text in a cell. */
export function parseObject(value: unknown): Parsed<Record<string, unknown>> {
  let object = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      return fail(`must be a JSON object such as {"tier":"gold"}, not ${quoted(value)}`);
    }
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return fail('must be a JSON object such as {"tier":"gold"}');
  }
  return ok(object as Record<string, unknown>);
}

export function parseText(value: unknown): Parsed<string> {
  if (typeof value === 'string') return ok(value.trim());
  if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value));
  return fail(`must be a text, not ${JSON.stringify(value)}`);
}

/**
 * The value of one field of the given type, or undefined when the cell is empty (absent: an update leaves the
 * field as it is). JSON null stays null, which clears a field that may be null.
 */
export function coerceValue(
  value: unknown,
  type: FieldType,
  order: DateOrder = 'ymd',
  numbers: NumberFormat = DEFAULT_NUMBER_FORMAT,
): Parsed<unknown> {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return ok(undefined);
  if (value === null) return ok(null);
  switch (type) {
    case 'text':
      return parseText(value);
    case 'enum':
      return parseEnum(value);
    case 'number':
      return parseNumber(value, numbers);
    case 'money':
      return parseMoney(value, numbers);
    case 'boolean':
      return parseBoolean(value);
    case 'date':
      return parseCalendarDate(value, order);
    case 'timestamp': {
      const instant = parseInstant(value, order);
      return instant.ok ? ok(instant.value.toISOString()) : instant;
    }
    case 'instant':
      return parseInstant(value, order);
    case 'tags':
      return parseTags(value);
    case 'object':
      return parseObject(value);
  }
}

/**
 * A cell that goes into traits or properties as it is, except that a number written the way JavaScript writes it
 * becomes a number ("34" → 34, "29.85" → 29.85); "007", "1.50" or a 20-digit id stay text, so nothing is lost.
 */
export function inferTraitValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value !== '' && value.length < 17 && String(Number(value)) === value) return Number(value);
  return value;
}
