// A TS node with params for tests in any package: multiplies every sample by `gain` (0 to 10)
// into a new frame, and refuses a frame with NaN samples (ERR_INVALID_INPUT).
import type { AudioFrame } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';

const audio = [{ name: 'audio', type: 'audio' }] as const;

export const Gain = {
  type: 'Gain',
  runtime: 'ts',
  metadata: {
    category: 'audio/effects',
    description: 'Multiplies samples by a gain; NaN input is rejected',
    params: {
      type: 'object',
      required: ['gain'],
      properties: { gain: { type: 'number', minimum: 0, maximum: 10 } },
    },
    inputs: audio,
    outputs: audio,
  },
  create: ({ gain }: { gain: number }) => ({
    process: (input: unknown) => {
      const frame = input as AudioFrame;
      if (frame.samples.some(Number.isNaN)) {
        throw new RemoteMediaError('ERR_INVALID_INPUT', 'frame contains NaN samples');
      }
      return { ...frame, samples: frame.samples.map((s) => s * gain) };
    },
  }),
} as const;
