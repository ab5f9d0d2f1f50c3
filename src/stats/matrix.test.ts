import { describe, expect, it } from 'vitest';
import { checkMatrix, matrixFromRows, seededRandom } from './matrix.js';

describe('matrix', () => {
  it('lays rows out one after another, with null as missing', () => {
    const x = matrixFromRows([
      [1, 2, null],
      [4, undefined, 6],
    ]);
    expect(x.rows).toBe(2);
    expect(x.cols).toBe(3);
    expect([...x.values]).toEqual([1, 2, Number.NaN, 4, Number.NaN, 6]);
  });

  it('refuses ragged rows and mismatched labels', () => {
    expect(() => matrixFromRows([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => checkMatrix(matrixFromRows([[1], [2]]), [0])).toThrow(/labels/);
  });
});

describe('seeded random numbers', () => {
  it('repeat for a seed, differ between seeds, and spread evenly over [0, 1)', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 10_000 }, () => random());
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8).slice(0, 5)).not.toEqual(a.slice(0, 5));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    // A uniform mean has standard error √(1/12/10000) ≈ 0.003: 0.5 within 0.015 is five of them.
    expect(Math.abs(a.reduce((s, v) => s + v, 0) / a.length - 0.5)).toBeLessThan(0.015);
  });
});
