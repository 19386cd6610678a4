import { defineProject } from 'vitest/config';

// Forks: the integration test loads the native node-format and node-resample addons.
export default defineProject({
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    // Polls wait on real servers and processes: a loaded CI machine needs more than 1 s.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    typecheck: { enabled: false },
  },
});
