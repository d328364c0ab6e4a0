import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser pages load lazily; on a loaded machine a second is not enough for expect.poll.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
