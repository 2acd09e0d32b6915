import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/web/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks start real servers, worker processes and browsers; with every file running at once on
    // two cores that can take well over vitest's 10 s default. The waits inside them have their
    // own deadlines, so this only stops a hook from being cut short while it is still progressing.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
