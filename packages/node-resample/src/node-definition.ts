// The AudioResample node for the registry of @remotemedia/core (structurally typed: this package
// does not depend on core at run time).
import { expectAudioFrame, RemoteMediaError, rejectUnknownKeys } from '@remotemedia/errors';
import { kitMetadata, kitNative } from './kit.js';
import { Resampler } from './resampler.js';
import {
  checkChannels,
  checkQuality,
  checkRate,
  invalidInput,
  invalidParam,
  type Quality,
} from './validate.js';

export interface AudioFrame {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  timestamp?: number;
}

export interface AudioResampleParams {
  /** Expected input rate; by default taken from the first frame. Frames at another rate are rejected. */
  from?: number;
  /** Output rate in Hz. */
  to: number;
  /** @default 'high' */
  quality?: Quality;
  /** Expected channel count; by default taken from the first frame. */
  channels?: number;
}

export const AudioResampleMetadata = kitMetadata('AudioResample');
const allowedParams = Object.keys(AudioResampleMetadata.params.properties);

function checkParams(params: unknown): AudioResampleParams & { quality: Quality } {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw invalidParam('AudioResample params must be an object { to, from?, quality?, channels? }');
  }
  const p = params as Record<string, unknown>;
  rejectUnknownKeys(p, allowedParams, 'param', 'AudioResample');
  const checked: AudioResampleParams & { quality: Quality } = {
    to: checkRate(p.to, 'to'),
    quality: p.quality === undefined ? 'high' : checkQuality(p.quality),
  };
  if (p.from !== undefined) checked.from = checkRate(p.from, 'from');
  if (p.channels !== undefined) checked.channels = checkChannels(p.channels);
  return checked;
}

export class AudioResampleInstance {
  readonly #params: AudioResampleParams & { quality: Quality };
  #resampler: Resampler | undefined;
  /** Output frames emitted in the current stream, and the stream's first timestamp (ms). */
  #framesOut = 0;
  #startMs: number | undefined;
  #started = false;
  #closed = false;

  constructor(params: AudioResampleParams) {
    this.#params = checkParams(params);
  }

  /** Returns the resampled frame, or `undefined` while the first block is still filling. */
  process(frame: AudioFrame): AudioFrame | undefined {
    this.#checkOpen();
    const resampler = this.#resamplerFor(frame);
    if (!this.#started) {
      this.#started = true;
      this.#startMs = frame.timestamp;
    }
    // Frames go to consumers that may keep them, so each output gets its own copy.
    return this.#frame(resampler.process(frame.samples).slice());
  }

  /** End of stream: the remaining output, then the node is ready for a new stream. */
  flush(): AudioFrame | undefined {
    this.#checkOpen();
    if (this.#resampler === undefined) return undefined;
    const out = this.#frame(this.#resampler.flush().slice());
    this.#framesOut = 0;
    this.#started = false;
    return out;
  }

  close(): void {
    this.#closed = true;
    this.#resampler?.close();
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new RemoteMediaError('ERR_CLOSED', 'AudioResample was used after close()');
    }
  }

  #resamplerFor(frame: AudioFrame): Resampler {
    expectAudioFrame(frame, 'AudioResample');
    const from = this.#resampler?.from ?? this.#params.from ?? frame.sampleRate;
    const channels = this.#resampler?.channels ?? this.#params.channels ?? frame.channels;
    if (frame.sampleRate !== from) {
      throw invalidInput(
        `frame sample rate ${frame.sampleRate} Hz does not match the stream's ${from} Hz; a rate change needs a new AudioResample (or flush and a node configured for it)`,
      );
    }
    if (frame.channels !== channels) {
      throw invalidInput(
        `frame has ${frame.channels} channels but the stream has ${channels}; convert the layout first (FormatConverter)`,
      );
    }
    this.#resampler ??= new Resampler({
      from,
      to: this.#params.to,
      channels,
      quality: this.#params.quality,
    });
    return this.#resampler;
  }

  #frame(samples: Float32Array): AudioFrame | undefined {
    const resampler = this.#resampler as Resampler;
    if (samples.length === 0) return undefined;
    const out: AudioFrame = { samples, sampleRate: resampler.to, channels: resampler.channels };
    if (this.#startMs !== undefined) {
      out.timestamp = this.#startMs + (this.#framesOut * 1000) / resampler.to;
    }
    this.#framesOut += samples.length / resampler.channels;
    return out;
  }
}

/** Node definition for the registry: `NodeRegistry.builder().rust(AudioResample)`. */
export const AudioResample = {
  type: 'AudioResample',
  runtime: 'rust',
  metadata: AudioResampleMetadata,
  native: kitNative,
  create(params: AudioResampleParams): AudioResampleInstance {
    return new AudioResampleInstance(params);
  },
} as const;
