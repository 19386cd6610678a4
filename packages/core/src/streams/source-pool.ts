// Which pool a frame source draws its buffers from, so `stream()` can recycle into that pool
// without the caller passing it twice.
import type { FramePool } from './frame-pool.js';

const pools = new WeakMap<object, FramePool>();

/** Marks `source` as yielding frames whose buffers `pool` lent out (to be handed over). */
export function attachPool<T extends object>(source: T, pool: FramePool): T {
  pools.set(source, pool);
  return source;
}

/** The pool `source` was marked with by `attachPool`, if any. */
export function poolOf(source: object): FramePool | undefined {
  return pools.get(source);
}
