// Written by the build (tools/write-kit-sources.mjs) from the Rust node set; do not edit.
import type { AudioFrame, KitProcessor } from '@remotemedia/native';
import { kitNodeSet } from './kit.js';

/** Params of the Denoise node (from its Rust params type). */
export interface DenoiseParams {
  /** Share of the denoised signal (1 = denoised only, 0 = the input); 0.9 caps attenuation at 20 dB. Bounds: >= 0, <= 1. @default 1 */
  mix?: number;
}

/** What the Denoise node's `process` returns. */
export type DenoiseOutput = { "audio"?: AudioFrame; "voice"?: unknown };

/** RNNoise noise suppression (nnnoiseless) at any sample rate, channel count and chunk length; output aligned with the input, plus RNNoise's voice probability per 10 ms. For the registry: `NodeRegistry.builder().rust(DenoiseNode)`. */
export const DenoiseNode = kitNodeSet.definition<DenoiseParams, DenoiseOutput>('Denoise');
export const DenoiseMetadata = DenoiseNode.metadata;

/** The Denoise node as a streaming class: process / processInto / flush / reset / close. */
export const Denoiser = kitNodeSet.processor<DenoiseParams>('Denoise', 'Denoiser');
export type Denoiser = KitProcessor<DenoiseParams>;

/** Every node definition of this package (nodes.json is written from the same metadata). */
export const nodes = kitNodeSet.definitions();
