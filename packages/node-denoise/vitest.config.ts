import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'node-denoise', include: ['test/**/*.test.ts'], pool: 'forks' },
});
