// A WAV file holds one format, but a pipeline may change its output's rate or channel count
// mid-stream (a node that switches model, a branch that starts later). Frames in another format
// are converted to the first frame's, by the rules of FormatConverter: to mono by averaging, from
// mono by copying, otherwise the first min(from, to) channels pass and the rest are silent. Rates
// are resampled with a streaming resampler per run of frames at one rate (flushed when the rate
// changes), so no audio is dropped and the timeline stays continuous. Empty frames carry nothing.
import type { AudioFrame } from '@remotemedia/core';

export interface AudioFormat {
  sampleRate: number;
  channels: number;
}

/** The pieces of node-format and node-resample the conversion uses (loaded by `run` only). */
export interface ConvertTools {
  downmix(samples: Float32Array, channels: number): Float32Array;
  upmix(samples: Float32Array, channels: number): Float32Array;
  /** `out[c] = sum_i matrix[c][i] * in[i]`. */
  remap(samples: Float32Array, matrix: number[][]): Float32Array;
  createResampler(from: number, to: number, channels: number): StreamingResampler;
}

export interface StreamingResampler {
  process(input: Float32Array): Float32Array;
  flush(): Float32Array;
  /** Frees the native state. */
  close(): void;
}

export class AudioConformer {
  readonly target: AudioFormat;
  readonly #tools: ConvertTools;
  #resampler: { from: number; stream: StreamingResampler } | undefined;
  /** Pass-through matrices by input channel count (the same object lets remap cache it). */
  readonly #matrices = new Map<number, number[][]>();
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
    if (frame.samples.length === 0) return chunks;
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
    const { stream } = this.#resampler as { stream: StreamingResampler };
    this.#resampler = undefined;
    try {
      return stream.flush().slice();
    } finally {
      stream.close();
    }
  }

  #mix(frame: AudioFrame): Float32Array {
    const to = this.target.channels;
    const from = frame.channels;
    if (from === to) return frame.samples.slice();
    if (to === 1) return this.#tools.downmix(frame.samples, from);
    if (from === 1) return this.#tools.upmix(frame.samples, to);
    let matrix = this.#matrices.get(from);
    if (matrix === undefined) {
      matrix = Array.from({ length: to }, (_, out) =>
        Array.from({ length: from }, (_, input) => (input === out ? 1 : 0)),
      );
      this.#matrices.set(from, matrix);
    }
    return this.#tools.remap(frame.samples, matrix);
  }
}
