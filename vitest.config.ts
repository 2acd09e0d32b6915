import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/web/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
