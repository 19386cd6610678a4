// The frames of one connection, timestamped from the stream start, queued for the pipeline. It
// exists from `start` on, so audio that arrives while the nodes are created is kept.
import type { AudioFrame } from '@remotemedia/core';
import { PushSource } from './push-source.js';

export interface FeedFormat {
  sampleRate: number;
  channels: number;
}

export class FrameFeed {
  readonly source = new PushSource<AudioFrame>();
  readonly #format: FeedFormat;
  #samplesIn = 0;

  constructor(format: FeedFormat) {
    this.#format = format;
  }

  /** Milliseconds of audio received so far. */
  get receivedMs(): number {
    return (this.#samplesIn / this.#format.sampleRate) * 1000;
  }

  push(samples: Float32Array): void {
    const frame: AudioFrame = {
      samples,
      sampleRate: this.#format.sampleRate,
      channels: this.#format.channels,
      timestamp: this.receivedMs,
    };
    this.#samplesIn += samples.length / this.#format.channels;
    this.source.push(frame);
  }
}
