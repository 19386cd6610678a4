// `remotemedia run` with files it cannot use and options out of range: a coded one-line error
// naming the file or option, exit code 1, never a stack trace.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, examplesDir, tempDir } from './helpers.js';

const segmentsExample = join(examplesDir, 'vad-segments');
const asset = join(examplesDir, 'assets', 'speech-48k-stereo.wav');

/** A folder standing where an output file should go, and a results.json path beside it. */
function blockedOutput(): { folder: string; json: string } {
  const dir = tempDir();
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  return { folder, json: join(dir, 'results.json') };
}

describe('run errors', () => {
  it('reports a missing input file as ERR_IO with its path', () => {
    const missing = join(tempDir(), 'missing.wav');
    const r = cli(['run', 'pipeline.yaml', '-i', missing], { cwd: segmentsExample });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error ERR_IO: cannot read input '${missing}': ENOENT: no such file or directory, open '${missing}'\n`,
    );
  });

  it.each(['abc', '0', '5000'])('rejects --frame-ms %s as ERR_INVALID_PARAM', (value) => {
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '--frame-ms', value], {
      cwd: segmentsExample,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error ERR_INVALID_PARAM: --frame-ms must be a number of ms in (0, 1000], got '${value}'\n`,
    );
  });

  it('reports an --output or --json path that cannot be written as ERR_IO with its path', () => {
    const { folder, json } = blockedOutput();
    const out = cli(['run', 'pipeline.yaml', '-i', asset, '-o', folder, '--json', json], {
      cwd: join(examplesDir, 'vad-trim'),
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`^error ERR_IO: cannot write '${folder}': EISDIR`));
    expect(out.stderr.split('\n').length).toBe(2);
    const results = cli(['run', 'pipeline.yaml', '-i', asset, '--json', folder], {
      cwd: segmentsExample,
    });
    expect(results.status).toBe(1);
    expect(results.stderr).toMatch(new RegExp(`^error ERR_IO: cannot write '${folder}': EISDIR`));
  });

  it('reports a --report path that cannot be written as ERR_IO, after writing --json', () => {
    const { folder, json } = blockedOutput();
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '--json', json, '--report', folder], {
      cwd: segmentsExample,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error ERR_IO: cannot write '${folder}': EISDIR`));
    expect(existsSync(json)).toBe(true);
  });

  it('reports an input that is a folder as ERR_IO', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'x'), '');
    const r = cli(['run', 'pipeline.yaml', '-i', folder], { cwd: segmentsExample });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error ERR_IO: cannot read input '${folder}': EISDIR`));
  });
});
