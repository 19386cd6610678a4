// The options shared by the streaming class and the one-shot functions.
import { rejectUnknownKeys } from '@remotemedia/errors';
import { checkChannels, checkQuality, checkRate, invalidParam, type Quality } from './validate.js';

export interface ResampleOptions {
  /** Input sample rate in Hz, an integer in 8,000..384,000. */
  from: number;
  /** Output sample rate in Hz, an integer in 8,000..384,000. */
  to: number;
  /** Interleaved channels. @default 1 */
  channels?: number;
  /** @default 'high' */
  quality?: Quality;
}

export type CheckedOptions = Required<ResampleOptions>;

const OPTION_KEYS = ['from', 'to', 'channels', 'quality'] as const;

export function checkOptions(options: unknown): CheckedOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidParam('options must be an object { from, to, channels?, quality? }');
  }
  const o = options as Record<string, unknown>;
  rejectUnknownKeys(o, OPTION_KEYS, 'option', 'Resampler');
  return {
    from: checkRate(o.from, 'from'),
    to: checkRate(o.to, 'to'),
    channels: o.channels === undefined ? 1 : checkChannels(o.channels),
    quality: o.quality === undefined ? 'high' : checkQuality(o.quality),
  };
}
