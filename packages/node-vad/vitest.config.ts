import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'node-vad',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
  },
});
