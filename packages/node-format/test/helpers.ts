// Test helpers: WAV fixtures made by sox (a tool other than ours) in a temp folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const fixtureDir = mkdtempSync(join(tmpdir(), 'remotemedia-format-'));

/** Makes a WAV with sox: a different tone per channel so channel order is checked too. */
export function soxWav(
  name: string,
  args: { rate: number; channels: number; encoding: readonly string[] },
) {
  const path = join(fixtureDir, name);
  const tones = Array.from({ length: args.channels }, (_, c) => [
    'sine',
    String(300 + 200 * c),
  ]).flat();
  execFileSync('sox', [
    '-n',
    '-r',
    String(args.rate),
    '-c',
    String(args.channels),
    ...args.encoding,
    path,
    'synth',
    '0.25',
    ...tones,
    'vol',
    '0.5',
  ]);
  return path;
}

/** sox's own decoding of a file to interleaved f32, the reference we compare with. */
export function soxDecode(path: string): Float32Array {
  const raw = execFileSync('sox', [
    path,
    '-t',
    'f32',
    '-e',
    'floating-point',
    '-b',
    '32',
    '-L',
    '-',
  ]);
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

export function read(path: string): Buffer {
  return readFileSync(path);
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}
