import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, sortKey } from './portfolio-sorts.js';

describe('portfolio cursors', () => {
  it('round-trips the key values of the sort they were made for', () => {
    const values = ['0', '', '-55000', '00000000-0000-7000-8000-000000000001'];
    expect(decodeCursor(encodeCursor('-mrrAtRisk', values), '-mrrAtRisk')).toEqual(values);
  });

  it('refuses a cursor of another sort, a tampered one, and garbage, naming query.cursor', () => {
    const risk = encodeCursor('-risk', ['-0.9', '00000000-0000-7000-8000-000000000001']);
    expect(() => decodeCursor(risk, 'name')).toThrow(/sort=-risk, not sort=name/);
    const tampered = encodeCursor('-risk', ['1; drop table accounts', '00000000-0000-7000-8000-000000000001']);
    expect(() => decodeCursor(tampered, '-risk')).toThrow(/not a cursor/);
    expect(() => decodeCursor('%%%', '-risk')).toThrow(/not a cursor/);
  });

  it('puts missing values last both ways: negated numbers ascending, text and dates in the direction asked', () => {
    expect(sortKey('-risk').parts[0]?.expression).toBe('coalesce(-churn_risk, 2::real)');
    expect(sortKey('risk').parts[0]?.expression).toBe('coalesce(churn_risk, 2::real)');
    expect(sortKey('-renewal')).toMatchObject({ direction: 'desc' });
    expect(sortKey('-renewal').parts[0]?.expression).toContain("'0001-01-01'");
    expect(sortKey('renewal').parts[0]?.expression).toContain("'9999-12-31'");
  });
});
