import { defineProject } from 'vitest/config';

export default defineProject({
  // The CLI runs as a subprocess; forks keep each file's child processes apart.
  test: { name: 'cli', include: ['test/**/*.test.ts'], pool: 'forks', testTimeout: 60_000 },
});
