// @remotemedia/node-vad: webrtc-vad or Silero VAD v6 at any sample rate and chunk length, with speech segments.
import { VAD } from './node-definition.js';

export {
  type AudioFrame,
  VAD,
  VadMetadata,
  type VadOutput,
  type VadParams,
} from './node-definition.js';
export { detectSegments, detectSegmentsAsync, type Segment } from './oneshot.js';
export type { SegmentOptions, VadOptions } from './options.js';
export {
  type SegmentEvent,
  type StreamingVadOptions,
  Vad,
  type VadDecision,
} from './vad.js';
export { FRAME_MS, type FrameMs, MODES, type VadMode, type VadModeName } from './validate.js';

/** Every node definition of this package (nodes.json is generated from it). */
export const nodes = [VAD] as const;
