// The options shared by the streaming detector, the one-shot functions and the node.
import type { NativeVadOptions } from '../binding.cjs';
import {
  checkChannels,
  checkFrameMs,
  checkMaxSpeechMs,
  checkMode,
  checkMs,
  checkRate,
  type FrameMs,
  invalidParam,
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
  /** Aggressiveness, 0-3 or its name. @default 'quality' (0) */
  mode?: VadMode;
  /** Decision frame length. @default 30 */
  frameMs?: FrameMs;
}

export const DEFAULTS = {
  channels: 1,
  mode: 0,
  frameMs: 30,
  speechPadMs: 30,
  minSpeechMs: 90,
  minSilenceMs: 300,
} as const;

/** Checks every option (naming the bad one) and fills in the defaults. */
export function checkOptions(options: unknown, segments: boolean): NativeVadOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidParam(
      'options must be an object { sampleRate, channels?, mode?, frameMs?, speechPadMs?, minSpeechMs?, minSilenceMs?, maxSpeechMs? }',
    );
  }
  const o = options as Record<string, unknown>;
  const checked: NativeVadOptions = {
    sampleRate: checkRate(o.sampleRate),
    channels: o.channels === undefined ? DEFAULTS.channels : checkChannels(o.channels),
    mode: o.mode === undefined ? DEFAULTS.mode : checkMode(o.mode),
    frameMs: o.frameMs === undefined ? DEFAULTS.frameMs : checkFrameMs(o.frameMs),
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
