// `remotemedia run` on the examples, with audio whose speech positions are known (also under
// noise, through denoise-vad); the progress bar under a pseudo-terminal; Ctrl-C writing what was
// produced.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bin,
  cli,
  cliSpawn,
  examplesDir,
  FIXTURE_FORMAT,
  overlaps,
  readJson,
  runSegments,
  segmentFor,
  speechFixture,
  tempDir,
  wavSeconds,
} from './helpers.js';

const segmentsExample = join(examplesDir, 'vad-segments');
const trimExample = join(examplesDir, 'vad-trim');
const asset = join(examplesDir, 'assets', 'speech-48k-stereo.wav');

// VAD segments start up to one decision frame early (pre-roll) and end after the hangover.
const START_TOLERANCE_MS = 120;
const END_TOLERANCE_MS = 450;

let dir: string;
let fixture: ReturnType<typeof speechFixture>;
beforeAll(() => {
  dir = tempDir();
  fixture = speechFixture(dir);
});

describe('example vad-segments (format -> resample -> VAD -> segments)', () => {
  it.each(['pipeline.yaml', 'pipeline-silero.yaml'])(
    '%s finds each sentence of the generated audio, and nothing in the pause between them',
    (pipeline) => {
      const json = join(dir, `segments-${pipeline}.json`);
      const segments = runSegments(segmentsExample, pipeline, fixture.file, json);
      for (const speech of fixture.speech) {
        const match = segmentFor(segments, speech, START_TOLERANCE_MS);
        expect(match.endMs).toBeGreaterThanOrEqual(speech.endMs - 200);
        expect(match.endMs).toBeLessThanOrEqual(speech.endMs + END_TOLERANCE_MS);
      }
      const pause = {
        startMs: fixture.gap.startMs + END_TOLERANCE_MS,
        endMs: fixture.gap.endMs - START_TOLERANCE_MS,
      };
      expect(segments.filter((s) => overlaps(s, pause))).toEqual([]);
    },
  );

  it('prints a metrics summary and writes them to the results', () => {
    const json = join(dir, 'asset.json');
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '--json', json], { cwd: segmentsExample });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^processed 9\.96 s of audio in [\d.]+ s \([\d.]+x realtime\)/);
    expect(r.stdout).toMatch(/node\s+calls\s+in\s+out\s+errors\s+p50 ms\s+p95 ms\s+p99 ms/);
    expect(r.stdout).toMatch(/\nresample\s+\d+\s+499\s+/);
    const results = readJson<{
      metrics: { nodes: Record<string, { framesIn: number }> };
      interrupted: boolean;
    }>(json);
    expect(results.interrupted).toBe(false);
    expect(results.metrics.nodes.mono?.framesIn).toBe(499); // 9.965 s in 20 ms frames
  });
});

describe('example vad-trim (VAD-gated trimming)', () => {
  it('writes only the speech: both sentences, without the silences', () => {
    const out = join(dir, 'trimmed.wav');
    const r = cli(['run', 'pipeline.yaml', '-i', fixture.file, '-o', out], { cwd: trimExample });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const speechSeconds = fixture.speech.reduce((s, x) => s + (x.endMs - x.startMs), 0) / 1000;
    const trimmed = wavSeconds(out);
    expect(trimmed).toBeGreaterThan(speechSeconds - 0.4);
    expect(trimmed).toBeLessThan(wavSeconds(fixture.file) - 2);
    expect(execFileSync('soxi', ['-r', out], { encoding: 'utf8' }).trim()).toBe('48000');
    expect(execFileSync('soxi', ['-c', out], { encoding: 'utf8' }).trim()).toBe('1');
  });
});

describe('terminal behaviour', () => {
  it('draws the progress bar with the x-realtime speed under a pseudo-terminal', () => {
    const command = [process.execPath, bin, 'run', 'pipeline.yaml', '-i', asset, '--realtime']
      .map((a) => `'${a}'`)
      .join(' ');
    // The pipeline runs in real time here so the bar is redrawn while it runs.
    const screen = execFileSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
      cwd: segmentsExample,
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm' },
    });
    expect(screen).toMatch(/\d+% \| [\d.]+\/9\.96 s \| [\d.]+x realtime/);
    expect(screen).toContain('100% | 9.96/9.96 s');
    expect(screen).toContain('processed 9.96 s of audio');
  });

  it('stays quiet without a TTY', () => {
    const r = cli(['run', 'pipeline.yaml', '-i', asset], { cwd: segmentsExample });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('%');
  });

  it('stops cleanly on Ctrl-C and writes what was produced', async () => {
    const out = join(dir, 'partial.wav');
    const json = join(dir, 'partial.json');
    const child = cliSpawn(
      ['run', 'pipeline.yaml', '-i', fixture.file, '-o', out, '--json', json, '--realtime'],
      trimExample,
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // The file (about 9 s, speech from 1 s) is fed at real time once the process has started
    // (Node, addons, catalog: up to a few seconds on a loaded machine). At 5 s some speech has
    // been fed and the end is still far.
    await new Promise((r) => setTimeout(r, 5000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toContain('stopping: flushing what was produced');
    expect(code).toBe(130);
    const results = readJson<{ interrupted: boolean; processedMs: number }>(json);
    expect(results.interrupted).toBe(true);
    expect(results.processedMs).toBeLessThan(wavSeconds(fixture.file) * 1000);
    expect(existsSync(out)).toBe(true);
    expect(wavSeconds(out)).toBeGreaterThan(0);
  });
});

describe('example denoise-vad (format -> denoise -> resample -> VAD -> segments)', () => {
  let noisy: string;
  beforeAll(() => {
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

  it('finds each sentence of noisy speech and nothing in the pause', () => {
    const example = join(examplesDir, 'denoise-vad');
    const segments = runSegments(example, 'pipeline.yaml', noisy, join(dir, 'denoised.json'));
    for (const speech of fixture.speech) segmentFor(segments, speech, 150);
    const pause = { startMs: fixture.gap.startMs + 450, endMs: fixture.gap.endMs - 150 };
    expect(segments.filter((s) => overlaps(s, pause))).toEqual([]);
  });
});
