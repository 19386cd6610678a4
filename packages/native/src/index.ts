// @remotemedia/native: what every kit-built native package shares. A native node is defined once,
// in Rust; this package loads the binary, reads its node set and runs any of its nodes.

export type { AudioFrame } from '@remotemedia/contract';
export type { KitChainClass, KitChainHandle } from './kit-chain.js';
export { KitNode } from './kit-node.js';
export { KitProcessor, type KitProcessorOptions } from './kit-processor.js';
export { KitRun, type KitRunOptions } from './kit-run.js';
export {
  type LoadAddonOptions,
  loadNativeAddon,
  type NativeCaller,
  type NativePackageInfo,
  nativeBindingError,
  nativeCaller,
  platformSuffix,
} from './loader.js';
export {
  type KitBinding,
  type KitFusion,
  type KitNodeDefinition,
  type KitNodeMetadata,
  type KitNodeSet,
  type KitPort,
  type KitProcessorClass,
  readKitNodeSet,
} from './node-set.js';
export { INFO_LENGTH, Info, STATS_LENGTH, Stats, stat } from './report.js';
