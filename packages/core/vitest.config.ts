import { defineProject } from 'vitest/config';

// Forks: the integration test loads the native node-format and node-resample addons.
export default defineProject({
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    typecheck: { enabled: false },
  },
});
