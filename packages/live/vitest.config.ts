import { defineProject } from 'vitest/config';

// Forks: the sessions run the native resample and VAD addons.
export default defineProject({
  test: {
    name: 'live',
    include: ['test/**/*.test.ts'],
    // Servers, browsers and real-time streams on a loaded machine: generous polls and timeouts.
    expect: { poll: { timeout: 20_000 } },
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The RSS test collects garbage before it reads memory.
    execArgv: ['--expose-gc'],
    typecheck: { enabled: false },
  },
});
