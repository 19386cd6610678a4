import { defineProject } from 'vitest/config';

// Every test spawns real Python worker processes; forks keep their lifetimes per test file.
export default defineProject({
  test: {
    name: 'python',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
