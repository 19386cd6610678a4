// This package's Rust node set: node metadata (the one source of nodes.json and of the
// definitions) and the handle core's NativeChain uses to run its nodes fused in one call.
import { readKitNodeSet } from '@remotemedia/errors';
import { binding } from './native.js';

const nodeSet = readKitNodeSet(binding);

export const kitMetadata = nodeSet.metadata;
export const kitNative = nodeSet.native;
