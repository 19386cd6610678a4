// WAV files in memory: decode to interleaved f32, encode back. Sync for small buffers; the async
// variants run on the libuv thread pool and keep the event loop free for whole files.

import { callNative, callNativeAsync } from './native.js';
import type { LinearPcmFormat } from './sample-format.js';
import { describe, expectChannels, expectFloat32, invalidInput, invalidParam } from './validate.js';

export type WavFormat = LinearPcmFormat | 'f32';
export const WAV_FORMATS: readonly WavFormat[] = ['s16', 's24', 's32', 'u8', 'f32'];

export interface DecodedWav {
  /** Interleaved samples in [-1, 1]. */
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  /** The file's sample encoding, e.g. 's16'. */
  format: WavFormat | 'f64' | `s${number}`;
}

export interface WavAudio {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
}

export interface EncodeWavOptions {
  /** Sample encoding of the file. @default 's16' */
  format?: WavFormat;
  /** TPDF dither for integer formats. @default false */
  dither?: boolean;
  /** Seed for the dither noise. */
  seed?: number;
}

function checkBytes(input: unknown): asserts input is Uint8Array {
  if (!(input instanceof Uint8Array)) {
    throw invalidInput(
      `a WAV file must be given as a Buffer or Uint8Array, got ${describe(input)}`,
    );
  }
}

function encodeArgs(audio: WavAudio, options: EncodeWavOptions) {
  if (typeof audio !== 'object' || audio === null) {
    throw invalidInput('audio must be { samples, sampleRate, channels }');
  }
  expectFloat32(audio.samples, 'audio.samples');
  expectChannels(audio.channels, 'audio.channels');
  if (!Number.isInteger(audio.sampleRate) || audio.sampleRate <= 0) {
    throw invalidParam(
      `audio.sampleRate must be a positive integer, got ${describe(audio.sampleRate)}`,
    );
  }
  const format = options.format ?? 's16';
  if (!WAV_FORMATS.includes(format)) {
    throw invalidParam(
      `format must be one of ${WAV_FORMATS.map((f) => `'${f}'`).join(', ')}, got ${describe(format)}`,
    );
  }
  return [
    audio.samples,
    audio.sampleRate,
    audio.channels,
    format,
    options.dither === true,
    options.seed,
  ] as const;
}

/** Decodes a WAV file (PCM 8/16/24/32-bit, 32/64-bit float, WAVE_FORMAT_EXTENSIBLE, 1..64 channels). */
export function decodeWav(input: Uint8Array): DecodedWav {
  checkBytes(input);
  return callNative((n) => n.decodeWav(input)) as DecodedWav;
}

/** {@link decodeWav} on the thread pool. Do not modify `input` until the promise settles. */
export async function decodeWavAsync(input: Uint8Array): Promise<DecodedWav> {
  checkBytes(input);
  return (await callNativeAsync((n) => n.decodeWavAsync(input))) as DecodedWav;
}

/** Encodes interleaved f32 audio as a WAV file. */
export function encodeWav(audio: WavAudio, options: EncodeWavOptions = {}): Buffer {
  const args = encodeArgs(audio, options);
  return callNative((n) => n.encodeWav(...args));
}

/** {@link encodeWav} on the thread pool. Do not modify the samples until the promise settles. */
export async function encodeWavAsync(
  audio: WavAudio,
  options: EncodeWavOptions = {},
): Promise<Buffer> {
  const args = encodeArgs(audio, options);
  return (await callNativeAsync((n) => n.encodeWavAsync(...args))) as Buffer;
}
