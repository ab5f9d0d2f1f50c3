import { describe, expect, it } from 'vitest';
import { currencyExponent, moneyProblem, mrrFromAmount, toMajorUnits, toMinorUnits } from './money.js';

describe('currency exponents (ISO 4217)', () => {
  it('knows two, zero and three decimal currencies', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('refuses an unknown code', () => {
    expect(() => currencyExponent('XYZ')).toThrow(/unknown currency/);
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
  });

  it('names the problem with amounts it cannot store', () => {
    expect(moneyProblem(-1, 'USD')).toBe('must not be negative');
    expect(moneyProblem('-0.5', 'USD')).toBe('must not be negative');
    expect(moneyProblem(1.005, 'USD')).toBe('USD allows at most 2 decimal places');
    expect(moneyProblem('12.5', 'JPY')).toBe('JPY has no minor unit, so the amount must be whole');
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
