import { describe, expect, it } from 'vitest';
import { parseRateLimit, rateLimitsFromEnv } from './rate-limit.js';

describe('rate limits from the environment', () => {
  it('reads requests per window, or off', () => {
    expect(parseRateLimit('X', '10/1m')).toEqual({ limit: 10, windowMs: 60_000 });
    expect(parseRateLimit('X', ' 500 / 30s ')).toEqual({ limit: 500, windowMs: 30_000 });
    expect(parseRateLimit('X', '1000/1h')).toEqual({ limit: 1000, windowMs: 3_600_000 });
    expect(parseRateLimit('X', 'OFF')).toBeUndefined();
    for (const bad of ['10', 'ten/1m', '10/1d', '0/1m', '10/0s', '-1/1m']) {
      expect(() => parseRateLimit('PACER_RATE_LIMIT_API', bad)).toThrow(/^PACER_RATE_LIMIT_API: /);
    }
  });

  it('is on by default, every limit', () => {
    expect(rateLimitsFromEnv({})).toEqual({
      login: { limit: 10, windowMs: 60_000 },
      failedAuth: { limit: 20, windowMs: 60_000 },
      ingest: { limit: 30_000, windowMs: 60_000 },
      api: { limit: 3000, windowMs: 60_000 },
    });
    expect(rateLimitsFromEnv({ PACER_RATE_LIMIT_INGEST: 'off', PACER_RATE_LIMIT_LOGIN: '5/10m' })).toMatchObject({
      login: { limit: 5, windowMs: 600_000 },
      ingest: undefined,
    });
  });
});
