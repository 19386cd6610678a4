// Who holds which pool buffers while frames move through a stream. Every holder (a node call in
// progress, a queued item, an output the user borrows) holds each distinct lent buffer in its
// value once. A node call's hold ends when process() returns (or its promise settles): buffers
// its output carries pass on, the rest go back to the pool. Buffers are found in a frame, a
// Float32Array, or one of those one level inside a port record or an array.

import type { ProcessContext } from '@remotemedia/contract';
import type { FramePool } from '../streams/frame-pool.js';
import { type PlannedEdge, pickValue } from './plan.js';

/** The distinct lent buffers one holder holds: none, one, or several. */
export type Held = Float32Array | Float32Array[] | undefined;

/** What nodes get outside a pooled stream (unary runs): fresh buffers. */
export const unpooledContext: ProcessContext = {
  acquire: (length: number) => new Float32Array(length),
};

function samplesOf(value: object): Float32Array | undefined {
  if (value instanceof Float32Array) return value;
  const samples = (value as { samples?: unknown }).samples;
  return samples instanceof Float32Array ? samples : undefined;
}

function holds(held: Held, buffer: Float32Array): boolean {
  return held === buffer || (Array.isArray(held) && held.includes(buffer));
}

function add(held: Held, buffer: Float32Array): Held {
  if (held === undefined) return buffer;
  if (holds(held, buffer)) return held;
  return Array.isArray(held) ? [...held, buffer] : [held, buffer];
}

export class FrameRefs {
  readonly pool: FramePool;
  /** Passed to every process()/flush() of the stream: buffers for node outputs. */
  readonly context: ProcessContext;
  /** Buffers nodes acquired: a call that left it unchanged (and held nothing) holds nothing after. */
  mark = 0;

  constructor(pool: FramePool) {
    this.pool = pool;
    this.context = {
      acquire: (length: number) => {
        this.mark++;
        return pool.acquire(length);
      },
    };
  }

  /** The distinct buffers lent by the pool that `value` carries. */
  scan(value: unknown): Held {
    // A pool that never created a buffer has none lent: streams without pooled frames pay nothing.
    if (typeof value !== 'object' || value === null || this.pool.allocated === 0) return undefined;
    const direct = samplesOf(value);
    if (direct !== undefined) return this.pool.lent(direct);
    if (ArrayBuffer.isView(value)) return undefined; // other typed arrays: no frames inside
    let held: Held;
    const visit = (child: unknown): void => {
      if (typeof child !== 'object' || child === null) return;
      const samples = samplesOf(child);
      const lent = samples === undefined ? undefined : this.pool.lent(samples);
      if (lent !== undefined) held = add(held, lent);
    };
    if (Array.isArray(value)) for (const child of value) visit(child);
    else for (const key in value) visit((value as Record<string, unknown>)[key]);
    return held;
  }

  /**
   * The distinct lent buffers of a zipped input (a record keyed by port): each port's value is
   * scanned as a value of its own, so a port record (`{ audio, ... }`) in a port is seen too.
   */
  scanPorts(record: unknown): Held {
    if (typeof record !== 'object' || record === null) return undefined;
    let held: Held;
    for (const key in record) {
      const port = this.scan((record as Record<string, unknown>)[key]);
      if (port === undefined) continue;
      for (const buffer of Array.isArray(port) ? port : [port]) held = add(held, buffer);
    }
    return held;
  }

  /** A holder of `held` now holds `next` instead: what `next` does not carry is released. */
  handOff(held: Held, next: unknown): Held {
    const nextHeld = this.scan(next);
    if (held === undefined || held === nextHeld) return nextHeld;
    if (Array.isArray(held)) {
      for (const buffer of held) if (!holds(nextHeld, buffer)) this.pool.release(buffer);
    } else if (!holds(nextHeld, held)) this.pool.release(held);
    return nextHeld;
  }

  retain(held: Held, count: number): void {
    if (held === undefined || count === 0) return;
    if (Array.isArray(held)) for (const buffer of held) this.pool.retain(buffer, count);
    else this.pool.retain(held, count);
  }

  release(held: Held): void {
    if (held === undefined) return;
    if (Array.isArray(held)) for (const buffer of held) this.pool.release(buffer);
    else this.pool.release(held);
  }

  /** Queued items zipped into one record input: one hold per distinct buffer, extra holds released. */
  zip(values: Record<string, unknown>): Held {
    let held: Held;
    for (const key in values) {
      const itemHeld = this.scan(values[key]);
      if (itemHeld === undefined) continue;
      for (const buffer of Array.isArray(itemHeld) ? itemHeld : [itemHeld]) {
        if (holds(held, buffer)) this.pool.release(buffer);
        else held = add(held, buffer);
      }
    }
    return held;
  }

  /**
   * A stage output goes to every out edge: each queued item holds the buffers it carries, so a
   * buffer gets one hold per edge that carries it (released if none does).
   */
  fanOut(held: Held, output: unknown, edges: readonly PlannedEdge[]): void {
    if (held === undefined) return;
    if (edges.length === 1 && edges[0]?.pick === undefined) return;
    for (const buffer of Array.isArray(held) ? held : [held]) {
      let carriers = 0;
      for (const edge of edges) {
        if (edge.pick === undefined) carriers++;
        else if (holds(this.scan(pickValue(output, edge.pick)), buffer)) carriers++;
      }
      if (carriers === 0) this.pool.release(buffer);
      else this.pool.retain(buffer, carriers - 1);
    }
  }
}
