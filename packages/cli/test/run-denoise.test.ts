// `remotemedia run` on examples/denoise-vad: noisy speech whose sentence positions are known goes
// through FormatConverter -> Denoise -> AudioResample -> VAD; the segments must find each
// sentence and nothing in the pause.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  examplesDir,
  FIXTURE_FORMAT,
  overlaps,
  runSegments,
  segmentFor,
  speechFixture,
  tempDir,
  wavSeconds,
} from './helpers.js';

const example = join(examplesDir, 'denoise-vad');

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
    ...FIXTURE_FORMAT,
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
    const segments = runSegments(example, 'pipeline.yaml', noisy, join(dir, 'segments.json'));
    for (const speech of fixture.speech) segmentFor(segments, speech, 150);
    const pause = { startMs: fixture.gap.startMs + 450, endMs: fixture.gap.endMs - 150 };
    expect(segments.filter((s) => overlaps(s, pause))).toEqual([]);
  });
});
