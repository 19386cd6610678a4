// The speech fixture shared with the Rust tests (crates/vad/tests/fixtures, made by
// make-fixtures.sh), decoded with @remotemedia/node-format and resampled with the same library
// the detector uses, so the tests need no tool at run time.
import { readFileSync } from 'node:fs';
import { decodeWav } from '@remotemedia/node-format';

const wav = decodeWav(
  readFileSync(new URL('../../../crates/vad/tests/fixtures/speech.wav', import.meta.url)),
);

/** Two spoken sentences with pauses and low noise, 16 kHz mono, in [-1, 1). */
export const speech16k: Float32Array = wav.samples;
export const FIXTURE_RATE = wav.sampleRate;

export function toInt16(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
}

/** Linear-interpolated copy at another rate: crude, but speech stays speech for the detector. */
export function atRate(samples: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const x = (i * from) / to;
    const k = Math.floor(x);
    const a = samples[k] ?? 0;
    const b = samples[k + 1] ?? a;
    out[i] = a + (b - a) * (x - k);
  }
  return out;
}
