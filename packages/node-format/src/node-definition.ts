// The FormatConverter node for the registry of @remotemedia/core: defined once, in Rust
// (crates/format/src/node.rs), and run by the generic instance of @remotemedia/native.
import type { AudioFrame } from '@remotemedia/native';
import { kitNodeSet } from './kit.js';
import type { SampleFormat } from './sample-format.js';

export type { AudioFrame };

export interface FormatConverterParams {
  /** Also emit the frame as little-endian integer PCM bytes on the `pcm` output. @default 'f32' */
  format?: SampleFormat | 'f32';
  /** Channel count of the output frame; by default the input's. */
  channels?: number;
  /** When set, every frame must have this sample rate (resampling is node-resample's job). */
  sampleRate?: number;
  /** TPDF dither when producing integer PCM. @default false */
  dither?: boolean;
}

export interface FormatConverterOutput {
  audio: AudioFrame;
  pcm?: Buffer;
}

/** Node definition for the registry: `NodeRegistry.builder().rust(FormatConverter)`. */
export const FormatConverter = kitNodeSet.definition<FormatConverterParams, FormatConverterOutput>(
  'FormatConverter',
);

export const FormatConverterMetadata = FormatConverter.metadata;
