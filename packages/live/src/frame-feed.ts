// The frames of one connection, timestamped from the stream start, queued for the pipeline. It
// exists from `start` on, so audio that arrives while the nodes are created is kept. Frames are
// decoded into buffers of the stream's pool, which the pipeline recycles once it has read them.
import { type AudioFrame, FramePool } from '@remotemedia/core';
import { decodeAudio } from './codec.js';
import { BYTES_PER_SAMPLE, type Encoding } from './protocol.js';
import { PushSource } from './push-source.js';

export interface FeedFormat {
  sampleRate: number;
  channels: number;
}

export class FrameFeed {
  readonly source = new PushSource<AudioFrame>();
  /** The pipeline stream's pool: decoded frames draw from it and go back to it. */
  readonly pool = new FramePool();
  readonly #format: FeedFormat;
  #samplesIn = 0;

  constructor(format: FeedFormat) {
    this.#format = format;
  }

  /** Milliseconds of audio received so far. */
  get receivedMs(): number {
    return (this.#samplesIn / this.#format.sampleRate) * 1000;
  }

  /** Decodes one binary message of `encoding` (its length already checked) and queues it. */
  push(bytes: Uint8Array, encoding: Encoding): void {
    const count = bytes.byteLength / BYTES_PER_SAMPLE[encoding];
    const timestamp = this.receivedMs;
    this.#samplesIn += count / this.#format.channels;
    // Audio after the end is counted as received, and not decoded for nobody.
    if (this.source.ended) return;
    const frame: AudioFrame = {
      samples: decodeAudio(bytes, encoding, this.pool.acquire(count)),
      sampleRate: this.#format.sampleRate,
      channels: this.#format.channels,
      timestamp,
    };
    this.source.push(frame);
  }
}
