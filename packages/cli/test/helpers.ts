// Runs the built `remotemedia` binary as a subprocess, and makes speech fixtures with espeak-ng
// and sox whose speech positions are known.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { durationSeconds, spokenPhrase } from '../../../tools/testing/speech.js';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const examplesDir = fileURLToPath(new URL('../../../examples', import.meta.url));
export const bin = join(packageDir, 'bin', 'remotemedia.js');
export const nodesBin = join(packageDir, 'bin', 'remotemedia-nodes.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(
  args: string[],
  options: { cwd?: string; binary?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const r = spawnSync(process.execPath, [options.binary ?? bin, ...args], {
    cwd: options.cwd ?? packageDir,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliSpawn(args: string[], cwd = packageDir) {
  return spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'remotemedia-cli-'));
}

/** A new folder holding `remotemedia.toml` with `toml`. */
export function configDir(toml: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'remotemedia.toml'), toml);
  return dir;
}

/** Runs `remotemedia <args>` next to a remotemedia.toml of `toml`, expects exit code 1, returns stderr. */
export function refusedConfig(args: string[], toml: string, env: NodeJS.ProcessEnv = {}): string {
  const r = cli(args, { cwd: configDir(toml), env });
  expect(r.status).toBe(1);
  return r.stderr;
}

/** Writes plugin `name` under `pluginsDir`: a package.json naming `./nodes.js`, and that module. */
export function writePlugin(pluginsDir: string, name: string, nodesSource: string): string {
  const plugin = join(pluginsDir, name);
  mkdirSync(plugin, { recursive: true });
  writeFileSync(
    join(plugin, 'package.json'),
    JSON.stringify({ name, type: 'module', remotemedia: { nodes: './nodes.js' } }),
  );
  writeFileSync(join(plugin, 'nodes.js'), nodesSource);
  return plugin;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export interface Region {
  startMs: number;
  endMs: number;
}

/** Whether two regions share any time. */
export const overlaps = (a: Region, b: Region) => a.startMs < b.endMs && b.startMs < a.endMs;

/**
 * Runs `remotemedia run <pipeline> --input <input>` in `cwd`, expects a clean exit, and returns
 * the regions the `segments` node wrote to the results file `json`.
 */
export function runSegments(cwd: string, pipeline: string, input: string, json: string): Region[] {
  const r = cli(['run', pipeline, '--input', input, '--json', json], { cwd });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return readJson<{ outputs: { segments: { segments: Region[] } } }>(json).outputs.segments
    .segments;
}

/** The segment found for `speech`: there must be one, starting within `startToleranceMs`. */
export function segmentFor(segments: Region[], speech: Region, startToleranceMs: number): Region {
  const match = segments.find((s) => overlaps(s, speech));
  expect(match, `a segment for ${JSON.stringify(speech)}`).toBeDefined();
  expect(Math.abs((match as Region).startMs - speech.startMs)).toBeLessThanOrEqual(
    startToleranceMs,
  );
  return match as Region;
}

/** sox output options of the speech fixture (48 kHz, stereo, 16-bit): audio mixed into it matches. */
export const FIXTURE_FORMAT = ['-r', '48000', '-c', '2', '-b', '16'];

/**
 * 48 kHz stereo: 1 s silence, sentence A, 1.5 s silence, sentence B, 1 s silence. Each sentence
 * is trimmed of espeak's own leading/trailing silence, so the regions returned are exact.
 */
export function speechFixture(dir: string): { file: string; speech: Region[]; gap: Region } {
  const sentences = [
    'The quick brown fox jumps over the lazy dog.',
    'Speech detection finds this second sentence.',
  ];
  const parts = sentences.map((text, i) => spokenPhrase(dir, `speech${i}.wav`, text));
  const file = join(dir, 'speech.wav');
  const silence = (name: string, s: number) => {
    const f = join(dir, name);
    execFileSync('sox', ['-n', '-r', '22050', '-c', '1', f, 'trim', '0', String(s)]);
    return f;
  };
  const s1 = silence('s1.wav', 1);
  const s2 = silence('s2.wav', 1.5);
  const [a, b] = parts as [string, string];
  execFileSync('sox', [s1, a, s2, b, s1, ...FIXTURE_FORMAT, file, 'remix', '1', '1v0.8']);
  const aEnd = 1000 + durationSeconds(a) * 1000;
  const bStart = aEnd + 1500;
  const speech = [
    { startMs: 1000, endMs: aEnd },
    { startMs: bStart, endMs: bStart + durationSeconds(b) * 1000 },
  ];
  return { file, speech, gap: { startMs: aEnd, endMs: bStart } };
}

export function wavSeconds(file: string): number {
  return durationSeconds(file);
}

/**
 * The source of a plugin module exporting one TS node without params (category 'test');
 * `create` is the source of its `create() { ... }` method.
 */
export function pluginSource(
  type: string,
  description: string,
  ports: { inputs: object[]; outputs: object[] },
  create: string,
): string {
  const params = { type: 'object', additionalProperties: false, properties: {} };
  const metadata = { category: 'test', description, params, ...ports };
  return `export const nodes = [{
  type: ${JSON.stringify(type)},
  runtime: 'ts',
  metadata: ${JSON.stringify(metadata, null, 2)},
  ${create.trim()}
}];
`;
}
