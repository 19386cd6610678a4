// The Denoise node for the registry of @remotemedia/core: defined once, in Rust, and run by
// the generic instance of @remotemedia/native.
import { kitNodeSet } from './kit.js';

export interface DenoiseNodeParams {
  /** Share of the denoised signal in the output: 1 = denoised only, 0 = the input. @default 1 */
  mix?: number;
}

/** Node definition for the registry: `NodeRegistry.builder().rust(DenoiseNode)`. */
export const DenoiseNode = kitNodeSet.definition<DenoiseNodeParams>('Denoise');
export const DenoiseMetadata = DenoiseNode.metadata;
