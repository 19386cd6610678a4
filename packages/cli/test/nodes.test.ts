// `nodes list` / `nodes info` through the real binary, from metadata only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, nodesBin, tempDir } from './helpers.js';

describe('remotemedia nodes list', () => {
  it('groups the bundled native nodes by runtime with their category', () => {
    const r = cli(['nodes', 'list']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Rust nodes:\n');
    expect(r.stdout).toContain('  - VAD (audio/analysis)\n');
    expect(r.stdout).toContain('  - AudioResample (audio/conversion)\n');
    expect(r.stdout).toContain('  - FormatConverter (audio/conversion)\n');
  });

  it('prints JSON (snapshot)', () => {
    const r = cli(['nodes', 'list', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchSnapshot();
  });

  it('filters by category prefix and runtime', () => {
    const analysis = JSON.parse(
      cli(['nodes', 'list', '--json', '--category', 'audio/analysis']).stdout,
    );
    expect(analysis.map((n: { type: string }) => n.type)).toEqual(['VAD']);
    const audio = JSON.parse(cli(['nodes', 'list', '--json', '--category', 'audio']).stdout);
    expect(audio).toHaveLength(3);
    const python = cli(['nodes', 'list', '--runtime', 'python']);
    expect(python.stdout).toBe('No nodes match.\n');
    expect(cli(['nodes', 'list', '--runtime', 'go']).status).not.toBe(0);
  });

  it('remotemedia-nodes is an alias of `remotemedia nodes`', () => {
    const alias = cli(['list', '--json'], { binary: nodesBin });
    expect(alias.status).toBe(0);
    expect(alias.stdout).toBe(cli(['nodes', 'list', '--json']).stdout);
  });

  it('lists a native package from its nodes.json without loading its code', () => {
    const dir = tempDir();
    const pkg = join(dir, 'node_modules', 'fake-native');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'fake-native', main: 'index.js' }),
    );
    writeFileSync(join(pkg, 'index.js'), 'throw new Error("the binary was loaded");\n');
    const node = {
      type: 'FakeGain',
      runtime: 'rust',
      category: 'audio/effects',
      description: 'test node',
      params: { type: 'object', additionalProperties: false, properties: {} },
      inputs: [{ name: 'audio', type: 'audio' }],
      outputs: [{ name: 'audio', type: 'audio' }],
    };
    writeFileSync(join(pkg, 'nodes.json'), JSON.stringify({ nodes: [node] }));
    writeFileSync(join(dir, 'remotemedia.toml'), '[nodes.native]\npackages = ["fake-native"]\n');
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Rust nodes:\n  - FakeGain (audio/effects)\n');
    expect(r.stderr).toBe('');
  });
});

describe('remotemedia nodes info', () => {
  it('prints params with types, defaults, enums and required flags, and the ports', () => {
    const r = cli(['nodes', 'info', 'AudioResample']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'AudioResample  (rust, audio/conversion)  from @remotemedia/node-resample',
    );
    expect(r.stdout).toContain('  to: integer 8000..384000  (required)');
    expect(r.stdout).toContain('  quality: "fast" | "balanced" | "high" | "max"  (default "high")');
    expect(r.stdout).toMatch(/Inputs:\n {2}audio: audio/);
  });

  it('prints JSON (snapshot)', () => {
    const r = cli(['nodes', 'info', 'VAD', '--json']);
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.outputs.map((p: { name: string }) => p.name)).toEqual([
      'audio',
      'decisions',
      'events',
    ]);
    expect(info).toMatchSnapshot();
  });

  it('fails with ERR_NODE_NOT_FOUND and a suggestion for an unknown type', () => {
    const r = cli(['nodes', 'info', 'vad']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "error ERR_NODE_NOT_FOUND: unknown node type 'vad'; did you mean 'VAD'?",
    );
  });
});
