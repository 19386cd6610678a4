// A run of kit-built native nodes executed without their TS instances: the nodes of one package
// share one KitChain, and the first package's KitChain runs the other packages' chains as stages,
// so the whole run costs one native call per frame. Where packages cannot join (see
// join-packages.ts) each package is one call and audio passes through two scratch buffers reused
// every frame. Per-node metrics come from the chains' own per-node timings. Output keeps the tail
// node's shape (docs/node-contract.md); timestamps follow the rules the TS instances apply (see
// #timestamp).
import { Buffer } from 'node:buffer';
import { expectAudioFrame } from '@remotemedia/errors';
import type { AudioFrame, PortSpec } from '../types.js';
import { joinPackages } from './join-packages.js';
import type { KitChainHandle } from './native-plan.js';
import type { PlannedNode } from './plan.js';
import { nodeError } from './policy.js';

const INFO_LEN = 7;
const STATS_LEN = 4;

interface Segment {
  chain: KitChainHandle;
  nodes: PlannedNode[];
  /** What each call reports: the last node's output info, then per-node stats. */
  report: Float64Array;
  stats: Float64Array;
}

export class NativeChain {
  readonly nodes: readonly PlannedNode[];
  readonly #segments: Segment[];
  /** Chains run as stages inside the first segment's calls; kept to close them. */
  readonly #joined: KitChainHandle[] = [];
  readonly #timing: boolean;
  readonly #tailOutputs: readonly PortSpec[];
  readonly #info = new Float64Array(INFO_LEN);
  readonly #probe = new Float64Array(INFO_LEN);
  /** Ping-pong buffers: a segment reads the previous one's output while writing the other. */
  #buffers: Float32Array[] = [new Float32Array(4096), new Float32Array(4096)];
  /** The tail's bytes as the latest call copied them (`processInto`), or stale. */
  #bytes = new Uint8Array(4096);
  #bytesFresh = false;
  #started = false;
  #startMs: number | undefined;
  #framesOut = 0;
  #closed = false;

  /** Where output frames get their samples: the stream's pool, or fresh arrays. */
  readonly #acquire: (length: number) => Float32Array;

  /**
   * `nodes` all carry a `native` plan with one ABI; throws when a package rejects the params.
   * `acquire` gives the buffers output frames are copied into (the stream's pool in streams).
   */
  constructor(
    nodes: readonly PlannedNode[],
    timing: boolean,
    acquire: (length: number) => Float32Array = (length) => new Float32Array(length),
  ) {
    this.nodes = nodes;
    this.#timing = timing;
    this.#acquire = acquire;
    this.#tailOutputs = nodes[nodes.length - 1]?.native?.outputs ?? [];
    const created: KitChainHandle[] = [];
    const groups: PlannedNode[][] = [];
    try {
      for (let i = 0; i < nodes.length; ) {
        const Kit = nodes[i]?.native?.KitChain;
        let end = i;
        while (end < nodes.length && nodes[end]?.native?.KitChain === Kit) end++;
        const group = nodes.slice(i, end);
        const plans = group.map((n) => n.native as NonNullable<PlannedNode['native']>);
        created.push(
          new (Kit as NonNullable<typeof Kit>)(
            group.map((n) => n.type),
            plans.map((p) => p.paramsJson),
          ),
        );
        groups.push(group);
        i = end;
      }
    } catch (error) {
      for (const chain of created) chain.close();
      throw error;
    }
    if (joinPackages(created)) {
      this.#joined = created.slice(1);
      this.#segments = [segment(created[0] as KitChainHandle, [...nodes])];
    } else {
      this.#segments = created.map((chain, k) => segment(chain, groups[k] as PlannedNode[]));
    }
  }

  /** Runs one frame through every node; returns the tail node's output (or undefined). */
  process(input: unknown): unknown {
    const frame = asFrame(input, this.nodes[0] as PlannedNode);
    if (!this.#started) {
      this.#started = true;
      this.#startMs = frame.timestamp;
      this.#framesOut = 0;
    }
    this.#bytesFresh = false;
    const samples = this.#fromSegment(0, frame.samples, frame.sampleRate, frame.channels);
    if (samples === undefined) return undefined;
    return this.#output(samples, frame);
  }

  /**
   * End of stream: each segment flushes, and what it flushed runs through the segments after it
   * (which flush in their turn), as the per-node executor does. Returns the tail's outputs.
   */
  flush(): unknown[] {
    const outputs: unknown[] = [];
    if (!this.#started) return outputs;
    const last = this.#segments.length - 1;
    for (let k = 0; k <= last; k++) {
      const segment = this.#segments[k] as Segment;
      const out = this.#buffers[k % 2] as Float32Array;
      this.#bytesFresh = false;
      const n = this.#call(segment, false, () => segment.chain.flushReported(out, segment.report));
      const samples = this.#audio(segment, n, k % 2);
      if (k === last) {
        const value = this.#output(samples, undefined);
        if (value !== undefined) outputs.push(value);
      } else if (samples !== undefined) {
        const info = this.#info;
        const tail = this.#fromSegment(k + 1, samples, info[2] as number, info[3] as number);
        const value = tail === undefined ? undefined : this.#output(tail, undefined);
        if (value !== undefined) outputs.push(value);
      }
    }
    this.#started = false;
    return outputs;
  }

  /** Idempotent: a stream closes its chains after flush and again when it ends or fails. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const segment of this.#segments) segment.chain.close();
    for (const chain of this.#joined) chain.close();
  }

  /** Runs segments `from..` on audio; the tail's audio (or an empty view), undefined if none. */
  #fromSegment(
    from: number,
    input: Float32Array,
    sampleRate: number,
    channels: number,
  ): Float32Array | undefined {
    let samples: Float32Array | undefined = input;
    let rate = sampleRate;
    let ch = channels;
    for (let k = from; k < this.#segments.length; k++) {
      const segment = this.#segments[k] as Segment;
      const slot = k % 2;
      const out = this.#buffers[slot] as Float32Array;
      const given = samples;
      const n = this.#call(segment, true, () => this.#process(segment, k, given, rate, ch, out));
      samples = this.#audio(segment, n, slot);
      if (samples === undefined) {
        // The tail may still have json or bytes without audio; other segments end the frame.
        return k === this.#segments.length - 1 ? new Float32Array(0) : undefined;
      }
      rate = this.#info[2] as number;
      ch = this.#info[3] as number;
    }
    return samples;
  }

  /** One segment's native call; the tail segment also hands back its bytes in the same call. */
  #process(
    segment: Segment,
    k: number,
    samples: Float32Array,
    rate: number,
    channels: number,
    out: Float32Array,
  ): number {
    const chain = segment.chain;
    if (k < this.#segments.length - 1 || chain.processInto === undefined) {
      return chain.processReported(samples, rate, channels, out, segment.report);
    }
    const n = chain.processInto(samples, rate, channels, out, segment.report, this.#bytes);
    this.#bytesFresh = true;
    return n;
  }

  /** The tail's bytes: from the copy its call made when they fit, else read now. */
  #tailBytes(tail: Segment, length: number): Buffer {
    const bytes = Buffer.allocUnsafe(length);
    if (this.#bytesFresh && length <= this.#bytes.length) {
      bytes.set(this.#bytes.subarray(0, length));
    } else {
      tail.chain.readBytes(tail.nodes.length - 1, bytes);
      if (length > this.#bytes.length) this.#bytes = new Uint8Array(length * 2);
    }
    return bytes;
  }

  /** Takes the segment tail's info; returns its audio (grown into buffer `slot` if needed). */
  #audio(segment: Segment, n: number, slot: number): Float32Array | undefined {
    const info = this.#info;
    const report = segment.report;
    for (let i = 0; i < INFO_LEN; i++) info[i] = report[i] as number;
    if (n < 0) return undefined;
    let buffer = this.#buffers[slot] as Float32Array;
    if (n > buffer.length) {
      buffer = new Float32Array(n * 2);
      this.#buffers[slot] = buffer;
      segment.chain.readAudio(segment.nodes.length - 1, buffer);
    }
    return buffer.subarray(0, n);
  }

  /** One native call, then per-node metrics from the chain's timings; errors name their node. */
  #call(segment: Segment, processing: boolean, call: () => number): number {
    let n: number;
    try {
      n = call();
    } catch (error) {
      segment.chain.stats(segment.stats);
      this.#record(segment, processing, -2);
      const failed = segment.nodes[segment.chain.failedNode] ?? (segment.nodes[0] as PlannedNode);
      failed.metrics.errors++;
      throw nodeError(error, failed.id);
    }
    this.#record(segment, processing, n);
    return n;
  }

  #record(segment: Segment, processing: boolean, n: number): void {
    const stats = segment.stats;
    const nodes = segment.nodes;
    for (let j = 0; j < nodes.length; j++) {
      if (stats[j * STATS_LEN + 3] !== 1) continue;
      const m = (nodes[j] as PlannedNode).metrics;
      m.calls++;
      if (processing) m.framesIn++;
      else if (j > 0 && this.#hasAudio(segment, j - 1)) {
        // At end of stream the kit runs process(upstream tail) and flush in one step: two calls.
        m.framesIn++;
        m.calls++;
      }
      if (this.#timing) m.latency.record((stats[j * STATS_LEN + 2] as number) / 1e6);
      const next = j + 1 < nodes.length ? stats[(j + 1) * STATS_LEN + 3] === 1 : n >= 0;
      if (next) m.framesOut++;
    }
  }

  #hasAudio(segment: Segment, index: number): boolean {
    segment.chain.outputInfo(index, this.#probe);
    return this.#probe[0] === 1;
  }

  /** The tail node's output in its contract shape: the value of its one port, or a record. */
  #output(samples: Float32Array | undefined, input: AudioFrame | undefined): unknown {
    const info = this.#info;
    const tail = this.#segments[this.#segments.length - 1] as Segment;
    const index = tail.nodes.length - 1;
    const record: Record<string, unknown> = {};
    let json: Record<string, unknown[]> | undefined;
    let any = false;
    for (const port of this.#tailOutputs) {
      let value: unknown;
      if (port.type === 'audio') {
        if (info[0] === 1 && samples !== undefined) value = this.#frame(samples, input);
      } else if (port.type === 'bytes') {
        if (info[4] === 1) value = this.#tailBytes(tail, info[5] as number);
      } else if ((info[6] as number) > 0) {
        json ??= this.#json(tail.chain.readJson(index));
        value = json[port.name];
      }
      if (value === undefined) continue;
      record[port.name] = value;
      any = true;
    }
    if (this.#tailOutputs.length === 1) return record[this.#tailOutputs[0]?.name ?? ''];
    return any ? record : undefined;
  }

  #frame(samples: Float32Array, input: AudioFrame | undefined): AudioFrame {
    const info = this.#info;
    const sampleRate = info[2] as number;
    const channels = info[3] as number;
    // The chain's buffer is overwritten by the next call: the frame gets its own copy.
    const copy = this.#acquire(samples.length);
    copy.set(samples);
    const frame: AudioFrame = { samples: copy, sampleRate, channels };
    const timestamp = this.#timestamp(frame, input);
    if (timestamp !== undefined) frame.timestamp = timestamp;
    this.#framesOut += samples.length / channels;
    return frame;
  }

  /**
   * A frame of the input's rate and length keeps the input's timestamp (nodes that pass frames
   * through); otherwise time is counted at the output rate from the stream's first timestamp
   * (as AudioResample does).
   */
  #timestamp(frame: AudioFrame, input: AudioFrame | undefined): number | undefined {
    if (
      input !== undefined &&
      input.sampleRate === frame.sampleRate &&
      input.samples.length / input.channels === frame.samples.length / frame.channels
    ) {
      return input.timestamp;
    }
    if (this.#startMs === undefined) return undefined;
    return this.#startMs + (this.#framesOut * 1000) / frame.sampleRate;
  }

  /** Kit nodes time json events from the stream's start; shift them onto the input's timeline. */
  #json(text: string): Record<string, unknown[]> {
    const ports = JSON.parse(text) as Record<string, unknown[]>;
    const offset = this.#startMs ?? 0;
    if (offset === 0) return ports;
    for (const items of Object.values(ports)) {
      for (const item of items) {
        if (item === null || typeof item !== 'object') continue;
        const timed = item as { startMs?: unknown; endMs?: unknown };
        if (typeof timed.startMs === 'number') timed.startMs += offset;
        if (typeof timed.endMs === 'number') timed.endMs += offset;
      }
    }
    return ports;
  }
}

function segment(chain: KitChainHandle, nodes: PlannedNode[]): Segment {
  const report = new Float64Array(INFO_LEN + nodes.length * STATS_LEN);
  return { chain, nodes, report, stats: report.subarray(INFO_LEN) };
}

/** The value entering the chain, checked to be a frame. */
function asFrame(value: unknown, head: PlannedNode): AudioFrame {
  try {
    expectAudioFrame(value, head.type);
  } catch (error) {
    throw nodeError(error, head.id);
  }
  return value as AudioFrame;
}
