import { code as isoCurrency } from 'currency-codes';

// Money is integers of the currency's minor unit (ISO 4217 exponent: USD 2, JPY 0, KWD 3, HUF 2, IQD 3). Amounts
// cross the API as decimal major units; conversion goes through the decimal digits, never through float arithmetic.
// The exponents come from ISO 4217's own table (the currency-codes package), not from ICU's display digits, which
// differ from the standard (ICU shows HUF and IDR with 0 and IQD with 0) and change with the Node version.

// ISO 4217 gives these no minor unit at all ("N.A.": metals, funds, test and "no currency" codes); the package
// writes 0 for them, so they are told apart here. They are not currencies a subscription is billed in.
const NO_MINOR_UNIT = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

// The package holds ISO 4217's list of current codes (as published 2024-06-25). A history that imports needs the
// codes withdrawn in the last decade too (ISO 4217 list three, with their minor units), and XCG, added in 2025.
const WITHDRAWN_OR_NEWER: Record<string, number> = {
  BYR: 0, // Belarusian ruble, to 2016
  HRK: 2, // Croatian kuna, to 2023
  LTL: 2, // Lithuanian litas, to 2015
  LVL: 2, // Latvian lats, to 2014
  MRO: 2, // Mauritanian ouguiya, to 2018
  SLL: 2, // Sierra Leonean leone, to 2024
  STD: 2, // São Tomé dobra, to 2018
  VEF: 2, // Venezuelan bolívar fuerte, to 2018
  XCG: 2, // Caribbean guilder, from 2025
  ZWL: 2, // Zimbabwe dollar, to 2024
};

function isoDigits(code: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(code) || NO_MINOR_UNIT.has(code)) return undefined;
  return isoCurrency(code)?.digits ?? WITHDRAWN_OR_NEWER[code];
}

export function isCurrency(code: string): boolean {
  return isoDigits(code) !== undefined;
}

/** The number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3, HUF 2, IQD 3). */
export function currencyExponent(currency: string): number {
  const digits = isoDigits(currency);
  if (digits === undefined) throw new Error(`unknown currency ${currency}`);
  return digits;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Why a major-unit amount cannot be stored in this currency, or undefined when it can. */
export function moneyProblem(value: number | string, currency: string): string | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number';
  if (text.startsWith('-')) return 'must not be negative';
  const match = DECIMAL.exec(text);
  if (!match) return `must be a decimal amount such as 29.85, not ${JSON.stringify(value)}`;
  if (!isCurrency(currency)) return `cannot be checked: ${JSON.stringify(currency)} is not an ISO 4217 currency code`;
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

/** 2985 USD → "29.85", 1200 JPY → "1200": minor units as an exact decimal text of the major unit. */
export function toDecimalText(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export type BillingPeriod = 'month' | 'quarter' | 'year';
const MONTHS: Record<BillingPeriod, bigint> = { month: 1n, quarter: 3n, year: 12n };

/** Monthly recurring revenue from an amount billed per period, in minor units, rounded half up. */
export function mrrFromAmount(amountMinor: number, period: BillingPeriod): number {
  const months = MONTHS[period];
  return Number((2n * BigInt(amountMinor) + months) / (2n * months));
}

const RATE = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/** Why a text cannot be an exchange rate (a positive decimal such as 0.0062), or undefined when it can. */
export function rateProblem(rate: string): string | undefined {
  const match = RATE.exec(rate);
  if (!match)
    return `must be a positive decimal such as 0.0062 (at most 12 digits each side of the point), not ${JSON.stringify(rate)}`;
  if (/^0*$/.test((match[1] ?? '') + (match[2] ?? ''))) return 'must be more than 0';
  return undefined;
}

/**
 * An amount in minor units of `from`, converted at `rate` (units of `to` for one unit of `from`, a decimal text),
 * in minor units of `to`, rounded half up once. Exact: integers all the way (¥150,000 at 0.0062 → €930.00 is
 * 150000 × 62 × 10² / (10⁴ × 10⁰) = 93000 cents), so no float error can creep in.
 */
export function convertMinorUnits(minor: number, from: string, to: string, rate: string): number {
  const problem = rateProblem(rate);
  if (problem) throw new Error(`rate ${problem}`);
  const [whole, fraction = ''] = rate.split('.');
  const numerator = BigInt(minor) * BigInt(whole + fraction) * 10n ** BigInt(currencyExponent(to));
  const denominator = 10n ** BigInt(fraction.length + currencyExponent(from));
  return Number((2n * numerator + denominator) / (2n * denominator));
}
