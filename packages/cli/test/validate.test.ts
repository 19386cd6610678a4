// `remotemedia validate`: exit codes, and every problem reported with its path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, examplesDir, tempDir } from './helpers.js';

describe('remotemedia validate', () => {
  it('accepts the examples (exit 0)', () => {
    for (const example of ['vad-segments', 'vad-trim']) {
      const dir = join(examplesDir, example);
      const r = cli(['validate', 'pipeline.yaml'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/pipeline.yaml is valid: \d+ nodes, \d+ connections/);
    }
  });

  it('reports every problem of a broken manifest with its path (exit 1)', () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        nodes: [
          { id: 'a', type: 'AudioResample', params: { to: 16000, quality: 'ultra' } },
          { id: 'b', type: 'VADD' },
          { id: 'a', type: 'VAD' },
          { id: 'c', type: 'VAD', colour: 'red' },
        ],
        connections: [{ from: 'a', to: 'zz' }],
      }),
    );
    const r = cli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('has 5 problems');
    expect(r.stderr).toContain('nodes[3].colour: unknown field');
    expect(r.stderr).toContain('nodes[0].params.quality:');
    expect(r.stderr).toContain("nodes[1].type: unknown node type 'VADD'");
    expect(r.stderr).toContain("nodes[2].id: duplicate node id 'a'");
    expect(r.stderr).toContain("connections[0].to: dangling connection: no node with id 'zz'");
  });

  it('gives the problems as data with --json', () => {
    const dir = tempDir();
    const file = join(dir, 'cycle.yaml');
    writeFileSync(
      file,
      'version: 1\nnodes:\n  - { id: a, type: VAD }\n  - { id: b, type: VAD }\nconnections:\n  - { from: a, fromKey: audio, to: b }\n  - { from: b, fromKey: audio, to: a }\n',
    );
    const r = cli(['validate', file, '--json']);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ path: 'connections', code: 'ERR_CYCLE' }),
    );
  });

  it('fails with ERR_MANIFEST on text that is not a manifest, and ERR_IO on a missing file', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nnodes: [\n');
    const bad = cli(['validate', file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('error ERR_MANIFEST:');
    const missing = cli(['validate', join(dir, 'nope.yaml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error ERR_IO:');
  });
});
