// The options shared by the streaming detector, the one-shot functions and the node.
import type { NativeVadOptions } from '../binding.cjs';
import {
  checkChannels,
  checkEngine,
  checkFrameMs,
  checkMaxSpeechMs,
  checkMode,
  checkMs,
  checkProbability,
  checkRate,
  type FrameMs,
  invalidParam,
  rejectUnknownKeys,
  SILERO_FRAME_MS,
  type VadEngine,
  type VadMode,
} from './validate.js';

/** How per-frame decisions become speech segments (all in ms). */
export interface SegmentOptions {
  /** Pre-roll before the first speech frame and post-roll after the last. @default 30 */
  speechPadMs?: number;
  /** Speech shorter than this (bridged pauses included) is ignored. @default 90 */
  minSpeechMs?: number;
  /** Silence that ends a segment (the hangover); shorter pauses are bridged. @default 300 */
  minSilenceMs?: number;
  /** Longer segments are closed and a new one starts. @default Infinity */
  maxSpeechMs?: number;
}

export interface VadOptions extends SegmentOptions {
  /** Input rate in Hz: 8/16/32/48 kHz go straight in, other rates (8,000-384,000) are resampled. */
  sampleRate: number;
  /** Interleaved input channels; more than one are averaged to mono. @default 1 */
  channels?: number;
  /**
   * The detector: `'webrtc'` (webrtc-vad, ~3 us per frame) or `'silero'` (Silero VAD v6, a
   * neural network: better at telling speech from noise, ~20x the cost). @default 'webrtc'
   */
  engine?: VadEngine;
  /** webrtc-vad's aggressiveness, 0-3 or its name (not used by Silero). @default 'quality' (0) */
  mode?: VadMode;
  /** Decision frame length: 10, 20 or 30 with webrtc; 32 with silero. @default 30 (silero: 32) */
  frameMs?: FrameMs;
  /** Silero: a frame at or above this speech probability starts speech. @default 0.5 */
  threshold?: number;
  /** Silero: speech lasts until the probability falls below this. @default threshold - 0.15 */
  negThreshold?: number;
}

/** Every option key `VadOptions` accepts (unknown keys are refused). */
export const VAD_OPTION_KEYS = [
  'sampleRate',
  'channels',
  'engine',
  'mode',
  'frameMs',
  'threshold',
  'negThreshold',
  'speechPadMs',
  'minSpeechMs',
  'minSilenceMs',
  'maxSpeechMs',
] as const;

export const DEFAULTS = {
  channels: 1,
  engine: 'webrtc',
  threshold: 0.5,
  mode: 0,
  frameMs: 30,
  speechPadMs: 30,
  minSpeechMs: 90,
  minSilenceMs: 300,
} as const;

/** Checks every option (naming the bad one) and fills in the defaults. */
export function checkOptions(
  options: unknown,
  segments: boolean,
  extraKeys?: readonly string[],
): NativeVadOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidParam(
      'options must be an object { sampleRate, channels?, engine?, mode?, frameMs?, threshold?, negThreshold?, speechPadMs?, minSpeechMs?, minSilenceMs?, maxSpeechMs? }',
    );
  }
  const o = options as Record<string, unknown>;
  rejectUnknownKeys(
    o,
    extraKeys === undefined ? VAD_OPTION_KEYS : [...VAD_OPTION_KEYS, ...extraKeys],
    'option',
    'Vad',
  );
  const engine = o.engine === undefined ? DEFAULTS.engine : checkEngine(o.engine);
  const threshold =
    o.threshold === undefined ? DEFAULTS.threshold : checkProbability(o.threshold, 'threshold');
  const negThreshold =
    o.negThreshold === undefined
      ? Math.max(threshold - 0.15, 0.01)
      : checkProbability(o.negThreshold, 'negThreshold', 0, true);
  if (negThreshold > threshold) {
    throw invalidParam(
      `negThreshold must not be above threshold (${threshold}), got ${negThreshold}`,
    );
  }
  const defaultFrameMs = engine === 'silero' ? SILERO_FRAME_MS : DEFAULTS.frameMs;
  const checked: NativeVadOptions = {
    sampleRate: checkRate(o.sampleRate),
    channels: o.channels === undefined ? DEFAULTS.channels : checkChannels(o.channels),
    engine,
    mode: o.mode === undefined ? DEFAULTS.mode : checkMode(o.mode),
    frameMs: o.frameMs === undefined ? defaultFrameMs : checkFrameMs(o.frameMs, engine),
    threshold,
    negThreshold,
    segments,
    speechPadMs:
      o.speechPadMs === undefined ? DEFAULTS.speechPadMs : checkMs(o.speechPadMs, 'speechPadMs'),
    minSpeechMs:
      o.minSpeechMs === undefined ? DEFAULTS.minSpeechMs : checkMs(o.minSpeechMs, 'minSpeechMs'),
    minSilenceMs:
      o.minSilenceMs === undefined
        ? DEFAULTS.minSilenceMs
        : checkMs(o.minSilenceMs, 'minSilenceMs'),
  };
  const max = checkMaxSpeechMs(o.maxSpeechMs);
  if (max !== undefined) checked.maxSpeechMs = max;
  return checked;
}
