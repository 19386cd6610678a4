import { defineProject } from 'vitest/config';

export default defineProject({
  // `cargo metadata` can take seconds on a loaded machine.
  test: { name: 'nx-cargo', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
