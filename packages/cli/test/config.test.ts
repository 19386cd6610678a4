// remotemedia.toml: errors with line numbers, plugins found through plugin_dirs, broken ones skipped.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, configDir, examplesDir, refusedConfig, tempDir, writePlugin } from './helpers.js';

/** `remotemedia nodes list` refuses `toml` with exit code 1; returns what it printed on stderr. */
const refused = (toml: string) => refusedConfig(['nodes', 'list'], toml);

describe('remotemedia.toml errors', () => {
  it('names every unknown key with its line', () => {
    const stderr = refused(
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
    expect(stderr).toContain('error ERR_INVALID_PARAM: remotemedia.toml has 4 problems');
    expect(stderr).toContain(
      "remotemedia.toml:4: unknown key 'plugin_dir' in [nodes.native]; allowed: packages, plugin_dirs",
    );
    expect(stderr).toContain("remotemedia.toml:9: unknown key 'modul' in nodes.python.nodes[1]");
    expect(stderr).toContain("remotemedia.toml:9: nodes.python.nodes[1] needs 'module'");
    expect(stderr).toContain("remotemedia.toml:12: unknown key 'pyhton' at the top level");
  });

  it.each([
    [
      'names wrong value types with their line',
      '[python]\nexecutable = "python3"\nworkers = 0\n',
      ['remotemedia.toml:3: python.workers must be an integer from 1 to 64'],
    ],
    [
      'checks the [remote] table',
      '[remote]\nservers = "nats://a:4222"\ntags = { gpu = true }\n',
      [
        'remotemedia.toml:2: remote.servers must be an array of non-empty strings',
        'remotemedia.toml:3: remote.tags must be a table of strings, e.g. { gpu = "true" }',
      ],
    ],
    [
      'reports a TOML syntax error with its line',
      '[nodes.native]\npackages = ["a",\nplugin_dirs = 3\n',
      [/remotemedia\.toml:3: invalid TOML/],
    ],
  ])('%s', (_title, toml, problems: (string | RegExp)[]) => {
    const stderr = refused(toml);
    for (const problem of problems) expect(stderr).toMatch(problem);
  });

  it('uses --config over ./remotemedia.toml and fails with ERR_IO when it is missing', () => {
    const r = cli(['-c', 'missing.toml', 'nodes', 'list'], { cwd: tempDir() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_IO: cannot read config');
  });
});

describe('plugins', () => {
  it('finds plugins through plugin_dirs', () => {
    const dir = configDir(
      `[nodes.native]\nplugin_dirs = [${JSON.stringify(join(examplesDir, 'plugins'))}]\n`,
    );
    const r = cli(['nodes', 'list', '--runtime', 'ts'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'TypeScript nodes:\n  - SpeechGate (audio/filter)\n  - SpeechSegments (audio/analysis)\n',
    );
  });

  it('skips a broken plugin with a warning naming its path, and keeps the others', () => {
    const dir = configDir('[nodes.native]\nplugin_dirs = ["./plugins"]\n');
    cpSync(join(examplesDir, 'plugins', 'speech-tools'), join(dir, 'plugins', 'speech-tools'), {
      recursive: true,
    });
    const broken = writePlugin(
      join(dir, 'plugins'),
      'broken',
      'export const nodes = [{ type: "Half" }];\n',
    );
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
    const dir = configDir('[nodes.native]\nplugin_dirs = ["./plugins"]\n');
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
    const dir = configDir('[nodes.native]\nplugin_dirs = ["./plugins"]\n');
    const thrower = writePlugin(join(dir, 'plugins'), 'thrower', 'throw "no model configured";\n');
    const r = cli(['nodes', 'list'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`warning: skipped ${thrower}: no model configured\n`);
    expect(r.stdout).toContain('  - VAD (audio/analysis)');
  });
});
