// A WAV file holds one format, but a pipeline may change its output's rate or channel count
// mid-stream (a node that switches model, a branch that starts later). Frames in another format
// are converted to the first frame's: channels are mixed down or copied up, rates resampled with a
// streaming resampler per run of frames at one rate (flushed when the rate changes), so no audio
// is dropped and the timeline stays continuous.
import type { AudioFrame } from '@remotemedia/core';

export interface AudioFormat {
  sampleRate: number;
  channels: number;
}

/** The pieces of node-format and node-resample the conversion uses (loaded by `run` only). */
export interface ConvertTools {
  downmix(samples: Float32Array, channels: number): Float32Array;
  upmix(samples: Float32Array, channels: number): Float32Array;
  createResampler(from: number, to: number, channels: number): StreamingResampler;
}

export interface StreamingResampler {
  process(input: Float32Array): Float32Array;
  flush(): Float32Array;
}

export class AudioConformer {
  readonly target: AudioFormat;
  readonly #tools: ConvertTools;
  #resampler: { from: number; stream: StreamingResampler } | undefined;
  /** Frames that were converted, for the run's warning. */
  converted = 0;

  constructor(target: AudioFormat, tools: ConvertTools) {
    this.target = { sampleRate: target.sampleRate, channels: target.channels };
    this.#tools = tools;
  }

  /** `frame`'s audio in the target format (copies: upstream nodes may reuse their buffers). */
  push(frame: AudioFrame): Float32Array[] {
    const { sampleRate, channels } = this.target;
    const chunks: Float32Array[] = [];
    if (this.#resampler !== undefined && this.#resampler.from !== frame.sampleRate) {
      chunks.push(this.#endResampler());
    }
    if (frame.sampleRate === sampleRate && frame.channels === channels) {
      chunks.push(frame.samples.slice());
      return chunks;
    }
    this.converted++;
    const mixed = this.#mix(frame);
    if (frame.sampleRate === sampleRate) {
      chunks.push(mixed);
      return chunks;
    }
    this.#resampler ??= {
      from: frame.sampleRate,
      stream: this.#tools.createResampler(frame.sampleRate, sampleRate, channels),
    };
    // The resampler's output view is reused on its next call: keep a copy.
    chunks.push(this.#resampler.stream.process(mixed).slice());
    return chunks;
  }

  /** The tail of a resampler still holding audio. */
  flush(): Float32Array[] {
    return this.#resampler === undefined ? [] : [this.#endResampler()];
  }

  #endResampler(): Float32Array {
    const tail = (this.#resampler as { stream: StreamingResampler }).stream.flush().slice();
    this.#resampler = undefined;
    return tail;
  }

  #mix(frame: AudioFrame): Float32Array {
    const { channels } = this.target;
    if (frame.channels === channels) return frame.samples.slice();
    // Any layout to mono, then mono to the target: both steps return new arrays.
    const mono =
      frame.channels === 1 ? frame.samples : this.#tools.downmix(frame.samples, frame.channels);
    return channels === 1 ? mono : this.#tools.upmix(mono, channels);
  }
}
