/** @remotemedia/node-denoise: RNNoise noise suppression (nnnoiseless) for real-time audio frames. */
import { kitNodeSet } from './kit.js';

export { RemoteMediaError } from '@remotemedia/errors';
export { type AudioFrame, KitNode, type KitNodeMetadata } from '@remotemedia/native';
export { DenoiseMetadata, DenoiseNode, type DenoiseNodeParams } from './node-definition.js';

/** Every node of this package's Rust node set: a node added to the crate appears here. */
export const nodes = kitNodeSet.definitions();
