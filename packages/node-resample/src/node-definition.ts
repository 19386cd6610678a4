// The AudioResample node for the registry of @remotemedia/core: defined once, in Rust
// (crates/resample/src/node.rs), and run by the generic instance of @remotemedia/native.
import type { AudioFrame } from '@remotemedia/native';
import { kitNodeSet } from './kit.js';
import type { Quality } from './validate.js';

export type { AudioFrame };

export interface AudioResampleParams {
  /** Expected input rate; by default taken from the first frame. Frames at another rate are rejected. */
  from?: number;
  /** Output rate in Hz. */
  to: number;
  /** @default 'high' */
  quality?: Quality;
  /** Expected channel count; by default taken from the first frame. */
  channels?: number;
}

/**
 * Node definition for the registry: `NodeRegistry.builder().rust(AudioResample)`. A call returns
 * the resampled frame, or undefined while the first block is still filling.
 */
export const AudioResample = kitNodeSet.definition<AudioResampleParams, AudioFrame | undefined>(
  'AudioResample',
);

export const AudioResampleMetadata = AudioResample.metadata;
