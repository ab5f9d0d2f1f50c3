// Numbers, money and dates as the reader's language writes them, all through Intl (JPY has no decimals: Intl knows
// each currency's digits). Pure: the locale is an argument, so test/web-format.test.ts checks them under Node.

export interface Money {
  amount: string;
  currency: string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
) {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** An amount in its currency, e.g. "$1,234.50", "￥123,457"; exact (the decimal string is formatted, not a float). */
export function formatMoney(money: Money, locale: string): string {
  const format = cached(
    `money ${locale} ${money.currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }),
  );
  // Intl formats a decimal string exactly (Intl.NumberFormat v3); a number would round past 2^53.
  return format.format(money.amount as unknown as number);
}

/** Several amounts that must not be added (one per currency), joined: "$12,000 + €300". */
export function formatMoneyList(amounts: Money[], locale: string, empty = '—'): string {
  return amounts.length === 0 ? empty : amounts.map((money) => formatMoney(money, locale)).join(' + ');
}

export function formatInteger(value: number, locale: string): string {
  return cached(`int ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

/** A probability 0..1 as a whole percentage: 0.237 → "24%". */
export function formatPercent(probability: number, locale: string): string {
  return cached(
    `pct ${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(probability);
}

/** A score change in points with its sign: +4, −3, ±0. */
export function formatSignedPoints(points: number, locale: string): string {
  return cached(
    `signed ${locale}`,
    () => new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }),
  ).format(points);
}

/** A calendar day (YYYY-MM-DD, no time zone) as the language writes it: "Mar 5, 2027", "2027/03/05". */
export function formatDay(day: string, locale: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return cached(
    `day ${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(year, month - 1, date)));
}

/** How long ago a moment was, in the largest whole unit: "3 days ago", "3 日前". */
export function formatAgo(timestamp: string, locale: string, now: Date = new Date()): string {
  const seconds = (new Date(timestamp).getTime() - now.getTime()) / 1000;
  const format = cached(`ago ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86_400],
    ['month', 30 * 86_400],
    ['week', 7 * 86_400],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'minute');
}

/** A moment with its date and time, for a title. */
export function formatMoment(timestamp: string, locale: string): string {
  return cached(
    `moment ${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(new Date(timestamp));
}

/** A wait in seconds as minutes or seconds, in the language: "45 seconds", "15 minutes", "15 分". */
export function formatWait(seconds: number, locale: string): string {
  const [value, unit] =
    seconds >= 90 ? [Math.ceil(seconds / 60), 'minute'] : [Math.max(1, Math.ceil(seconds)), 'second'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A number with a fixed count of decimals, as the language writes it: 3.2, 0.74. */
export function formatDecimal(value: number, locale: string, digits = 1): string {
  return cached(
    `decimal ${locale} ${digits}`,
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(value);
}
