import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'node-format',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
  },
});
