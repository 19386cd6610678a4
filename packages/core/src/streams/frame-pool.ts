// Reusable sample buffers by length, so a steady stream allocates nothing per frame.

export class FramePool {
  readonly #free = new Map<number, Float32Array[]>();
  readonly #maxPerSize: number;
  /** Buffers created because none of the size was free. */
  allocated = 0;
  /** Buffers handed out again after a release. */
  reused = 0;

  /** @param maxPerSize free buffers kept per length; extra releases are left to the GC. */
  constructor(maxPerSize = 64) {
    this.#maxPerSize = maxPerSize;
  }

  /** A buffer of `length` samples (contents unspecified). */
  acquire(length: number): Float32Array {
    const buffer = this.#free.get(length)?.pop();
    if (buffer !== undefined) {
      this.reused++;
      return buffer;
    }
    this.allocated++;
    return new Float32Array(length);
  }

  /** Gives a buffer back once nothing reads it any more. */
  release(buffer: Float32Array): void {
    let list = this.#free.get(buffer.length);
    if (list === undefined) {
      list = [];
      this.#free.set(buffer.length, list);
    }
    if (list.length < this.#maxPerSize && !list.includes(buffer)) list.push(buffer);
  }
}
