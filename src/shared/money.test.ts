import { describe, expect, it } from 'vitest';
import {
  convertMinorUnits,
  currencyExponent,
  isCurrency,
  moneyProblem,
  mrrFromAmount,
  rateProblem,
  toMajorUnits,
  toMinorUnits,
} from './money.js';

describe('currency exponents (ISO 4217)', () => {
  it('knows two, zero and three decimal currencies', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it("follows ISO 4217's table, not ICU's display digits", () => {
    // ISO 4217 (list one): HUF 2, IDR 2, IQD 3, CLF 4. ICU displays HUF, IDR and IQD with 0 decimals.
    expect(currencyExponent('HUF')).toBe(2);
    expect(currencyExponent('IDR')).toBe(2);
    expect(currencyExponent('IQD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
    expect(currencyExponent('ISK')).toBe(0);
  });

  it('knows the codes withdrawn in the last decade, for imported history', () => {
    // ISO 4217 list three: the Croatian kuna (withdrawn 2023) had 2 decimals, the Belarusian ruble BYR none.
    expect(currencyExponent('HRK')).toBe(2);
    expect(currencyExponent('BYR')).toBe(0);
    expect(toMinorUnits('99.90', 'HRK')).toBe(9990);
  });

  it('refuses an unknown code, and the codes ISO 4217 gives no minor unit', () => {
    expect(() => currencyExponent('XYZ')).toThrow(/unknown currency XYZ/);
    expect(isCurrency('XYZ')).toBe(false);
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('XAU')).toBe(false); // gold: "N.A." in ISO 4217
    expect(isCurrency('XXX')).toBe(false);
    expect(isCurrency('XAF')).toBe(true); // CFA franc, 0 digits
    expect(moneyProblem('10', 'XYZ')).toMatch(/"XYZ" is not an ISO 4217 currency code/);
  });
});

describe('major to minor units', () => {
  it('converts through the decimal digits, without float error', () => {
    // In floating point 29.85 * 100 is 2984.9999999999995 and 1.15 * 100 is 114.99999999999999.
    expect(toMinorUnits(29.85, 'USD')).toBe(2985);
    expect(toMinorUnits(1.15, 'USD')).toBe(115);
    expect(toMinorUnits('29.85', 'USD')).toBe(2985);
    expect(toMinorUnits('70', 'USD')).toBe(7000);
    expect(toMinorUnits(0, 'USD')).toBe(0);
    expect(toMinorUnits('12.50', 'USD')).toBe(1250);
    expect(toMinorUnits(1200, 'JPY')).toBe(1200);
    expect(toMinorUnits('1.5', 'KWD')).toBe(1500);
    expect(toMinorUnits('3.000', 'JPY')).toBe(3);
    // HUF has 2 decimals in ISO 4217: 1234.50 Ft is 123450 fillér. IQD has 3: 1.234 dinar is 1234 fils.
    expect(toMinorUnits('1234.50', 'HUF')).toBe(123450);
    expect(toMinorUnits(1234.5, 'HUF')).toBe(123450);
    expect(toMinorUnits('1.234', 'IQD')).toBe(1234);
    expect(toMinorUnits('15000.25', 'IDR')).toBe(1500025);
  });

  it('names the problem with amounts it cannot store', () => {
    expect(moneyProblem(-1, 'USD')).toBe('must not be negative');
    expect(moneyProblem('-0.5', 'USD')).toBe('must not be negative');
    expect(moneyProblem(1.005, 'USD')).toBe('USD allows at most 2 decimal places');
    expect(moneyProblem('12.5', 'JPY')).toBe('JPY has no minor unit, so the amount must be whole');
    expect(moneyProblem(1.5, 'JPY')).toBe('JPY has no minor unit, so the amount must be whole');
    expect(moneyProblem('1.2345', 'IQD')).toBe('IQD allows at most 3 decimal places');
    expect(moneyProblem('1234.50', 'HUF')).toBeUndefined();
    expect(moneyProblem('1,000', 'USD')).toMatch(/must be a decimal amount/);
    expect(moneyProblem('abc', 'USD')).toMatch(/must be a decimal amount/);
    expect(moneyProblem(1e21, 'USD')).toMatch(/must be a decimal amount/);
    expect(moneyProblem('99999999999999999', 'USD')).toBe('is too large');
    expect(moneyProblem(Number.POSITIVE_INFINITY, 'USD')).toBe('must be a finite number');
    expect(moneyProblem('29.85', 'USD')).toBeUndefined();
  });
});

describe('minor to major units', () => {
  it('writes the decimal out', () => {
    expect(toMajorUnits(2985, 'USD')).toBe(29.85);
    expect(toMajorUnits(5, 'USD')).toBe(0.05);
    expect(toMajorUnits(0, 'USD')).toBe(0);
    expect(toMajorUnits(1200, 'JPY')).toBe(1200);
    expect(toMajorUnits(1500, 'KWD')).toBe(1.5);
    expect(toMajorUnits(123450, 'HUF')).toBe(1234.5);
    expect(toMajorUnits(1234, 'IQD')).toBe(1.234);
  });
});

describe('MRR from an amount per billing period', () => {
  it('divides by the months in the period, rounding half up', () => {
    expect(mrrFromAmount(120000, 'year')).toBe(10000); // $1,200.00 a year → $100.00 a month
    expect(mrrFromAmount(10000, 'quarter')).toBe(3333); // $100.00 / 3 = 33.333…
    expect(mrrFromAmount(20000, 'quarter')).toBe(6667); // 66.666… rounds up
    expect(mrrFromAmount(18, 'year')).toBe(2); // 1.5 rounds half up
    expect(mrrFromAmount(2985, 'month')).toBe(2985);
  });
});

describe('converting minor units at a decimal rate', () => {
  it("multiplies exactly and rounds half up once, in the target currency's minor unit", () => {
    // ¥150,000 at 0.0062 EUR per JPY = €930.00 = 93000 cents.
    expect(convertMinorUnits(150000, 'JPY', 'EUR', '0.0062')).toBe(93000);
    // $29.85 at 0.92 EUR per USD = €27.462 → €27.46.
    expect(convertMinorUnits(2985, 'USD', 'EUR', '0.92')).toBe(2746);
    // $0.10 at 0.25 = €0.025 → half up to €0.03.
    expect(convertMinorUnits(10, 'USD', 'EUR', '0.25')).toBe(3);
    // 1.005 KWD at 1 → USD: $1.005 → $1.01 (half up; in floats 1.005 × 100 is 100.49999999999999, which rounds down).
    expect(convertMinorUnits(1005, 'KWD', 'USD', '1')).toBe(101);
    // €930.00 at 161.29 JPY per EUR = ¥149,999.7 → ¥150,000.
    expect(convertMinorUnits(93000, 'EUR', 'JPY', '161.29')).toBe(150000);
    // 1.234 IQD at 0.00068 EUR per IQD = €0.00083912 → €0.00.
    expect(convertMinorUnits(1234, 'IQD', 'EUR', '0.00068')).toBe(0);
  });

  it('refuses a rate that is not a positive decimal', () => {
    expect(rateProblem('0.0062')).toBeUndefined();
    expect(rateProblem('0')).toBe('must be more than 0');
    expect(rateProblem('-1')).toMatch(/must be a positive decimal/);
    expect(rateProblem('6.2e-3')).toMatch(/must be a positive decimal/);
    expect(() => convertMinorUnits(1, 'USD', 'EUR', '1,5')).toThrow(/rate must be a positive decimal/);
  });
});
