// The slots of the report a KitChain call writes into the caller's Float64Array (so a frame
// allocates nothing): the tail's output info, then per-node stats. Named here once, as in
// crates/node-kit-napi/src/report.rs.

/** Slots of the info part. */
export const Info = {
  hasAudio: 0,
  audioLength: 1,
  sampleRate: 2,
  channels: 3,
  hasBytes: 4,
  bytesLength: 5,
  jsonCount: 6,
  /** The tail audio's timestamp in ms; NaN when it has none. */
  timestamp: 7,
  /** 1 when the tail's audio is the input frame unchanged (same rate, layout and samples). */
  sameAsInput: 8,
} as const;

export const INFO_LENGTH = 9;

/** Slots of one node's stats, after the info part. */
export const Stats = { calls: 0, totalNs: 1, lastNs: 2, ran: 3 } as const;

export const STATS_LENGTH = 4;

/** The report buffer for a chain of `nodes` nodes. */
export function reportFor(nodes: number): Float64Array {
  return new Float64Array(INFO_LENGTH + nodes * STATS_LENGTH);
}

/** Value `slot` (a `Stats` slot) of node `index` in `report`. */
export function stat(report: Float64Array, index: number, slot: number): number {
  return report[INFO_LENGTH + index * STATS_LENGTH + slot] as number;
}
