// `remotemedia init`: the files it writes, and a folder it cannot write to.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

describe('init', () => {
  it('writes a config and a manifest that validates, and refuses to overwrite them', () => {
    const dir = join(tempDir(), 'project');
    const first = cli(['init', '--dir', dir]);
    expect(first.status).toBe(0);
    expect(existsSync(join(dir, 'remotemedia.toml'))).toBe(true);
    expect(cli(['validate', 'pipeline.yaml'], { cwd: dir }).status).toBe(0);
    const again = cli(['init', '--dir', dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exist; pass --force to overwrite');
  });

  it('reports a --dir that is a file as ERR_IO with the path', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const r = cli(['init', '--dir', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^error ERR_IO: cannot write '${join(file, 'remotemedia.toml')}': `),
    );
    expect(r.stderr.split('\n').length).toBe(2);
  });
});
