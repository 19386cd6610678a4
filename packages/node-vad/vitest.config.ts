import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'node-vad',
    include: ['test/**/*.test.ts'],
    // Polls wait on real servers and processes: a loaded CI machine needs more than 1 s.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
