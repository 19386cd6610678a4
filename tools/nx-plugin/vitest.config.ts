import { defineProject } from 'vitest/config';

// Runs the generator into a copy of the workspace and builds and tests what it made: minutes.
export default defineProject({
  test: {
    name: 'nx-plugin',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 600_000,
    // Copying the workspace and running the generator twice: long on a loaded machine.
    hookTimeout: 300_000,
  },
});
