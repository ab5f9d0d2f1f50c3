import { describe, expect, it } from 'vitest';
import {
  coerceValue,
  inferTraitValue,
  parseBoolean,
  parseCalendarDate,
  parseDecimal,
  parseInstant,
  parseTags,
  utcIsoText,
} from './coerce-value.js';

const value = <T>(parsed: { ok: true; value: T } | { ok: false; reason: string }) => {
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const reason = (parsed: { ok: boolean; reason?: string }) => (parsed.ok ? undefined : parsed.reason);

describe('parseDecimal', () => {
  const commaThousands = { decimal: '.', thousands: ',' } as const;

  it('reads amounts with currency symbols and signs', () => {
    expect(value(parseDecimal('$1234.50'))).toBe('1234.50');
    expect(value(parseDecimal('¥1200'))).toBe('1200');
    expect(value(parseDecimal('€ 29.85'))).toBe('29.85');
    expect(value(parseDecimal('29.85 €'))).toBe('29.85');
    expect(value(parseDecimal('-$5.00'))).toBe('-5.00');
    expect(value(parseDecimal('$-5'))).toBe('-5');
    expect(value(parseDecimal('(12.00)'))).toBe('-12.00');
    expect(value(parseDecimal('.5'))).toBe('0.5');
  });

  it('reads thousands separators only when the file declares them', () => {
    expect(value(parseDecimal('$1,234.50', commaThousands))).toBe('1234.50');
    expect(value(parseDecimal('¥1,200', commaThousands))).toBe('1200');
    expect(value(parseDecimal('1,234,567', commaThousands))).toBe('1234567');
    // One thousand two hundred thirty-four and a half, written the German way.
    expect(value(parseDecimal('1.234,5', { decimal: ',', thousands: '.' }))).toBe('1234.5');
    // One and a half with a decimal comma.
    expect(value(parseDecimal('1,5', { decimal: ',' }))).toBe('1.5');
    // 1 234 567,25 with no-break spaces (as spreadsheets write them in French): 1234567.25.
    expect(value(parseDecimal('1\u00a0234\u00a0567,25', { decimal: ',', thousands: ' ' }))).toBe('1234567.25');
    expect(value(parseDecimal('-€1.200,00', { decimal: ',', thousands: '.' }))).toBe('-1200.00');
  });

  it('refuses a comma or a point the file gave no meaning, naming the option that settles it', () => {
    // "1,500" is 1.5 in Europe and 1500 in the US: without a declared format it is refused.
    expect(reason(parseDecimal('1,500'))).toBe('"1,500" has a comma; say --decimal , or --thousands , for this file');
    expect(reason(parseDecimal('$1,234.50'))).toMatch(/has a comma; say --decimal , or --thousands ,/);
    expect(reason(parseDecimal('1.500', { decimal: ',' }))).toBe(
      '"1.500" has a point; say --decimal . or --thousands . for this file',
    );
    expect(reason(parseDecimal('1 500'))).toMatch(/has a space; say --thousands ' '/);
  });

  it('refuses what is not a number rather than guessing', () => {
    expect(reason(parseDecimal('1,23', commaThousands))).toMatch(/must be a number/);
    expect(reason(parseDecimal('1.234,50', commaThousands))).toMatch(/must be a number/);
    expect(reason(parseDecimal('1.23', { decimal: ',', thousands: '.' }))).toMatch(/must be a number such as 1234,50/);
    expect(reason(parseDecimal('1,2,3', { decimal: ',' }))).toMatch(/must be a number/);
    expect(reason(parseDecimal('12abc'))).toMatch(/must be a number/);
    expect(reason(parseDecimal('$$5'))).toMatch(/must be a number/);
  });
});

describe('parseBoolean', () => {
  it('reads yes/no, true/false, y/n and 1/0 in any case', () => {
    for (const text of ['yes', 'YES', 'true', 'True', 'y', '1']) expect(value(parseBoolean(text))).toBe(true);
    for (const text of ['no', 'No', 'false', 'FALSE', 'n', '0']) expect(value(parseBoolean(text))).toBe(false);
    expect(reason(parseBoolean('maybe'))).toMatch(/yes\/no/);
  });
});

describe('parseCalendarDate', () => {
  it('reads ISO and year-first dates, and the date part of date-times as written', () => {
    expect(value(parseCalendarDate('2026-03-01'))).toBe('2026-03-01');
    expect(value(parseCalendarDate('2026/3/1'))).toBe('2026-03-01');
    expect(value(parseCalendarDate('2026-03-01T23:30:00-05:00'))).toBe('2026-03-01');
    // 1772323200 s = 2026-03-01T00:00:00Z
    expect(value(parseCalendarDate('1772323200'))).toBe('2026-03-01');
    expect(value(parseCalendarDate('1772323200000'))).toBe('2026-03-01');
  });

  it('refuses day/month against month/day unless told which', () => {
    expect(reason(parseCalendarDate('01/02/2026'))).toMatch(
      /could be day\/month\/year or month\/day\/year.*--date-format/,
    );
    expect(reason(parseCalendarDate('31/12/2026'))).toMatch(/--date-format dmy or mdy/);
    expect(value(parseCalendarDate('01/02/2026', 'dmy'))).toBe('2026-02-01');
    expect(value(parseCalendarDate('01/02/2026', 'mdy'))).toBe('2026-01-02');
    expect(value(parseCalendarDate('31.12.2026', 'dmy'))).toBe('2026-12-31');
  });

  it('refuses days that are not in the calendar', () => {
    expect(reason(parseCalendarDate('2026-02-29'))).toMatch(/not a day of the calendar/);
    expect(value(parseCalendarDate('2028-02-29'))).toBe('2028-02-29');
    expect(reason(parseCalendarDate('13/13/2026', 'dmy'))).toMatch(/not a day of the calendar/);
    // ISO 8601's basic form is a date (never unix time: that takes 9 digits or more here).
    expect(value(parseCalendarDate('20260301'))).toBe('2026-03-01');
    expect(reason(parseCalendarDate('20260230'))).toMatch(/not a day of the calendar/);
    expect(reason(parseCalendarDate('2026031'))).toMatch(/must be a date such as 2026-03-01/);
  });
});

describe('parseInstant', () => {
  const iso = (text: unknown, order?: 'dmy' | 'mdy') => value(parseInstant(text, order)).toISOString();

  it('reads zones, reads zoneless times as UTC and dates alone as midnight UTC', () => {
    expect(iso('2026-03-01T09:30:00+09:00')).toBe('2026-03-01T00:30:00.000Z');
    expect(iso('2026-03-01T09:30:00.25Z')).toBe('2026-03-01T09:30:00.250Z');
    expect(iso('2026-03-01 15:00:00')).toBe('2026-03-01T15:00:00.000Z');
    expect(iso('2026/03/01 15:00')).toBe('2026-03-01T15:00:00.000Z');
    expect(iso('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(iso('3/1/2026 9:30 PM', 'mdy')).toBe('2026-03-01T21:30:00.000Z');
    expect(iso('3/1/2026 12:05 AM', 'mdy')).toBe('2026-03-01T00:05:00.000Z');
  });

  it('reads unix seconds and milliseconds', () => {
    expect(iso('1772323200')).toBe('2026-03-01T00:00:00.000Z');
    expect(iso(1772323200)).toBe('2026-03-01T00:00:00.000Z');
    expect(iso('1772323200123')).toBe('2026-03-01T00:00:00.123Z');
  });

  it('reads compact YYYYMMDD days, not as unix time', () => {
    expect(iso('19970101')).toBe('1997-01-01T00:00:00.000Z');
    expect(iso('19971231 23:59')).toBe('1997-12-31T23:59:00.000Z');
    expect(reason(parseInstant('19970230'))).toMatch(/not a day of the calendar/);
    expect(reason(parseInstant('1997010'))).toMatch(/must be a date-time/);
  });

  it('refuses impossible days and times, even in the fast path for UTC text', () => {
    expect(reason(parseInstant('2026-02-30T10:00:00Z'))).toMatch(/not a day of the calendar/);
    expect(reason(parseInstant('2026-03-01T24:00:00Z'))).toMatch(/not a time of day/);
    expect(reason(parseInstant('yesterday'))).toMatch(/must be a date-time/);
  });

  it('reads UTC text to the millisecond, leap days by the Gregorian rule, and years before 100 as written', () => {
    expect(iso('2026-06-01T12:34:56Z')).toBe('2026-06-01T12:34:56.000Z');
    expect(iso('2026-06-01T12:34:56.5Z')).toBe('2026-06-01T12:34:56.500Z');
    expect(iso('2026-06-01T12:34:56.05Z')).toBe('2026-06-01T12:34:56.050Z');
    expect(iso('2026-12-31T23:59:59.999Z')).toBe('2026-12-31T23:59:59.999Z');
    expect(iso('2024-02-29T08:00:00Z')).toBe('2024-02-29T08:00:00.000Z');
    expect(iso('2000-02-29T08:00:00Z')).toBe('2000-02-29T08:00:00.000Z');
    expect(reason(parseInstant('2100-02-29T08:00:00Z'))).toMatch(/not a day of the calendar/);
    expect(reason(parseInstant('2026-04-31T08:00:00Z'))).toMatch(/not a day of the calendar/);
    expect(reason(parseInstant('2026-06-01T12:60:00Z'))).toMatch(/not a time of day/);
    expect(reason(parseInstant('2026-00-10T12:00:00Z'))).toMatch(/not a day of the calendar/);
    // Date.UTC alone would read year 50 as 1950, and miss the leap day of year 4 (1904 has one, 1900 not).
    expect(iso('0050-06-01T00:00:00Z')).toBe('0050-06-01T00:00:00.000Z');
    expect(iso('0004-02-29T10:00:00Z')).toBe('0004-02-29T10:00:00.000Z');
    expect(iso('0050-06-01 09:00:00+01:00')).toBe('0050-06-01T08:00:00.000Z');
  });
});

describe('utcIsoText', () => {
  it('writes a real UTC date-time as toISOString does, without a Date', () => {
    const written: [string, string][] = [
      ['2026-06-01T12:34:56Z', '2026-06-01T12:34:56.000Z'],
      ['2026-06-01T12:34:56.5Z', '2026-06-01T12:34:56.500Z'],
      ['2026-06-01T12:34:56.05Z', '2026-06-01T12:34:56.050Z'],
      ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
      ['0004-02-29T10:00:00Z', '0004-02-29T10:00:00.000Z'],
    ];
    for (const [text, iso] of written) {
      expect(utcIsoText(text)).toBe(iso);
      expect(value(parseInstant(text)).toISOString()).toBe(iso);
    }
  });

  it('leaves every other text to parseInstant', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-06-01T24:00:00Z',
      '2026-06-01T12:60:00Z',
      '2026-13-01T12:00:00Z',
      '2026-06-01 12:00:00',
      '2026-06-01',
      ' 2026-06-01T12:00:00Z',
      '2026-06-01T12:00:00.1234Z',
      '2026-06-01T14:00:00+02:00',
    ]) {
      expect(utcIsoText(text)).toBeUndefined();
    }
  });
});

describe('coerceValue', () => {
  it('treats an empty cell as absent and JSON null as null', () => {
    expect(coerceValue('', 'number')).toEqual({ ok: true, value: undefined });
    expect(coerceValue('  ', 'text')).toEqual({ ok: true, value: undefined });
    expect(coerceValue(null, 'date')).toEqual({ ok: true, value: null });
  });

  it('gives each field type what the API schemas expect', () => {
    expect(value(coerceValue('$1,234.50', 'money', 'ymd', { decimal: '.', thousands: ',' }))).toBe('1234.50');
    expect(value(coerceValue('1,200', 'number', 'ymd', { decimal: '.', thousands: ',' }))).toBe(1200);
    expect(value(coerceValue('29,85', 'money', 'ymd', { decimal: ',' }))).toBe('29.85');
    expect(reason(coerceValue('1,500', 'money'))).toMatch(/has a comma/);
    expect(value(coerceValue(' High Touch ', 'enum'))).toBe('high_touch');
    expect(value(coerceValue('2026-03-01 09:30:00', 'timestamp'))).toBe('2026-03-01T09:30:00.000Z');
    expect(value(coerceValue('{"tier":"gold"}', 'object'))).toEqual({ tier: 'gold' });
    expect(reason(coerceValue('[1]', 'object'))).toMatch(/JSON object/);
  });
});

describe('parseTags and inferTraitValue', () => {
  it('splits tags on commas, semicolons and bars and writes them as slugs', () => {
    expect(value(parseTags('Champion Left; outage|budget_cut,'))).toEqual(['champion-left', 'outage', 'budget-cut']);
  });

  it('turns only numbers written the JavaScript way into numbers', () => {
    expect(inferTraitValue('34')).toBe(34);
    expect(inferTraitValue('29.85')).toBe(29.85);
    expect(inferTraitValue('007')).toBe('007');
    expect(inferTraitValue('1.50')).toBe('1.50');
    expect(inferTraitValue('12345678901234567890')).toBe('12345678901234567890');
    expect(inferTraitValue('Yes')).toBe('Yes');
  });
});
