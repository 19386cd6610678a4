// The VAD node for the registry of @remotemedia/core: defined once, in Rust
// (crates/vad/src/node.rs), and run by the generic instance of @remotemedia/native.
import type { AudioFrame } from '@remotemedia/native';
import { kitNodeSet } from './kit.js';
import type { SegmentOptions } from './options.js';
import type { SegmentEvent, VadDecision } from './vad.js';
import type { FrameMs, VadEngine, VadMode } from './validate.js';

export type { AudioFrame };

export interface VadParams extends SegmentOptions {
  /** Expected input rate; by default the first frame's. Frames at another rate are rejected. */
  sampleRate?: number;
  /** Expected channel count; by default the first frame's. */
  channels?: number;
  engine?: VadEngine;
  mode?: VadMode;
  frameMs?: FrameMs;
  threshold?: number;
  negThreshold?: number;
}

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
