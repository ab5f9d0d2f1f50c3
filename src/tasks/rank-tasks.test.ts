import { describe, expect, it } from 'vitest';
import { dueUrgency, rankTasks } from './rank-tasks.js';

describe('dueUrgency', () => {
  it('is 1 due today or overdue, 7 / (7 + days) later, 0.25 without a due date', () => {
    expect(dueUrgency('2026-12-07', '2026-12-07')).toBe(1);
    expect(dueUrgency('2026-11-30', '2026-12-07')).toBe(1);
    expect(dueUrgency('2026-12-14', '2026-12-07')).toBe(0.5); // 7 / (7 + 7)
    expect(dueUrgency('2026-12-28', '2026-12-07')).toBeCloseTo(0.25, 10); // 7 / (7 + 21)
    expect(dueUrgency(null, '2026-12-07')).toBe(0.25);
  });
});

describe('rankTasks', () => {
  const base = { priority: 'normal' as const, createdAt: '2026-12-01T00:00:00Z' };
  it('puts overdue first, then the higher risk × MRR × urgency, then the earlier due date and higher priority', () => {
    const ranked = rankTasks(
      [
        // 0.1 × 1000 × 1 = 100
        { ...base, id: 'a', churnRisk: 0.1, mrr: 1000, dueDate: '2026-12-07' },
        // overdue: 0.01 × 100 × 1 = 1, still first
        { ...base, id: 'b', churnRisk: 0.01, mrr: 100, dueDate: '2026-12-01' },
        // 0.4 × 1000 × 0.5 = 200
        { ...base, id: 'c', churnRisk: 0.4, mrr: 1000, dueDate: '2026-12-14' },
        // no risk yet: 0, after everything with a score; ties broken by due date then priority
        { ...base, id: 'd', churnRisk: null, mrr: 1000, dueDate: '2026-12-20', priority: 'low' },
        { ...base, id: 'e', churnRisk: null, mrr: 1000, dueDate: '2026-12-20', priority: 'urgent' },
      ],
      '2026-12-07',
    );
    expect(ranked.map(({ task }) => task.id)).toEqual(['b', 'c', 'a', 'e', 'd']);
    expect(ranked.map(({ rank }) => rank.score)).toEqual([1, 200, 100, 0, 0]);
  });
});
