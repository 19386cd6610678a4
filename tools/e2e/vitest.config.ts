import { defineConfig } from 'vitest/config';

// The install test publishes to a local registry and installs from it: minutes, not milliseconds.
export default defineConfig({
  test: {
    name: 'e2e-install',
    include: ['tools/e2e/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
