// The streaming detector: a thin wrapper over the native class that checks arguments, maps
// errors, keeps the stream clock and owns the reusable decision buffer.
import { RemoteMediaError } from '@remotemedia/errors';
import type { NativeSegmentEvent, NativeVad } from '../binding.cjs';
import { callNative } from './native.js';
import { checkOptions, type VadOptions } from './options.js';
import { checkSamples, describe, type FrameMs, invalidInput, type Samples } from './validate.js';

/** One frame's decision, in ms from the start of the stream. */
export interface VadDecision {
  startMs: number;
  endMs: number;
  speech: boolean;
  /** The engine's speech probability, 0-1 (webrtc-vad: 1 or 0). */
  probability: number;
}

/** A segment boundary, in ms from the start of the stream. */
export type SegmentEvent =
  | { type: 'speechStart'; startMs: number }
  | { type: 'speechEnd'; startMs: number; endMs: number };

export interface StreamingVadOptions extends VadOptions {
  /** Called with each segment event as soon as it is known (the segmenter runs only if set). */
  onSegment?: (event: SegmentEvent) => void;
}

/**
 * Streaming voice activity detection (webrtc-vad or Silero VAD v6) for any rate and any chunk
 * length.
 *
 * Frame `k` covers `[k * frameMs, (k + 1) * frameMs)` ms of input from the start of the stream,
 * whatever the input rate; chunking does not change the decisions.
 */
export class Vad implements Disposable {
  readonly sampleRate: number;
  readonly channels: number;
  readonly frameMs: FrameMs;
  readonly #native: NativeVad;
  readonly #onSegment: ((event: SegmentEvent) => void) | undefined;
  readonly #latencyMs: number;
  #decisions = new Uint8Array(64);
  #probabilities = new Float32Array(64);
  #frames = 0;
  #firstFrame = 0;
  #closed = false;

  constructor(options: StreamingVadOptions) {
    const onSegment = (options as { onSegment?: unknown } | null)?.onSegment;
    if (onSegment !== undefined && typeof onSegment !== 'function') {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `onSegment must be a function, got ${describe(onSegment)}`,
      );
    }
    const o = checkOptions(options, onSegment !== undefined, ['onSegment']);
    this.sampleRate = o.sampleRate;
    this.channels = o.channels;
    this.frameMs = o.frameMs as FrameMs;
    this.#onSegment = onSegment as ((event: SegmentEvent) => void) | undefined;
    this.#native = callNative((b) => new b.NativeVad(o));
    this.#latencyMs = this.#native.resamplerLatencyMs;
  }

  /** Start (ms) of the first frame decided by the last `process`/`processInto`/`flush` call. */
  get firstFrameStartMs(): number {
    return this.#firstFrame * this.frameMs;
  }

  /** Start (ms) of the next frame to be decided. */
  get nextFrameStartMs(): number {
    return this.#frames * this.frameMs;
  }

  /** Input time (ms) held back by internal resampling; 0 at 8/16/32/48 kHz. */
  get resamplerLatencyMs(): number {
    return this.#latencyMs;
  }

  /** Exactly how many decisions `processInto` writes for `inputLength` samples. */
  framesReady(inputLength: number): number {
    this.#checkOpen();
    return callNative(() => this.#native.framesReady(inputLength));
  }

  /** Feeds a chunk of any length; returns a decision per frame it completed. */
  process(samples: Samples): VadDecision[] {
    const n = this.processInto(samples, this.#own(samples));
    return this.#toDecisions(n);
  }

  /**
   * Allocation-free form: writes one byte per completed frame into `decisions` (1 = speech) and
   * returns the count; the first one starts at `firstFrameStartMs`. `decisions` must hold
   * `framesReady(samples.length)` bytes; a chunk of `d` ms never needs more than
   * `ceil((d + resamplerLatencyMs) / frameMs) + 1`. When `probabilities` is given, each frame's
   * speech probability is written there too (same length rule).
   */
  processInto(samples: Samples, decisions: Uint8Array, probabilities?: Float32Array): number {
    this.#checkOpen();
    checkSamples(samples, this.channels);
    if (!(decisions instanceof Uint8Array)) {
      throw invalidInput(`decisions must be a Uint8Array, got ${describe(decisions)}`);
    }
    if (probabilities !== undefined && !(probabilities instanceof Float32Array)) {
      throw invalidInput(`probabilities must be a Float32Array, got ${describe(probabilities)}`);
    }
    const probs = probabilities ?? this.#probabilitiesFor(decisions.length);
    const n =
      samples instanceof Float32Array
        ? callNative(() => this.#native.processF32(samples, decisions, probs))
        : callNative(() => this.#native.processI16(samples, decisions, probs));
    this.#advance(n);
    return n;
  }

  /**
   * Ends the stream: decides the frames still buffered (a last incomplete frame is dropped),
   * closes an open segment, and starts a new stream at 0 ms.
   */
  flush(): VadDecision[] {
    this.#checkOpen();
    const length = callNative(() => this.#native.flushLength());
    if (this.#decisions.length < length) this.#decisions = new Uint8Array(length);
    const probs = this.#probabilitiesFor(this.#decisions.length);
    const n = callNative(() => this.#native.flush(this.#decisions, probs));
    this.#advance(n);
    const out = this.#toDecisions(n);
    this.#frames = 0;
    return out;
  }

  /** Drops buffered input, the noise model and any open segment; the next chunk starts at 0 ms. */
  reset(): void {
    this.#checkOpen();
    callNative(() => this.#native.reset());
    this.#frames = 0;
    this.#firstFrame = 0;
  }

  /** Frees the native detector. Idempotent; any later call throws `ERR_CLOSED`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#native.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new RemoteMediaError('ERR_CLOSED', 'Vad was used after close(); create a new one');
    }
  }

  #own(samples: Samples): Uint8Array {
    const ms = (samples.length / this.channels / this.sampleRate) * 1000;
    const bound = Math.ceil((ms + this.#latencyMs) / this.frameMs) + 1;
    if (this.#decisions.length < bound) {
      this.#decisions = new Uint8Array(Math.max(bound, this.#decisions.length * 2));
    }
    return this.#decisions;
  }

  /** The internal probability buffer, at least `length` long (for callers that pass none). */
  #probabilitiesFor(length: number): Float32Array {
    if (this.#probabilities.length < length) this.#probabilities = new Float32Array(length);
    return this.#probabilities;
  }

  #advance(n: number): void {
    this.#firstFrame = this.#frames;
    this.#frames += n;
    if (this.#onSegment !== undefined && this.#native.pendingEvents > 0) {
      for (const event of callNative(() => this.#native.takeEvents())) {
        this.#onSegment(toEvent(event));
      }
    }
  }

  #toDecisions(n: number): VadDecision[] {
    const out: VadDecision[] = new Array(n);
    const ms = this.frameMs;
    for (let i = 0; i < n; i++) {
      const startMs = (this.#firstFrame + i) * ms;
      out[i] = {
        startMs,
        endMs: startMs + ms,
        speech: this.#decisions[i] === 1,
        probability: this.#probabilities[i] as number,
      };
    }
    return out;
  }
}

export function toEvent(event: NativeSegmentEvent): SegmentEvent {
  return event.type === 'speechStart'
    ? { type: 'speechStart', startMs: event.startMs }
    : { type: 'speechEnd', startMs: event.startMs, endMs: event.endMs ?? event.startMs };
}
