import { defineProject } from 'vitest/config';

// Every test spawns real Python worker processes; forks keep their lifetimes per test file.
export default defineProject({
  test: {
    name: 'python',
    include: ['test/**/*.test.ts'],
    // Polls wait on real servers and processes: a loaded CI machine needs more than 1 s.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
