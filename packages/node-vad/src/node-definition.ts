// The VAD node for the registry of @remotemedia/core: defined once, in Rust
// (crates/vad/src/node.rs), and run by the generic instance of @remotemedia/native.
import type { AudioFrame } from '@remotemedia/native';
import { kitNodeSet } from './kit.js';
import type { VadOptions } from './options.js';
import type { SegmentEvent, VadDecision } from './vad.js';

export type { AudioFrame };

/**
 * The node's params: the options of `Vad`, each optional. `sampleRate` and `channels` default to
 * the first frame's; frames at another rate or layout are then rejected.
 */
export type VadParams = Partial<VadOptions>;

/** What one call returns; a key is missing when that port has nothing for this call. */
export interface VadOutput {
  /** The input frame, unchanged. */
  audio?: AudioFrame;
  /** Decisions of the frames completed by this input (times on the input frames' timeline). */
  decisions?: VadDecision[];
  events?: SegmentEvent[];
}

/** Node definition for the registry: `NodeRegistry.builder().rust(VAD)`. */
export const VAD = kitNodeSet.definition<VadParams, VadOutput>('VAD');

export const VadMetadata = VAD.metadata;
