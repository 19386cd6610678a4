/**
 * @remotemedia/node-format: sample-format, channel-layout and WAV conversion in Rust.
 * Every sync function takes typed arrays by reference and fills an optional `out` array, so
 * per-frame code allocates nothing.
 */
export { RemoteMediaError } from '@remotemedia/errors';
export { type ChannelMatrix, deinterleave, downmix, interleave, remap, upmix } from './layout.js';
export {
  type AudioFrame,
  FormatConverter,
  FormatConverterInstance,
  FormatConverterMetadata,
  type FormatConverterOutput,
  type FormatConverterParams,
} from './node-definition.js';
export {
  type FromFloat32Options,
  fromFloat32,
  type G711Format,
  type LinearPcmFormat,
  type PcmInput,
  SAMPLE_FORMATS,
  type SampleFormat,
  toFloat32,
} from './sample-format.js';
export {
  type DecodedWav,
  decodeWav,
  decodeWavAsync,
  type EncodeWavOptions,
  encodeWav,
  encodeWavAsync,
  WAV_FORMATS,
  type WavAudio,
  type WavFormat,
} from './wav.js';

/** Node definitions exported by this package. */
import { FormatConverter } from './node-definition.js';
export const nodes = [FormatConverter] as const;
