// Option and argument checks done in TS, before crossing into native code, so messages name the
// argument and say what to do.
import {
  describeValue as describe,
  invalidInput,
  invalidParam,
  rejectUnknownKeys,
} from '@remotemedia/errors';

export { describe, invalidInput, invalidParam, rejectUnknownKeys };

export const MIN_RATE = 8_000;
export const MAX_RATE = 384_000;
export const MODES = ['quality', 'low-bitrate', 'aggressive', 'very-aggressive'] as const;
export type VadModeName = (typeof MODES)[number];
/** 0-3 or its name; higher modes call speech less often. */
export type VadMode = 0 | 1 | 2 | 3 | VadModeName;
export const FRAME_MS = [10, 20, 30] as const;
/** 10, 20 or 30 with webrtc-vad; 32 (the model's window) with Silero. */
export type FrameMs = (typeof FRAME_MS)[number] | typeof SILERO_FRAME_MS;
export const SILERO_FRAME_MS = 32;
export const ENGINES = ['webrtc', 'silero'] as const;
/** `webrtc`: webrtc-vad (libfvad), fast; `silero`: Silero VAD v6, more accurate in noise. */
export type VadEngine = (typeof ENGINES)[number];
/** Longest speechPadMs / minSpeechMs / minSilenceMs accepted. */
export const MAX_SETTING_MS = 60_000;
export const MIN_MAX_SPEECH_MS = 100;

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function checkRate(value: unknown, name = 'sampleRate'): number {
  if (!isInteger(value, MIN_RATE, MAX_RATE)) {
    throw invalidParam(
      `${name} must be an integer sample rate from ${MIN_RATE} to ${MAX_RATE} Hz, got ${describe(value)}`,
    );
  }
  return value;
}

export function checkChannels(value: unknown): number {
  if (!isInteger(value, 1, 64)) {
    throw invalidParam(`channels must be an integer from 1 to 64, got ${describe(value)}`);
  }
  return value;
}

/** Mode as its number, 0-3. */
export function checkMode(value: unknown): number {
  if (isInteger(value, 0, 3)) return value;
  const index = MODES.indexOf(value as VadModeName);
  if (index < 0) {
    throw invalidParam(
      `mode must be 0-3 or one of ${MODES.map((m) => `'${m}'`).join(', ')}, got ${describe(value)}`,
    );
  }
  return index;
}

export function checkEngine(value: unknown): VadEngine {
  if (!ENGINES.includes(value as VadEngine)) {
    throw invalidParam(`engine must be 'webrtc' or 'silero', got ${describe(value)}`);
  }
  return value as VadEngine;
}

export function checkFrameMs(value: unknown, engine: VadEngine = 'webrtc'): FrameMs {
  if (engine === 'silero') {
    if (value !== SILERO_FRAME_MS) {
      throw invalidParam(
        `frameMs must be ${SILERO_FRAME_MS} with engine 'silero' (the model's window), got ${describe(value)}`,
      );
    }
    return SILERO_FRAME_MS;
  }
  if (!(FRAME_MS as readonly unknown[]).includes(value)) {
    throw invalidParam(
      `frameMs must be 10, 20 or 30 with engine 'webrtc' (the frame lengths webrtc-vad supports), got ${describe(value)}`,
    );
  }
  return value as FrameMs;
}

/** A probability strictly between `min` and 1 (`min` itself allowed when `inclusive`). */
export function checkProbability(value: unknown, name: string, min = 0, inclusive = false): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value < 1 &&
    (inclusive ? value >= min : value > min);
  if (!ok) {
    throw invalidParam(
      `${name} must be a number from ${min} to 1 (${inclusive ? 'inclusive' : 'exclusive'} of ${min}, exclusive of 1), got ${describe(value)}`,
    );
  }
  return value;
}

export function checkMs(value: unknown, name: string): number {
  if (!isInteger(value, 0, MAX_SETTING_MS)) {
    throw invalidParam(
      `${name} must be an integer from 0 to ${MAX_SETTING_MS} ms, got ${describe(value)}`,
    );
  }
  return value;
}

export function checkMaxSpeechMs(value: unknown): number | undefined {
  if (value === undefined || value === Number.POSITIVE_INFINITY) return undefined;
  if (!isInteger(value, MIN_MAX_SPEECH_MS, 2 ** 32 - 1)) {
    throw invalidParam(
      `maxSpeechMs must be an integer of at least ${MIN_MAX_SPEECH_MS} ms, or Infinity / unset for no limit, got ${describe(value)}`,
    );
  }
  return value;
}

export type Samples = Float32Array | Int16Array;

export function checkSamples(value: unknown, channels: number, name = 'samples'): Samples {
  if (!(value instanceof Float32Array) && !(value instanceof Int16Array)) {
    throw invalidInput(`${name} must be a Float32Array or an Int16Array, got ${describe(value)}`);
  }
  if (value.length === 0) {
    throw invalidInput(`${name} is empty; pass at least one sample (any length works, even 1)`);
  }
  if (value.length % channels !== 0) {
    throw invalidInput(
      `${name} length ${value.length} is not a multiple of ${channels} channels; pass whole interleaved frames`,
    );
  }
  return value;
}
