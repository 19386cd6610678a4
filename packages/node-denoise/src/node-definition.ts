// The Denoise node for the registry of @remotemedia/core: defined once, in Rust, and run by
// the generic instance of @remotemedia/native.
import { kitNodeSet } from './kit.js';

export interface DenoiseNodeParams {
  /** Linear gain. @default 1 */
  gain?: number;
}

/** Node definition for the registry: `NodeRegistry.builder().rust(DenoiseNode)`. */
export const DenoiseNode = kitNodeSet.definition<DenoiseNodeParams>('Denoise');
export const DenoiseMetadata = DenoiseNode.metadata;
