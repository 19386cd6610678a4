// Frame accuracy on a noisy corpus built here: espeak-ng sentences in several voices over white,
// pink and brown noise at 5, 10 and 20 dB SNR, 16 kHz, truth from the clean speech (10 ms
// energy frames, pauses shorter than 150 ms inside words and between them bridged). Silero must
// beat webrtc-vad (mode 2, as the engine comparison in the README) by at least 0.03 F1 overall.
import { afterAll, describe, expect, it } from 'vitest';
import {
  frameF1,
  NOISES,
  noisy,
  SpeechCorpus,
  speechTruth,
} from '../../../tools/testing/speech-corpus.js';
import { Vad, type VadOptions } from '../src/index.js';

const RATE = 16_000;
const corpus = new SpeechCorpus(RATE);
afterAll(() => corpus.dispose());

function f1(audio: Float32Array, want: Uint8Array, options: Omit<VadOptions, 'sampleRate'>) {
  using vad = new Vad({ sampleRate: RATE, ...options });
  const got = new Uint8Array(want.length);
  for (const d of [...vad.process(audio), ...vad.flush()]) {
    if (d.speech) got.fill(1, d.startMs, Math.min(d.endMs, want.length));
  }
  return frameF1(got, want);
}

describe('accuracy on espeak-ng speech in noise', () => {
  it('silero beats webrtc-vad by at least 0.03 F1 overall', { timeout: 300_000 }, () => {
    const clean = corpus.clean();
    const want = speechTruth(clean, RATE);
    const seconds = clean.length / RATE;
    const rows: { noise: string; snr: number; silero: number; webrtc: number }[] = [];
    for (const color of NOISES) {
      const source = corpus.noise(color, seconds);
      for (const snr of [5, 10, 20]) {
        const audio = noisy(clean, source, snr);
        rows.push({
          noise: color,
          snr,
          silero: f1(audio, want, { engine: 'silero' }),
          webrtc: f1(audio, want, { mode: 'aggressive' }),
        });
      }
    }
    console.table(
      rows.map((r) => ({ ...r, silero: r.silero.toFixed(3), webrtc: r.webrtc.toFixed(3) })),
    );
    const mean = (key: 'silero' | 'webrtc') => rows.reduce((s, r) => s + r[key], 0) / rows.length;
    expect(mean('silero')).toBeGreaterThan(0.8);
    expect(mean('silero')).toBeGreaterThanOrEqual(mean('webrtc') + 0.03);
  });
});
