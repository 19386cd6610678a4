import type { KitBinding } from '@remotemedia/native';
import { loadTestAddon } from '../../../tools/testing/native-panic.js';
import { describeNodeContract } from '../../../tools/testing/node-contract.js';
import { FormatConverter } from '../src/index.js';

describeNodeContract(
  [
    {
      definition: FormatConverter,
      params: { channels: 1, format: 's16' },
      sampleRate: 48_000,
      channels: 2,
      next: { definition: FormatConverter, params: { channels: 2, format: 'u8' } },
    },
  ],
  loadTestAddon<KitBinding>(import.meta.url),
);
