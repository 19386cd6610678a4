// A token bucket: `capacity` messages at once, refilled at `capacity` per second.
export class MessageRate {
  readonly #capacity: number;
  #tokens: number;
  #at = performance.now();

  constructor(perSecond: number) {
    this.#capacity = perSecond;
    this.#tokens = perSecond;
  }

  /** Takes one token; false when the bucket is empty (the client sends too fast). */
  take(now = performance.now()): boolean {
    this.#tokens = Math.min(
      this.#capacity,
      this.#tokens + ((now - this.#at) / 1000) * this.#capacity,
    );
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
