// Reusable sample buffers by length, reference-counted, so a steady stream allocates nothing per
// frame. A buffer goes back to the free list only when its last holder releases it; buffers the
// pool did not lend out are never taken in, so nothing outside the pool's bookkeeping is recycled.

/** The pool's record of one buffer it created; `refs` is 0 while the buffer is free. */
interface Lease {
  readonly buffer: Float32Array;
  refs: number;
}

export interface FramePoolStats {
  /** Buffers created because none of the size was free (pool misses). */
  allocated: number;
  /** Acquisitions served from the free list. */
  reused: number;
  /** Buffers lent out and not yet released by every holder. */
  inUse: number;
  /** Buffers waiting on the free lists. */
  free: number;
}

export class FramePool {
  readonly #free = new Map<number, Float32Array[]>();
  /** Keyed by the underlying ArrayBuffer so views (`subarray`) of a pool buffer count as it. */
  readonly #leases = new WeakMap<ArrayBufferLike, Lease>();
  readonly #maxPerSize: number;
  #inUse = 0;
  #freeCount = 0;
  /** Buffers created because none of the size was free (pool misses). */
  allocated = 0;
  /** Acquisitions served from the free list. */
  reused = 0;

  /** @param maxPerSize free buffers kept per length; extra releases are left to the GC. */
  constructor(maxPerSize = 64) {
    this.#maxPerSize = maxPerSize;
  }

  /** A buffer of `length` samples (contents unspecified), held once by the caller. */
  acquire(length: number): Float32Array {
    const buffer = this.#free.get(length)?.pop();
    if (buffer !== undefined) {
      this.reused++;
      this.#freeCount--;
      (this.#leases.get(buffer.buffer) as Lease).refs = 1;
    } else {
      this.allocated++;
      const created = new Float32Array(length);
      this.#leases.set(created.buffer, { buffer: created, refs: 1 });
      this.#inUse++;
      return created;
    }
    this.#inUse++;
    return buffer;
  }

  /** The whole pool buffer `view` (or a part of it) lies in, while it is lent out; else undefined. */
  lent(view: ArrayBufferView): Float32Array | undefined {
    const lease = this.#leases.get(view.buffer);
    return lease !== undefined && lease.refs > 0 ? lease.buffer : undefined;
  }

  /** Adds `count` holders to a lent buffer (fan-out); ignored for buffers not lent by this pool. */
  retain(view: ArrayBufferView, count = 1): void {
    const lease = this.#leases.get(view.buffer);
    if (lease !== undefined && lease.refs > 0) lease.refs += count;
  }

  /**
   * One holder is done with a lent buffer (or a view of it). The last release puts it back on the
   * free list; returns true then. Buffers this pool did not lend out are ignored.
   */
  release(view: ArrayBufferView): boolean {
    const lease = this.#leases.get(view.buffer);
    if (lease === undefined || lease.refs === 0) return false;
    if (--lease.refs > 0) return false;
    this.#inUse--;
    const length = lease.buffer.length;
    let list = this.#free.get(length);
    if (list === undefined) {
      list = [];
      this.#free.set(length, list);
    }
    if (list.length >= this.#maxPerSize) return false;
    list.push(lease.buffer);
    this.#freeCount++;
    return true;
  }

  /** Counters for tests and monitoring. */
  stats(): FramePoolStats {
    return {
      allocated: this.allocated,
      reused: this.reused,
      inUse: this.#inUse,
      free: this.#freeCount,
    };
  }
}
