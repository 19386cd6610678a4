// A noisy-speech corpus built on the spot, the same on every run: espeak-ng sentences in several
// voices separated by pauses, sox's seeded white/pink/brown noise, mixed at a chosen SNR, and the
// speech truth per ms taken from the clean signal. Shared by the accuracy tests of VAD and
// denoise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concat } from './typed-arrays.js';

export const UTTERANCES = [
  ['en-us', 'Please turn the lights off in the kitchen before you leave the house.'],
  ['en-gb+f3', 'The meeting moved to Thursday at four, so bring the quarterly report.'],
  ['en-us+m3', 'Seven hundred people signed the petition within a single afternoon.'],
  ['en-gb', 'Could you send me the address of the new office again, please?'],
  ['en-us+f4', 'The train was late, and nobody told us which platform to wait on.'],
] as const;

export const NOISES = ['whitenoise', 'pinknoise', 'brownnoise'] as const;
export type NoiseColor = (typeof NOISES)[number];

/** Speech in one noise color at one SNR (dB). */
export interface Mixture {
  noise: NoiseColor;
  snr: number;
  audio: Float32Array;
}

/** Builds corpus audio at `rate` Hz, mono, in a scratch folder removed by `dispose()`. */
export class SpeechCorpus {
  readonly rate: number;
  readonly #dir = mkdtempSync(join(tmpdir(), 'speech-corpus-'));

  constructor(rate: number) {
    this.rate = rate;
  }

  /** `input` (a file, or '-n' with synth effects) as 16-bit mono at the corpus rate. */
  #audio(input: string, name: string, effects: string[] = []): Float32Array {
    const file = join(this.#dir, name);
    // -R: sox's noise is seeded, so the corpus is the same on every run.
    const args = ['-R', input, '-r', String(this.rate), '-b', '16', '-e', 'signed', '-c', '1'];
    execFileSync('sox', [...args, '-t', 'raw', file, ...effects]);
    const raw = readFileSync(file);
    const pcm = new Int16Array(raw.buffer, raw.byteOffset, raw.length >> 1);
    return Float32Array.from(pcm, (v) => v / 32_768);
  }

  /** Each utterance, then 0.6-1.4 s of silence, after 0.5 s of silence. */
  clean(): Float32Array {
    const parts: Float32Array[] = [new Float32Array(this.rate / 2)];
    UTTERANCES.forEach(([voice, text], i) => {
      const raw = join(this.#dir, `u${i}.wav`);
      execFileSync('espeak-ng', ['-v', voice, '-s', '165', '-w', raw, text]);
      const pause = ((6 + ((i * 2) % 9)) * this.rate) / 10;
      parts.push(this.#audio(raw, `u${i}.raw`), new Float32Array(pause));
    });
    return concat(parts);
  }

  /** `seconds` of seeded noise of one color. */
  noise(color: NoiseColor, seconds: number): Float32Array {
    return this.#audio('-n', `${color}.raw`, ['synth', String(seconds), color]);
  }

  /** `clean` in each noise color at each SNR (dB), as long as `clean`: the test conditions. */
  mixtures(clean: Float32Array, snrsDb: number[]): Mixture[] {
    return NOISES.flatMap((color) => {
      const noise = this.noise(color, clean.length / this.rate);
      return snrsDb.map((snr) => ({ noise: color, snr, audio: noisy(clean, noise, snr) }));
    });
  }

  dispose(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** The noise scaled so that speech / noise power is `snrDb`. */
export function scaledNoise(clean: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const speechPower = clean.reduce((s, v) => s + v * v, 0);
  const noisePower = noise.reduce((s, v) => s + v * v, 0);
  const gain = Math.sqrt(speechPower / noisePower / 10 ** (snrDb / 10));
  return noise.map((v) => v * gain);
}

/** Speech plus noise at `snrDb`, clipped to [-1, 1]. */
export function noisy(clean: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const scaled = scaledNoise(clean, noise, snrDb);
  return clean.map((v, i) => Math.max(-1, Math.min(1, v + (scaled[i] as number))));
}

/**
 * Speech per ms of the clean signal: 10 ms frames above 2% of the peak amplitude (energy), with
 * pauses up to 150 ms inside and between words bridged.
 */
export function speechTruth(clean: Float32Array, rate: number): Uint8Array {
  const ms = Math.floor(clean.length / (rate / 1000));
  const frame = rate / 100;
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

/** What a voice activity detector says about a span of audio. */
interface Decision {
  speech: boolean;
  startMs: number;
  endMs: number;
}

/** Speech per ms over the first `ms` ms, as `vad` decides it on `audio` (processed, then flushed). */
export function vadSpeech(
  vad: { process(audio: Float32Array): Decision[]; flush(): Decision[] },
  audio: Float32Array,
  ms: number,
): Uint8Array {
  const got = new Uint8Array(ms);
  for (const d of [...vad.process(audio), ...vad.flush()]) {
    if (d.speech) got.fill(1, d.startMs, Math.min(d.endMs, ms));
  }
  return got;
}

/** F1 of per-ms decisions `got` against `want`. */
export function frameF1(got: Uint8Array, want: Uint8Array): number {
  let [tp, fp, fn] = [0, 0, 0];
  for (let i = 0; i < want.length; i++) {
    if (got[i] && want[i]) tp++;
    else if (got[i]) fp++;
    else if (want[i]) fn++;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}
