// `remotemedia run --json` with a sink that emits a very long array (e.g. one value per sample).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, examplesDir, readJson, tempDir } from './helpers.js';

const asset = join(examplesDir, 'assets', 'speech-48k-stereo.wav');

/** A plugin node whose first output is one array of 250000 numbers (over V8's argument limit). */
const PLUGIN = `export const nodes = [{
  type: 'LongArray',
  runtime: 'ts',
  metadata: {
    category: 'test',
    description: 'one long array',
    params: { type: 'object', additionalProperties: false, properties: {} },
    inputs: [{ name: 'in', type: 'audio' }],
    outputs: [{ name: 'values', type: 'json' }],
  },
  create() {
    let sent = false;
    return {
      process() {
        if (sent) return undefined;
        sent = true;
        return new Array(250000).fill(1);
      },
    };
  },
}];
`;

describe('run --json', () => {
  it('collects a sink array of 250000 values', () => {
    const dir = tempDir();
    const plugin = join(dir, 'plugins', 'long-array');
    mkdirSync(plugin, { recursive: true });
    writeFileSync(
      join(plugin, 'package.json'),
      JSON.stringify({ name: 'long-array', type: 'module', remotemedia: { nodes: './nodes.js' } }),
    );
    writeFileSync(join(plugin, 'nodes.js'), PLUGIN);
    writeFileSync(join(dir, 'remotemedia.toml'), '[nodes.native]\nplugin_dirs = ["./plugins"]\n');
    writeFileSync(
      join(dir, 'pipeline.yaml'),
      'version: 1\nnodes:\n  - id: values\n    type: LongArray\nconnections: []\n',
    );
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '--json', 'out.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = readJson<{ outputs: { values: { values: number[] } } }>(join(dir, 'out.json'));
    expect(results.outputs.values.values.length).toBe(250_000);
  });
});
