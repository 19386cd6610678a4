// An HDR-style latency histogram: logarithmic buckets with 32 linear sub-buckets each (about 3%
// relative error), fixed memory, O(1) record with no allocation. Hand-written rather than a
// dependency because it sits on the per-frame hot path, where a record must cost a few ns.

const SUB_BITS = 5;
const SUB = 1 << SUB_BITS; // 32 sub-buckets per power of two
/** Values are recorded in units of 1/16 us (62.5 ns); the top bucket holds about 134 s. */
const UNITS_PER_MS = 16_000;
const MAX_UNITS = 0x7fffffff;
const BUCKETS = SUB + (31 - SUB_BITS) * SUB;

function indexOf(units: number): number {
  if (units < SUB) return units;
  const exponent = 31 - Math.clz32(units); // >= SUB_BITS
  return SUB + (exponent - SUB_BITS) * SUB + ((units >>> (exponent - SUB_BITS)) & (SUB - 1));
}

/** Lower edge and width of a bucket, in units. */
function bucketBounds(index: number): { low: number; width: number } {
  if (index < SUB) return { low: index, width: 1 };
  const exponent = SUB_BITS + ((index - SUB) >> SUB_BITS);
  const sub = (index - SUB) & (SUB - 1);
  const width = 2 ** (exponent - SUB_BITS);
  return { low: (SUB + sub) * width, width };
}

/** Midpoint of a bucket, in units. */
function bucketValue(index: number): number {
  const { low, width } = bucketBounds(index);
  return index < SUB ? low : low + width / 2;
}

/** One non-empty bucket of a latency histogram: `count` calls took `fromMs` <= t < `toMs`. */
export interface LatencyBucket {
  fromMs: number;
  toMs: number;
  count: number;
}

export interface LatencySummary {
  count: number;
  /** Milliseconds. */
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The distribution: the non-empty buckets, fastest first (about 3% wide each). */
  buckets: LatencyBucket[];
}

export class LatencyHistogram {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #sumMs = 0;
  #maxMs = 0;

  /** Records one duration in milliseconds. */
  record(ms: number): void {
    const units = ms <= 0 ? 0 : Math.min(MAX_UNITS, Math.round(ms * UNITS_PER_MS));
    const i = indexOf(units);
    this.#counts[i] = (this.#counts[i] as number) + 1;
    this.#count++;
    this.#sumMs += ms;
    if (ms > this.#maxMs) this.#maxMs = ms;
  }

  get count(): number {
    return this.#count;
  }

  /** The value below which `q` (0..1) of the recordings fall, in milliseconds. */
  quantile(q: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i] as number;
      if (seen >= rank) return Math.min(this.#maxMs, bucketValue(i) / UNITS_PER_MS);
    }
    return this.#maxMs;
  }

  summary(): LatencySummary {
    return {
      count: this.#count,
      mean: this.#count === 0 ? 0 : this.#sumMs / this.#count,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.#maxMs,
      buckets: this.buckets(),
    };
  }

  /** The non-empty buckets, fastest first. */
  buckets(): LatencyBucket[] {
    const out: LatencyBucket[] = [];
    for (let i = 0; i < BUCKETS; i++) {
      const count = this.#counts[i] as number;
      if (count === 0) continue;
      const { low, width } = bucketBounds(i);
      out.push({ fromMs: low / UNITS_PER_MS, toMs: (low + width) / UNITS_PER_MS, count });
    }
    return out;
  }

  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#sumMs = 0;
    this.#maxMs = 0;
  }
}
