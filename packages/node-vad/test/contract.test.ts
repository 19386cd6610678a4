import type { KitBinding } from '@remotemedia/native';
import { loadTestAddon } from '../../../tools/testing/native-panic.js';
import { describeNodeContract } from '../../../tools/testing/node-contract.js';
import { VAD } from '../src/index.js';

describeNodeContract(
  [
    {
      definition: VAD,
      params: { frameMs: 10 },
      sampleRate: 48_000,
      channels: 2,
      next: { definition: VAD, params: { mode: 'aggressive', speechPadMs: 0 } },
    },
  ],
  loadTestAddon<KitBinding>(import.meta.url),
);
