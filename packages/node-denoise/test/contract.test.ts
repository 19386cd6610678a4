import type { KitBinding } from '@remotemedia/native';
import { loadTestAddon } from '../../../tools/testing/native-panic.js';
import { describeNodeContract } from '../../../tools/testing/node-contract.js';
import { DenoiseNode } from '../src/index.js';

describeNodeContract(
  [
    // RNNoise's own rate, stereo; a second Denoise fed by the first runs fused in one call.
    {
      definition: DenoiseNode,
      params: {},
      sampleRate: 48_000,
      channels: 2,
      next: { definition: DenoiseNode, params: { mix: 0.5 } },
    },
    // Resampled inside (16 kHz -> 48 kHz -> 16 kHz).
    { definition: DenoiseNode, params: { mix: 0.8 }, sampleRate: 16_000, channels: 1 },
  ],
  loadTestAddon<KitBinding>(import.meta.url),
);
