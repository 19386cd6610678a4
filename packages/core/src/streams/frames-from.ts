// Raw PCM bytes (a socket, a child's stdout, a file stream: chunks of any size) -> AudioFrames of
// a fixed duration with timestamps counted in samples, so they never drift.

import type { AudioFrame } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { FramePool } from './frame-pool.js';
import { attachPool } from './source-pool.js';
import { attachStop, openSource } from './stop-source.js';

export interface FramesFromOptions {
  sampleRate: number;
  channels: number;
  /** Little-endian 16-bit integers or 32-bit floats. */
  format: 's16' | 'f32';
  /** Frame duration. @default 20 */
  frameMs?: number;
  /**
   * Draw frame buffers from this pool (each frame holds its buffer once: release `frame.samples`
   * when done). Without one, the frames draw from a pool of their own. Either way, `stream()`
   * given these frames takes them over and recycles their buffers into that pool.
   */
  pool?: FramePool;
}

type ByteChunk = Uint8Array | ArrayBuffer | string;

function checkOptions(o: FramesFromOptions): number {
  const frameMs = o.frameMs ?? 20;
  const bad = (field: string, value: unknown, rule: string): never => {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `framesFrom: ${field} must be ${rule}, got ${String(value)}`,
    );
  };
  if (!Number.isInteger(o.sampleRate) || o.sampleRate < 1)
    bad('sampleRate', o.sampleRate, 'a positive integer');
  if (!Number.isInteger(o.channels) || o.channels < 1 || o.channels > 64)
    bad('channels', o.channels, 'an integer 1..64');
  if (o.format !== 's16' && o.format !== 'f32') bad('format', o.format, "'s16' or 'f32'");
  const frames = Math.round((o.sampleRate * frameMs) / 1000);
  if (!(frameMs > 0) || frames < 1) bad('frameMs', frameMs, 'long enough for at least one sample');
  return frames;
}

/**
 * Cuts a byte stream of interleaved PCM into AudioFrames of `frameMs` (the last one may be
 * shorter). Timestamps are ms from the first sample. Frame buffers come from `options.pool` (or a
 * pool of its own), which `stream()` recycles into when given these frames.
 */
export function framesFrom(
  source: AsyncIterable<ByteChunk> | Iterable<ByteChunk>,
  options: FramesFromOptions,
): AsyncGenerator<AudioFrame, void, undefined> {
  const pool = options?.pool ?? new FramePool();
  const reading: ReadingHandle = { stop: () => {} };
  const frames = cutFrames(source, options, pool, reading);
  return attachStop(attachPool(frames, pool), () => reading.stop());
}

/** Set once the frames start reading their source: ends a read still pending there. */
interface ReadingHandle {
  stop(): void;
}

async function* cutFrames(
  source: AsyncIterable<ByteChunk> | Iterable<ByteChunk>,
  options: FramesFromOptions,
  pool: FramePool,
  reading: ReadingHandle,
): AsyncGenerator<AudioFrame, void, undefined> {
  const framesPerChunk = checkOptions(options);
  const { sampleRate, channels, format } = options;
  const bytesPerSample = format === 's16' ? 2 : 4;
  const frameLength = framesPerChunk * channels;
  // Acquired when the first sample of a frame arrives, so no buffer is left lent at the end.
  let samples: Float32Array | undefined;
  let filled = 0;
  let sampleFramesOut = 0;
  const carry = new Uint8Array(bytesPerSample);
  let carried = 0;
  const emit = (full: Float32Array, length: number): AudioFrame => {
    const frame: AudioFrame = {
      samples: length === frameLength ? full : full.subarray(0, length),
      sampleRate,
      channels,
      timestamp: (sampleFramesOut * 1000) / sampleRate,
    };
    sampleFramesOut += length / channels;
    return frame;
  };
  const decode = (view: DataView, at: number): number =>
    format === 's16' ? view.getInt16(at, true) / 32768 : view.getFloat32(at, true);

  const reader = openSource(source);
  let stopped = false;
  reading.stop = () => {
    stopped = true;
    reader.stop();
  };
  let ended = false;
  let failed = false;
  try {
    for (;;) {
      const { value: chunk, done } = await reader.next();
      if (done === true) {
        ended = true;
        break;
      }
      const bytes =
        typeof chunk === 'string'
          ? new TextEncoder().encode(chunk)
          : chunk instanceof ArrayBuffer
            ? new Uint8Array(chunk)
            : chunk;
      let offset = 0;
      if (carried > 0) {
        // Finish the sample split across the previous chunk boundary.
        const take = Math.min(bytesPerSample - carried, bytes.length);
        carry.set(bytes.subarray(0, take), carried);
        carried += take;
        offset = take;
        if (carried < bytesPerSample) continue;
        samples ??= pool.acquire(frameLength);
        samples[filled++] = decode(new DataView(carry.buffer), 0);
        carried = 0;
        if (filled === frameLength) {
          yield emit(samples, frameLength);
          samples = undefined;
          filled = 0;
        }
      }
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const whole = offset + Math.floor((bytes.length - offset) / bytesPerSample) * bytesPerSample;
      for (let at = offset; at < whole; at += bytesPerSample) {
        samples ??= pool.acquire(frameLength);
        samples[filled++] = decode(view, at);
        if (filled === frameLength) {
          yield emit(samples, frameLength);
          samples = undefined;
          filled = 0;
        }
      }
      for (let at = whole; at < bytes.length; at++) carry[carried++] = bytes[at] as number;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (!ended) {
      // Stopped early: the half-filled frame's buffer goes back to the pool, and the source is
      // released as for-await's break does (quietly when an error is already on its way out).
      if (samples !== undefined) pool.release(samples);
      if (failed) await reader.close().catch(() => undefined);
      else await reader.close();
    }
  }
  // Stopped mid-read: what was cut so far is not wanted, and a half sample is no fault.
  if (stopped) {
    if (samples !== undefined) pool.release(samples);
    return;
  }
  if (carried > 0 || filled % channels !== 0) {
    if (samples !== undefined) pool.release(samples);
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `PCM stream ended inside a ${carried > 0 ? 'sample' : 'multi-channel frame'}: its length is not a whole number of ${channels}-channel ${format} sample frames`,
    );
  }
  if (samples !== undefined && filled > 0) yield emit(samples, filled);
}
