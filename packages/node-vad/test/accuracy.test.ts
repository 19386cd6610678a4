// Frame accuracy on a noisy corpus built here: espeak-ng sentences in several voices over white,
// pink and brown noise at 5, 10 and 20 dB SNR, 16 kHz, truth from the clean speech (10 ms
// energy frames, pauses shorter than 150 ms inside words and between them bridged). Silero must
// score within 0.005 F1 of the reference (the silero-vad package's model run by onnxruntime in
// Python, the .venv tools/test-python.sh installs) in every condition, and beat webrtc-vad
// (mode 2, as the engine comparison in the README) by at least 0.03 F1 overall.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '@remotemedia/node-format';
import { afterAll, describe, expect, it } from 'vitest';
import { concat } from '../../../tools/testing/typed-arrays.js';
import { Vad, type VadOptions } from '../src/index.js';

const RATE = 16_000;
const WINDOW_MS = 32;
const SILERO = { engine: 'silero', threshold: 0.5, negThreshold: 0.35 } as const;
const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const PYTHON = process.env.REMOTEMEDIA_PYTHON ?? repoFile('.venv/bin/python');
const dir = mkdtempSync(join(tmpdir(), 'vad-accuracy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UTTERANCES = [
  ['en-us', 'Please turn the lights off in the kitchen before you leave the house.'],
  ['en-gb+f3', 'The meeting moved to Thursday at four, so bring the quarterly report.'],
  ['en-us+m3', 'Seven hundred people signed the petition within a single afternoon.'],
  ['en-gb', 'Could you send me the address of the new office again, please?'],
  ['en-us+f4', 'The train was late, and nobody told us which platform to wait on.'],
] as const;

function wav(input: string, name: string, effects: string[] = []): Float32Array {
  const file = join(dir, name);
  // -R: sox's noise is seeded, so the corpus is the same on every run.
  execFileSync('sox', ['-R', input, '-r', String(RATE), '-b', '16', '-c', '1', file, ...effects]);
  return decodeWav(readFileSync(file)).samples;
}

/** The clean corpus: each utterance, then 0.6-1.4 s of silence. */
function cleanCorpus(): Float32Array {
  const parts: Float32Array[] = [new Float32Array(RATE / 2)];
  UTTERANCES.forEach(([voice, text], i) => {
    const raw = join(dir, `u${i}.wav`);
    execFileSync('espeak-ng', ['-v', voice, '-s', '165', '-w', raw, text]);
    parts.push(wav(raw, `u${i}-16k.wav`), new Float32Array(((6 + ((i * 2) % 9)) * RATE) / 10));
  });
  return concat(parts);
}

/** Speech per ms of the clean signal. */
function truth(clean: Float32Array): Uint8Array {
  const ms = Math.floor(clean.length / (RATE / 1000));
  const frame = RATE / 100;
  let peak = 0;
  for (const v of clean) peak = Math.max(peak, Math.abs(v));
  const floor = (peak * 0.02) ** 2;
  const active: boolean[] = [];
  for (let f = 0; f * frame + frame <= clean.length; f++) {
    let energy = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) energy += (clean[i] as number) ** 2;
    active.push(energy / frame > floor);
  }
  const out = new Uint8Array(ms);
  let last = -1_000;
  active.forEach((on, f) => {
    if (!on) return;
    const from = f - last <= 15 ? last + 1 : f; // bridge gaps up to 150 ms
    out.fill(1, from * 10, (f + 1) * 10);
    last = f;
  });
  return out;
}

function noisy(clean: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const speechPower = clean.reduce((s, v) => s + v * v, 0);
  const noisePower = noise.reduce((s, v) => s + v * v, 0);
  const gain = Math.sqrt(speechPower / noisePower / 10 ** (snrDb / 10));
  return clean.map((v, i) => Math.max(-1, Math.min(1, v + gain * (noise[i] as number))));
}

/** Speech per ms as our detector decides it. */
function detected(audio: Float32Array, ms: number, options: Omit<VadOptions, 'sampleRate'>) {
  using vad = new Vad({ sampleRate: RATE, ...options });
  const got = new Uint8Array(ms);
  for (const d of [...vad.process(audio), ...vad.flush()]) {
    if (d.speech) got.fill(1, d.startMs, Math.min(d.endMs, ms));
  }
  return got;
}

/** The reference's speech probability per 32 ms window of each of `audios`, in one process. */
function referenceProbabilities(audios: Float32Array[]): number[][] {
  if (!existsSync(PYTHON)) {
    throw new Error(
      `${PYTHON} is missing: run bash tools/test-python.sh (it installs the reference)`,
    );
  }
  const files = audios.map((audio, i) => {
    const file = join(dir, `reference-${i}.f32`);
    writeFileSync(file, new Uint8Array(audio.buffer, audio.byteOffset, audio.byteLength));
    return file;
  });
  const script = repoFile('crates/silero/scripts/onnx_reference.py');
  const out = JSON.parse(
    execFileSync(PYTHON, [script, String(RATE), ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as Record<string, number[]>;
  return files.map((file) => out[file] as number[]);
}

/** Speech per ms from window probabilities, with the engine's hysteresis (SILERO's thresholds). */
function decided(probabilities: number[], ms: number): Uint8Array {
  const got = new Uint8Array(ms);
  let speech = false;
  probabilities.forEach((p, k) => {
    if (p >= SILERO.threshold) speech = true;
    else if (p < SILERO.negThreshold) speech = false;
    if (speech) got.fill(1, k * WINDOW_MS, Math.min((k + 1) * WINDOW_MS, ms));
  });
  return got;
}

function f1(got: Uint8Array, want: Uint8Array) {
  let [tp, fp, fn] = [0, 0, 0];
  for (let i = 0; i < want.length; i++) {
    if (got[i] && want[i]) tp++;
    else if (got[i]) fp++;
    else if (want[i]) fn++;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

describe('accuracy on espeak-ng speech in noise', () => {
  it('silero matches the onnxruntime reference in every condition and beats webrtc-vad by 0.03 F1', {
    timeout: 600_000,
  }, () => {
    const clean = cleanCorpus();
    const want = truth(clean);
    const seconds = clean.length / RATE;
    const conditions: { noise: string; snr: number; audio: Float32Array }[] = [];
    for (const color of ['whitenoise', 'pinknoise', 'brownnoise']) {
      const source = wav('-n', `${color}.wav`, ['synth', String(seconds), color]);
      for (const snr of [5, 10, 20]) {
        conditions.push({ noise: color, snr, audio: noisy(clean, source, snr) });
      }
    }
    const reference = referenceProbabilities(conditions.map((c) => c.audio));
    const rows = conditions.map(({ noise, snr, audio }, i) => ({
      noise,
      snr,
      silero: f1(detected(audio, want.length, SILERO), want),
      reference: f1(decided(reference[i] as number[], want.length), want),
      webrtc: f1(detected(audio, want.length, { mode: 'aggressive' }), want),
    }));
    console.table(
      rows.map((r) => ({
        ...r,
        silero: r.silero.toFixed(3),
        reference: r.reference.toFixed(3),
        webrtc: r.webrtc.toFixed(3),
      })),
    );
    for (const row of rows) {
      expect(row.reference, `${row.noise} ${row.snr} dB`).toBeGreaterThan(0.8);
      expect(row.silero, `${row.noise} ${row.snr} dB`).toBeGreaterThanOrEqual(
        row.reference - 0.005,
      );
    }
    const mean = (key: 'silero' | 'webrtc') => rows.reduce((s, r) => s + r[key], 0) / rows.length;
    expect(mean('silero')).toBeGreaterThan(0.8);
    expect(mean('silero')).toBeGreaterThanOrEqual(mean('webrtc') + 0.03);
  });
});
