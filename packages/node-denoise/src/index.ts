/** @remotemedia/node-denoise: RNNoise noise suppression (nnnoiseless) for real-time audio frames. Written by the generator; do not edit. */
// The node definitions, params types and streaming classes are written by the build from the
// Rust node set (src/nodes.generated.ts): a node added to the crate appears here.
export { RemoteMediaError } from '@remotemedia/errors';
export { type AudioFrame, KitNode, type KitNodeMetadata, KitProcessor } from '@remotemedia/native';
export * from './nodes.generated.js';
