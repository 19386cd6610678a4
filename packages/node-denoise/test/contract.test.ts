import type { KitChainClass } from '@remotemedia/native';
import { loadTestAddon } from '../../../tools/testing/native-panic.js';
import { describeNodeContract } from '../../../tools/testing/node-contract.js';
import { DenoiseNode } from '../src/index.js';

describeNodeContract(
  [
    {
      definition: DenoiseNode,
      params: { gain: 0.5 },
      sampleRate: 48_000,
      channels: 2,
      next: { definition: DenoiseNode, params: { gain: 2 } },
    },
  ],
  loadTestAddon<{ KitChain: KitChainClass }>(import.meta.url),
);
