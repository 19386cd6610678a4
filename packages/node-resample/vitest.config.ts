import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'node-resample',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
  },
});
