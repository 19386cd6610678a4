// @remotemedia/node-resample: streaming, delay-compensated resampling on Rust's rubato.
import { AudioResample } from './node-definition.js';

export {
  type AudioFrame,
  AudioResample,
  AudioResampleMetadata,
  type AudioResampleParams,
} from './node-definition.js';
export { resample, resampleAsync } from './oneshot.js';
export type { ResampleOptions } from './options.js';
export { Resampler } from './resampler.js';
export { MAX_RATE, MIN_RATE, QUALITIES, type Quality } from './validate.js';

/** Every node definition of this package (nodes.json is generated from it). */
export const nodes = [AudioResample] as const;
