import { defineConfig } from 'vitest/config';

// The install test under arm64 emulation: npm itself runs under qemu, so allow many minutes.
export default defineConfig({
  test: {
    name: 'arm64-install',
    include: ['tools/emulation/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
