// Money is integers of the currency's minor unit (ISO 4217 exponent: USD 2, JPY 0, KWD 3). Amounts cross the API
// as decimal major units; conversion goes through the decimal digits, never through float arithmetic.

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return knownCurrencies.has(code);
}

/** The number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function currencyExponent(currency: string): number {
  if (!isCurrency(currency)) throw new Error(`unknown currency ${currency}`);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Why a major-unit amount cannot be stored in this currency, or undefined when it can. */
export function moneyProblem(value: number | string, currency: string): string | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number';
  if (text.startsWith('-')) return 'must not be negative';
  const match = DECIMAL.exec(text);
  if (!match) return `must be a decimal amount such as 29.85, not ${JSON.stringify(value)}`;
  const exponent = currencyExponent(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    return exponent === 0
      ? `${currency} has no minor unit, so the amount must be whole`
      : `${currency} allows at most ${exponent} decimal places`;
  }
  const minor = BigInt(match[1] + fraction.padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return 'is too large';
  return undefined;
}

/** "29.85" USD → 2985; 1200 JPY → 1200. Throws with the reason when moneyProblem() has one. */
export function toMinorUnits(value: number | string, currency: string): number {
  const problem = moneyProblem(value, currency);
  if (problem) throw new Error(problem);
  const [whole, fraction = ''] = (typeof value === 'number' ? String(value) : value.trim()).split('.');
  const exponent = currencyExponent(currency);
  return Number(BigInt(whole + fraction.replace(/0+$/, '').padEnd(exponent, '0')));
}

/** 2985 USD → 29.85, 1200 JPY → 1200: the decimal written out, then read as a number. */
export function toMajorUnits(minor: number, currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minor;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = `${minor < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return Number(text);
}

export type BillingPeriod = 'month' | 'quarter' | 'year';
const MONTHS: Record<BillingPeriod, bigint> = { month: 1n, quarter: 3n, year: 12n };

/** Monthly recurring revenue from an amount billed per period, in minor units, rounded half up. */
export function mrrFromAmount(amountMinor: number, period: BillingPeriod): number {
  const months = MONTHS[period];
  return Number((2n * BigInt(amountMinor) + months) / (2n * months));
}
