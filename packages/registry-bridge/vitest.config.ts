import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'registry-bridge',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
