// The generated sources are what the build writes from the Rust nodes. A file of its own: it runs
// the writer in a child Node, which arm64 emulation (qemu-user) cannot start.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('src/nodes.generated.ts and the README are what the build writes from the Rust nodes', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  expect(() =>
    execFileSync(process.execPath, ['../../tools/write-kit-sources.mjs', '--check'], { cwd }),
  ).not.toThrow();
});
