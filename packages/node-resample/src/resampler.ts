// The streaming resampler: a thin wrapper over the native class that validates arguments, maps
// errors and owns the reusable output buffers.
import { RemoteMediaError } from '@remotemedia/errors';
import type { NativeResampler } from '../binding.cjs';
import { callNative } from './native.js';
import { type CheckedOptions, checkOptions, type ResampleOptions } from './options.js';
import { expectArray, invalidInput, type Quality } from './validate.js';

/**
 * Fixed-ratio streaming resampler for interleaved audio.
 *
 * Output frame `k` is the input signal at time `k / to` (no leading group delay), and after
 * `flush()` the stream has produced exactly `round(inputFrames * to / from)` frames whatever the
 * chunking; chunked output equals one-shot output.
 *
 * Without `out`, results are written into a buffer owned by this instance and returned as a view:
 * **the view is only valid until the next call on this instance**. Copy it (`.slice()`) to keep it.
 */
export class Resampler implements Disposable {
  readonly from: number;
  readonly to: number;
  readonly channels: number;
  readonly quality: Quality;
  readonly #native: NativeResampler;
  readonly #blockIn: number;
  readonly #blockOut: number;
  #f32 = new Float32Array(0);
  #i16 = new Int16Array(0);
  #closed = false;

  constructor(options: ResampleOptions) {
    const o: CheckedOptions = checkOptions(options);
    ({ from: this.from, to: this.to, channels: this.channels, quality: this.quality } = o);
    this.#native = callNative((b) => new b.NativeResampler(o.from, o.to, o.channels, o.quality));
    const [blockIn = 1, blockOut = 1] = this.#native.blockSizes;
    this.#blockIn = blockIn;
    this.#blockOut = blockOut;
  }

  /** Most output frames held back at any moment (the block being filled plus half the filter). */
  get latency(): number {
    this.#checkOpen();
    return callNative(() => this.#native.latency);
  }

  /** Exactly how many samples the next `process(input)` with `inputLength` samples returns. */
  outputLength(inputLength: number): number {
    this.#checkOpen();
    return callNative(() => this.#native.outputLength(inputLength));
  }

  /** Resamples a chunk of any length (whole frames); returns the samples that are ready. */
  process(input: Float32Array, out?: Float32Array): Float32Array {
    this.#checkOpen();
    expectArray(input, Float32Array, 'input');
    const own = () => this.#ownF32(this.#bound(input.length));
    return this.#write(Float32Array, out, own, (target) => this.#native.process(input, target));
  }

  /** `process` for 16-bit PCM; conversion happens natively (rounded, clipped, no dither). */
  processInt16(input: Int16Array, out?: Int16Array): Int16Array {
    this.#checkOpen();
    expectArray(input, Int16Array, 'input');
    const own = () => this.#ownI16(this.#bound(input.length));
    return this.#write(Int16Array, out, own, (target) => this.#native.processInt16(input, target));
  }

  /** Ends the stream: returns the remaining output, then starts a fresh stream. */
  flush(out?: Float32Array): Float32Array {
    this.#checkOpen();
    const own = () => this.#ownF32(this.#flushBound());
    return this.#write(Float32Array, out, own, (target) => this.#native.flush(target));
  }

  flushInt16(out?: Int16Array): Int16Array {
    this.#checkOpen();
    const own = () => this.#ownI16(this.#flushBound());
    return this.#write(Int16Array, out, own, (target) => this.#native.flushInt16(target));
  }

  /** Drops queued input and filter state; the next `process` starts a new stream. */
  reset(): void {
    this.#checkOpen();
    callNative(() => this.#native.reset());
  }

  /** Frees the native state. Idempotent; any later call throws `ERR_CLOSED`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#native.close();
    this.#f32 = new Float32Array(0);
    this.#i16 = new Int16Array(0);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new RemoteMediaError(
        'ERR_CLOSED',
        'Resampler was used after close(); create a new one',
      );
    }
  }

  /** Upper bound of samples `process` can return for `inputLength` samples, without a native call. */
  #bound(inputLength: number): number {
    if (inputLength % this.channels !== 0) {
      throw invalidInput(
        `input length ${inputLength} is not a multiple of ${this.channels} channels; pass whole interleaved frames`,
      );
    }
    const frames = inputLength / this.channels;
    const blocks = Math.floor((frames + this.#blockIn - 1) / this.#blockIn);
    return blocks * this.#blockOut * this.channels;
  }

  /**
   * Runs `native` into `out` (checked) or, without one, into this resampler's buffer from `own`;
   * returns the part it wrote.
   */
  #write<T extends Float32Array | Int16Array>(
    kind: { new (length: number): T; name: string },
    out: T | undefined,
    own: () => T,
    native: (target: T) => number,
  ): T {
    if (out !== undefined) expectArray(out, kind, 'out');
    const target = out ?? own();
    return target.subarray(
      0,
      callNative(() => native(target)),
    ) as T;
  }

  #flushBound(): number {
    return callNative(() => this.#native.flushLength());
  }

  #ownF32(length: number): Float32Array {
    if (this.#f32.length < length) this.#f32 = new Float32Array(grow(this.#f32.length, length));
    return this.#f32;
  }

  #ownI16(length: number): Int16Array {
    if (this.#i16.length < length) this.#i16 = new Int16Array(grow(this.#i16.length, length));
    return this.#i16;
  }
}

/** Doubling growth, so a stream of varying chunk sizes settles on one buffer quickly. */
function grow(current: number, needed: number): number {
  return Math.max(needed, current * 2);
}
