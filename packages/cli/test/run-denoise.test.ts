// `remotemedia run` on examples/denoise-vad: noisy speech whose sentence positions are known goes
// through FormatConverter -> Denoise -> AudioResample -> VAD; the segments must find each
// sentence and nothing in the pause.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  examplesDir,
  type Region,
  readJson,
  speechFixture,
  tempDir,
  wavSeconds,
} from './helpers.js';

const example = join(examplesDir, 'denoise-vad');
const overlaps = (a: Region, b: Region) => a.startMs < b.endMs && b.startMs < a.endMs;

let dir: string;
let fixture: ReturnType<typeof speechFixture>;
let noisy: string;
beforeAll(() => {
  dir = tempDir();
  fixture = speechFixture(dir);
  // Pink noise about 10 dB under the speech, over the whole file (pauses included).
  const noise = join(dir, 'noise.wav');
  const seconds = String(wavSeconds(fixture.file));
  execFileSync('sox', [
    '-R',
    '-n',
    '-r',
    '48000',
    '-c',
    '2',
    '-b',
    '16',
    noise,
    'synth',
    seconds,
    'pinknoise',
    'vol',
    '0.08',
  ]);
  noisy = join(dir, 'noisy.wav');
  execFileSync('sox', ['-m', fixture.file, noise, noisy]);
});

describe('example denoise-vad (format -> denoise -> resample -> VAD -> segments)', () => {
  it('finds each sentence of noisy speech and nothing in the pause', () => {
    const json = join(dir, 'segments.json');
    const r = cli(['run', 'pipeline.yaml', '--input', noisy, '--json', json], {
      cwd: example,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = readJson<{ outputs: { segments: { segments: Region[] } } }>(json);
    const segments = results.outputs.segments.segments;
    for (const speech of fixture.speech) {
      const match = segments.find((s) => overlaps(s, speech));
      expect(match, `a segment for ${JSON.stringify(speech)}`).toBeDefined();
      expect(Math.abs((match as Region).startMs - speech.startMs)).toBeLessThanOrEqual(150);
    }
    const pause = { startMs: fixture.gap.startMs + 450, endMs: fixture.gap.endMs - 150 };
    expect(segments.filter((s) => overlaps(s, pause))).toEqual([]);
  });
});
