// The generic class every kit-built package's binding exports (crates/node-kit-napi
// `export_node_set!`), as this package calls it.

/** One node, or several nodes of one package binary run in one call per frame. */
export interface KitChainHandle {
  /** Runs a frame; writes the tail's audio into `out`, bytes into `bytes`, the report into `report`. */
  process(
    samples: Float32Array,
    sampleRate: number,
    channels: number,
    timestamp: number | undefined,
    out: Float32Array,
    report: Float64Array,
    bytes: Uint8Array,
  ): number;
  /** End of stream; returns and writes like `process`. */
  flush(out: Float32Array, report: Float64Array, bytes: Uint8Array): number;
  /** The info part of a report for node `index`'s latest output. */
  outputInfo(index: number, info: Float64Array): void;
  readAudio(index: number, out: Float32Array): number;
  readBytes(index: number, out: Uint8Array): number;
  readJson(index: number): string;
  readonly failedNode: number;
  reset(): void;
  close(): void;
}

export type KitChainClass = new (types: string[], paramsJson: string[]) => KitChainHandle;
