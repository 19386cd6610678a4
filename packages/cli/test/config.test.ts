// remotemedia.toml: errors with line numbers, plugins found through plugin_dirs, broken ones skipped.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, examplesDir, tempDir } from './helpers.js';

function withConfig(toml: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'remotemedia.toml'), toml);
  return dir;
}

describe('remotemedia.toml errors', () => {
  it('names every unknown key with its line', () => {
    const dir = withConfig(
      [
        '# deployment',
        '[nodes.native]',
        'packages = ["@remotemedia/node-vad"]',
        'plugin_dir = ["./plugins"]',
        '',
        '[nodes.python]',
        'nodes = [',
        '  { class = "Echo", module = "echo" },',
        '  { class = "Asr", modul = "asr" },',
        ']',
        '',
        '[pyhton]',
        'workers = 2',
      ].join('\n'),
    );
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_INVALID_PARAM: remotemedia.toml has 4 problems');
    expect(r.stderr).toContain(
      "remotemedia.toml:4: unknown key 'plugin_dir' in [nodes.native]; allowed: packages, plugin_dirs",
    );
    expect(r.stderr).toContain("remotemedia.toml:9: unknown key 'modul' in nodes.python.nodes[1]");
    expect(r.stderr).toContain("remotemedia.toml:9: nodes.python.nodes[1] needs 'module'");
    expect(r.stderr).toContain("remotemedia.toml:12: unknown key 'pyhton' at the top level");
  });

  it('names wrong value types with their line', () => {
    const dir = withConfig('[python]\nexecutable = "python3"\nworkers = 0\n');
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'remotemedia.toml:3: python.workers must be an integer from 1 to 64',
    );
  });

  it('checks the [remote] table', () => {
    const dir = withConfig('[remote]\nservers = "nats://a:4222"\ntags = { gpu = true }\n');
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'remotemedia.toml:2: remote.servers must be an array of non-empty strings',
    );
    expect(r.stderr).toContain(
      'remotemedia.toml:3: remote.tags must be a table of strings, e.g. { gpu = "true" }',
    );
  });

  it('reports a TOML syntax error with its line', () => {
    const dir = withConfig('[nodes.native]\npackages = ["a",\nplugin_dirs = 3\n');
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/remotemedia\.toml:3: invalid TOML/);
  });

  it('uses --config over ./remotemedia.toml and fails with ERR_IO when it is missing', () => {
    const r = cli(['-c', 'missing.toml', 'nodes', 'list'], { cwd: tempDir() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_IO: cannot read config');
  });
});

describe('plugins', () => {
  it('finds plugins through plugin_dirs', () => {
    const dir = withConfig(
      `[nodes.native]\nplugin_dirs = [${JSON.stringify(join(examplesDir, 'plugins'))}]\n`,
    );
    const r = cli(['nodes', 'list', '--runtime', 'ts'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'TypeScript nodes:\n  - SpeechGate (audio/filter)\n  - SpeechSegments (audio/analysis)\n',
    );
  });

  it('skips a broken plugin with a warning naming its path, and keeps the others', () => {
    const dir = withConfig('[nodes.native]\nplugin_dirs = ["./plugins"]\n');
    cpSync(join(examplesDir, 'plugins', 'speech-tools'), join(dir, 'plugins', 'speech-tools'), {
      recursive: true,
    });
    const broken = join(dir, 'plugins', 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(
      join(broken, 'package.json'),
      JSON.stringify({ name: 'broken', type: 'module', remotemedia: { nodes: './nodes.js' } }),
    );
    writeFileSync(join(broken, 'nodes.js'), 'export const nodes = [{ type: "Half" }];\n');
    const missing = join(dir, 'plugins', 'missing-module');
    mkdirSync(missing);
    writeFileSync(
      join(missing, 'package.json'),
      JSON.stringify({ name: 'missing', remotemedia: { nodes: './gone.js' } }),
    );
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: skipped ${broken}: `);
    expect(r.stderr).toContain('nodes[0] is not a node definition');
    expect(r.stderr).toContain(`warning: skipped ${missing}: its nodes module`);
    expect(r.stdout).toContain('  - SpeechSegments (audio/analysis)');
    expect(r.stdout).toContain('  - VAD (audio/analysis)');
  });
  it('skips a dangling symlink in a plugin folder and keeps the plugins next to it', () => {
    const dir = withConfig('[nodes.native]\nplugin_dirs = ["./plugins"]\n');
    cpSync(join(examplesDir, 'plugins', 'speech-tools'), join(dir, 'plugins', 'speech-tools'), {
      recursive: true,
    });
    const dangling = join(dir, 'plugins', 'linked-away');
    symlinkSync(join(dir, 'no-such-plugin'), dangling);
    const r = cli(['nodes', 'list', '--runtime', 'ts'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`warning: skipped ${dangling}: not a readable folder\n`);
    expect(r.stdout).toContain('  - SpeechSegments (audio/analysis)');
  });

  it('reports a plugin that throws a non-Error value at import with that value', () => {
    const dir = withConfig('[nodes.native]\nplugin_dirs = ["./plugins"]\n');
    const thrower = join(dir, 'plugins', 'thrower');
    mkdirSync(thrower, { recursive: true });
    writeFileSync(
      join(thrower, 'package.json'),
      JSON.stringify({ name: 'thrower', type: 'module', remotemedia: { nodes: './nodes.js' } }),
    );
    writeFileSync(join(thrower, 'nodes.js'), 'throw "no model configured";\n');
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`warning: skipped ${thrower}: no model configured\n`);
    expect(r.stdout).toContain('  - VAD (audio/analysis)');
  });
});
