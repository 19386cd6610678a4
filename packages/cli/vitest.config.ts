import { defineProject } from 'vitest/config';

export default defineProject({
  // The CLI runs as a subprocess; forks keep each file's child processes apart.
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    // Polls wait on real servers and processes: a loaded CI machine needs more than 1 s.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    testTimeout: 60_000,
  },
});
