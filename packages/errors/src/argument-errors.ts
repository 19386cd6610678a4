// The errors argument checks throw before crossing into native code, and how they show the
// value they got, shared so every package words them the same way.
import type { AudioFrame } from '@remotemedia/contract';
import { RemoteMediaError } from './remote-media-error.js';

/** A bad argument to a call (samples, buffers): ERR_INVALID_INPUT. */
export function invalidInput(message: string): RemoteMediaError {
  return new RemoteMediaError('ERR_INVALID_INPUT', message);
}

/** A bad constructor option or node param: ERR_INVALID_PARAM. */
export function invalidParam(message: string): RemoteMediaError {
  return new RemoteMediaError('ERR_INVALID_PARAM', message);
}

/** A short description of what was passed: `Int16Array(960)`, `Map`, `string 48k`, `undefined`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as Uint8Array).length})`;
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}

/** @deprecated The contract's AudioFrame (from @remotemedia/contract); kept for existing imports. */
export type AudioFrameShape = AudioFrame;

/** Throws ERR_INVALID_INPUT naming `node` unless `value` is an AudioFrame. */
export function expectAudioFrame(value: unknown, node: string): asserts value is AudioFrame {
  const frame = value as Partial<AudioFrame> | null;
  if (
    typeof frame !== 'object' ||
    frame === null ||
    !(frame.samples instanceof Float32Array) ||
    typeof frame.sampleRate !== 'number' ||
    typeof frame.channels !== 'number'
  ) {
    throw invalidInput(
      `${node} expects an AudioFrame { samples: Float32Array, sampleRate, channels }, got ${describeValue(value)}`,
    );
  }
}
