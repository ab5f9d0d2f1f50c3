import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // The suite calls from one address far faster than people do, and tries wrong keys on purpose; its
          // servers get limits it cannot reach. test/hardening.test.ts runs servers with the defaults.
          env: {
            PACER_RATE_LIMIT_LOGIN: '100000/1m',
            PACER_RATE_LIMIT_FAILED_AUTH: '100000/1m',
            PACER_RATE_LIMIT_INGEST: '1000000/1m',
            PACER_RATE_LIMIT_API: '1000000/1m',
          },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
