import type { KitBinding } from '@remotemedia/native';
import { loadTestAddon } from '../../../tools/testing/native-panic.js';
import { describeNodeContract } from '../../../tools/testing/node-contract.js';
import { AudioResample } from '../src/index.js';

describeNodeContract(
  [
    {
      definition: AudioResample,
      params: { to: 16_000 },
      sampleRate: 48_000,
      channels: 2,
      // Fused across a second rate change.
      next: { definition: AudioResample, params: { to: 8_000, quality: 'fast' } },
    },
  ],
  loadTestAddon<KitBinding>(import.meta.url),
);
