// Runs one KitChain (one node, or several nodes of one package binary) and hands back the tail
// node's output in the node contract's shape: the value of its one port, or a record of ports.
// Timestamps and json times come from Rust; this only copies what Rust computed into JS values.
import { Buffer } from 'node:buffer';
import type { AudioFrame } from '@remotemedia/contract';
import type { KitChainClass, KitChainHandle } from './kit-chain.js';
import { native } from './native-call.js';
import type { KitPort } from './node-set.js';
import { INFO_LENGTH, Info, reportFor } from './report.js';

export interface KitRunOptions {
  /** Where output frames get their samples (a stream's pool); fresh arrays by default. */
  acquire?: ((length: number) => Float32Array) | undefined;
  /** Hand on the input frame itself when the tail's audio is that frame unchanged. */
  passInput?: boolean | undefined;
}

export class KitRun {
  /** The latest call's report: the tail's output info, then per-node stats (see report.ts). */
  readonly report: Float64Array;
  readonly #chain: KitChainHandle;
  readonly #tail: number;
  readonly #outputs: readonly KitPort[];
  readonly #acquire: (length: number) => Float32Array;
  readonly #passInput: boolean;
  readonly #probe = new Float64Array(INFO_LENGTH);
  #audio = new Float32Array(4096);
  #bytes = new Uint8Array(4096);
  #closed = false;

  /** Creates the chain; a params error comes back coded (ERR_INVALID_PARAM naming the field). */
  constructor(
    KitChain: KitChainClass,
    types: readonly string[],
    paramsJson: readonly string[],
    outputs: readonly KitPort[],
    options: KitRunOptions = {},
  ) {
    this.#chain = native(() => new KitChain([...types], [...paramsJson]));
    this.#tail = types.length - 1;
    this.#outputs = outputs;
    this.report = reportFor(types.length);
    this.#acquire = options.acquire ?? ((length) => new Float32Array(length));
    this.#passInput = options.passInput ?? false;
  }

  /** Index of the node whose error the latest failed call threw. */
  get failedNode(): number {
    return this.#chain.failedNode;
  }

  /**
   * Runs one frame through every node; returns the tail's output, or undefined. `acquire` (a
   * stream's pool) overrides where this call's output frame gets its samples.
   */
  process(frame: AudioFrame, acquire = this.#acquire): unknown {
    const n = native(() =>
      this.#chain.process(
        frame.samples,
        frame.sampleRate,
        frame.channels,
        frame.timestamp,
        this.#audio,
        this.report,
        this.#bytes,
      ),
    );
    return this.#output(n, frame, acquire);
  }

  /** End of stream: what the nodes held back (undefined if nothing); then a new stream starts. */
  flush(acquire = this.#acquire): unknown {
    const n = native(() => this.#chain.flush(this.#audio, this.report, this.#bytes));
    return this.#output(n, undefined, acquire);
  }

  /** Drops all stream state without output. */
  reset(): void {
    native(() => this.#chain.reset());
  }

  /** Whether node `index` produced audio in the latest call. */
  hasAudio(index: number): boolean {
    this.#chain.outputInfo(index, this.#probe);
    return this.#probe[Info.hasAudio] === 1;
  }

  /** Idempotent; later calls fail with ERR_CLOSED. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#chain.close();
  }

  #output(
    n: number,
    input: AudioFrame | undefined,
    acquire: (length: number) => Float32Array,
  ): unknown {
    const report = this.report;
    const record: Record<string, unknown> = {};
    let json: Record<string, unknown> | undefined;
    let any = false;
    for (const port of this.#outputs) {
      let value: unknown;
      if (port.type === 'audio') {
        if (n >= 0) value = this.#frame(n, input, acquire);
      } else if (port.type === 'bytes') {
        if (report[Info.hasBytes] === 1)
          value = this.#tailBytes(report[Info.bytesLength] as number);
      } else if ((report[Info.jsonCount] as number) > 0) {
        json ??= JSON.parse(this.#chain.readJson(this.#tail)) as Record<string, unknown>;
        value = json[port.name];
      }
      if (value === undefined) continue;
      record[port.name] = value;
      any = true;
    }
    if (this.#outputs.length === 1) return record[this.#outputs[0]?.name ?? ''];
    return any ? record : undefined;
  }

  #frame(
    n: number,
    input: AudioFrame | undefined,
    acquire: (length: number) => Float32Array,
  ): AudioFrame {
    const report = this.report;
    if (this.#passInput && input !== undefined && report[Info.sameAsInput] === 1) return input;
    if (n > this.#audio.length) {
      this.#audio = new Float32Array(n * 2);
      this.#chain.readAudio(this.#tail, this.#audio);
    }
    // The chain's buffer is overwritten by the next call: the frame gets its own copy.
    const samples = acquire(n);
    samples.set(this.#audio.subarray(0, n));
    const frame: AudioFrame = {
      samples,
      sampleRate: report[Info.sampleRate] as number,
      channels: report[Info.channels] as number,
    };
    const timestamp = report[Info.timestamp] as number;
    if (!Number.isNaN(timestamp)) frame.timestamp = timestamp;
    return frame;
  }

  /** The tail's bytes: from the copy the call made when they fit, else read now. */
  #tailBytes(length: number): Buffer {
    const bytes = Buffer.allocUnsafe(length);
    if (length <= this.#bytes.length) {
      bytes.set(this.#bytes.subarray(0, length));
    } else {
      this.#chain.readBytes(this.#tail, bytes);
      this.#bytes = new Uint8Array(length * 2);
    }
    return bytes;
  }
}
