// Frame accuracy on a noisy corpus built here: espeak-ng sentences in several voices over white,
// pink and brown noise at 5, 10 and 20 dB SNR, 16 kHz, truth from the clean speech (10 ms
// energy frames, pauses shorter than 150 ms inside words and between them bridged). Silero must
// score within 0.005 F1 of the reference (the silero-vad package's model run by onnxruntime in
// Python, the .venv tools/test-python.sh installs) in every condition, and beat webrtc-vad
// (mode 2, as the engine comparison in the README) by at least 0.03 F1 overall.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  frameF1,
  SpeechCorpus,
  speechTruth,
  vadSpeech,
} from '../../../tools/testing/speech-corpus.js';
import { Vad, type VadOptions } from '../src/index.js';

const RATE = 16_000;
const WINDOW_MS = 32;
const SILERO = { engine: 'silero', threshold: 0.5, negThreshold: 0.35 } as const;
const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const PYTHON = process.env.REMOTEMEDIA_PYTHON ?? repoFile('.venv/bin/python');
const corpus = new SpeechCorpus(RATE);
const dir = mkdtempSync(join(tmpdir(), 'vad-accuracy-'));
afterAll(() => {
  corpus.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Speech per ms as our detector decides it. */
function detected(audio: Float32Array, ms: number, options: Omit<VadOptions, 'sampleRate'>) {
  using vad = new Vad({ sampleRate: RATE, ...options });
  return vadSpeech(vad, audio, ms);
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

describe('accuracy on espeak-ng speech in noise', () => {
  it('silero matches the onnxruntime reference in every condition and beats webrtc-vad by 0.03 F1', {
    timeout: 600_000,
  }, () => {
    const clean = corpus.clean();
    const want = speechTruth(clean, RATE);
    const conditions = corpus.mixtures(clean, [5, 10, 20]);
    const reference = referenceProbabilities(conditions.map((c) => c.audio));
    const rows = conditions.map(({ noise, snr, audio }, i) => ({
      noise,
      snr,
      silero: frameF1(detected(audio, want.length, SILERO), want),
      reference: frameF1(decided(reference[i] as number[], want.length), want),
      webrtc: frameF1(detected(audio, want.length, { mode: 'aggressive' }), want),
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
