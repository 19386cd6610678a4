// The low-level streaming API of any kit node (`Denoiser` beside the `Denoise` node): plain
// Float32Array chunks in and out at a fixed input format, with no frames or timestamps, like
// `Vad` and `Resampler`. Every call runs the node's Rust code; nothing per node is written here.
import {
  describeValue,
  invalidInput,
  invalidParam,
  RemoteMediaError,
  rejectUnknownKeys,
} from '@remotemedia/errors';
import type { KitChainClass, KitChainHandle } from './kit-chain.js';
import { native } from './native-call.js';
import type { KitPort } from './node-set.js';
import { Info, reportFor } from './report.js';

export interface KitProcessorOptions<P = Record<string, unknown>> {
  /** Sample rate of the input chunks, in Hz. */
  sampleRate: number;
  /** Interleaved channels of the input chunks. @default 1 */
  channels?: number;
  /** The node's params, checked in Rust against its schema (the field is named when refused). */
  params?: P;
}

const OPTIONS = ['sampleRate', 'channels', 'params'] as const;

/**
 * One kit node as a stateful stream processor. Without `out`, audio is written into a buffer
 * owned by this instance and returned as a view: **the view is valid until the next call**; copy
 * it (`.slice()`) to keep it. A call with bad input throws a coded error and leaves the instance
 * usable; after `close()` every call throws ERR_CLOSED.
 */
export class KitProcessor<P = Record<string, unknown>> implements Disposable {
  /** The node type this processor runs, e.g. 'Denoise'. */
  readonly type: string;
  readonly sampleRate: number;
  readonly channels: number;
  readonly #name: string;
  readonly #outputs: readonly KitPort[];
  readonly #report = reportFor(1);
  #chain: KitChainHandle | undefined;
  #audio = new Float32Array(4096);
  #bytes = new Uint8Array(4096);
  #hasJson = false;

  constructor(
    KitChain: KitChainClass,
    node: { type: string; name: string; outputs: readonly KitPort[] },
    options: KitProcessorOptions<P>,
  ) {
    this.type = node.type;
    this.#name = node.name;
    this.#outputs = node.outputs;
    if (typeof options !== 'object' || options === null) {
      throw invalidParam(`${node.name} expects options { sampleRate, channels?, params? }`);
    }
    rejectUnknownKeys(options, OPTIONS, 'option', node.name);
    this.sampleRate = positiveInteger(options.sampleRate, 'sampleRate', node.name);
    this.channels = positiveInteger(options.channels ?? 1, 'channels', node.name);
    const params = JSON.stringify(options.params ?? {}) ?? 'undefined';
    this.#chain = native(() => new KitChain([node.type], [params]));
  }

  /** Sample rate of the latest output audio (the node may change it). */
  get outputSampleRate(): number {
    return this.#report[Info.sampleRate] || this.sampleRate;
  }

  /** Channels of the latest output audio (the node may change them). */
  get outputChannels(): number {
    return this.#report[Info.channels] || this.channels;
  }

  /** Runs one chunk (whole sample frames, any length); returns the audio that is ready. */
  process(input: Float32Array): Float32Array {
    const n = this.#run(input, this.#audio);
    return this.#ownAudio(n);
  }

  /** `process` into `out`; returns how many samples it wrote. ERR_INVALID_INPUT if `out` is too small. */
  processInto(input: Float32Array, out: Float32Array): number {
    expectF32(out, 'out', this.#name);
    return this.#fits(this.#run(input, out), out);
  }

  /** End of stream: the audio the node held back; then a new stream starts. */
  flush(): Float32Array {
    const chain = this.#open();
    const n = native(() => chain.flush(this.#audio, this.#report, this.#bytes));
    return this.#ownAudio(this.#after(n));
  }

  /** `flush` into `out`; returns how many samples it wrote. */
  flushInto(out: Float32Array): number {
    expectF32(out, 'out', this.#name);
    const chain = this.#open();
    return this.#fits(this.#after(native(() => chain.flush(out, this.#report, this.#bytes))), out);
  }

  /**
   * The latest call's values on the node's json ports (`{ probability: 0.93 }`), or undefined
   * when it emitted none. Times in them are relative to the stream's start.
   */
  json(): Record<string, unknown> | undefined {
    const chain = this.#open();
    if (!this.#hasJson) return undefined;
    const all = JSON.parse(native(() => chain.readJson(0))) as Record<string, unknown>;
    const ports = this.#outputs.filter((port) => port.type !== 'audio' && port.type !== 'bytes');
    return Object.fromEntries(ports.filter((p) => p.name in all).map((p) => [p.name, all[p.name]]));
  }

  /** The latest call's bytes output (a copy), or undefined when it emitted none. */
  bytes(): Uint8Array | undefined {
    const chain = this.#open();
    if (this.#report[Info.hasBytes] !== 1) return undefined;
    const out = new Uint8Array(this.#report[Info.bytesLength] as number);
    native(() => chain.readBytes(0, out));
    return out;
  }

  /** Drops all stream state (queued samples, filter memory) without output. */
  reset(): void {
    const chain = this.#open();
    native(() => chain.reset());
    this.#hasJson = false;
  }

  /** Frees the native state. Idempotent; any later call throws ERR_CLOSED. */
  close(): void {
    this.#chain?.close();
    this.#chain = undefined;
    this.#audio = new Float32Array(0);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #run(input: Float32Array, out: Float32Array): number {
    const chain = this.#open();
    expectF32(input, 'input', this.#name);
    const { sampleRate, channels } = this;
    return this.#after(
      native(() =>
        chain.process(input, sampleRate, channels, undefined, out, this.#report, this.#bytes),
      ),
    );
  }

  /** Records what the call emitted besides audio; returns the audio length (0 for none). */
  #after(n: number): number {
    this.#hasJson = (this.#report[Info.jsonCount] as number) > 0;
    return Math.max(n, 0);
  }

  /** The call's audio in this instance's buffer, read again when it did not fit. */
  #ownAudio(n: number): Float32Array {
    if (n > this.#audio.length) {
      this.#audio = new Float32Array(n * 2);
      const chain = this.#open();
      native(() => chain.readAudio(0, this.#audio));
    }
    return this.#audio.subarray(0, n);
  }

  #fits(n: number, out: Float32Array): number {
    if (n > out.length) {
      throw invalidInput(
        `${this.#name}: out holds ${out.length} samples but this call produced ${n}; pass a larger out`,
      );
    }
    return n;
  }

  #open(): KitChainHandle {
    if (this.#chain === undefined) {
      throw new RemoteMediaError(
        'ERR_CLOSED',
        `${this.#name} was used after close(); create a new one`,
      );
    }
    return this.#chain;
  }
}

function positiveInteger(value: unknown, name: string, owner: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 0xffff_ffff) {
    throw invalidParam(`${owner}: ${name} must be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

function expectF32(value: unknown, name: string, owner: string): void {
  if (!(value instanceof Float32Array)) {
    throw invalidInput(`${owner}: ${name} must be a Float32Array, got ${describeValue(value)}`);
  }
}
