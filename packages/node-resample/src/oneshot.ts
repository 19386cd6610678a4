// Whole-buffer resampling: sync for short buffers, async (worker thread) for long ones.
import { callNative, callNativeAsync } from './native.js';
import { checkOptions, type ResampleOptions } from './options.js';
import { expectArray, invalidInput } from './validate.js';

function checkSamples(samples: unknown, channels: number): asserts samples is Float32Array {
  expectArray(samples, Float32Array, 'samples');
  if (samples.length % channels !== 0) {
    throw invalidInput(
      `samples length ${samples.length} is not a multiple of ${channels} channels; pass whole interleaved frames`,
    );
  }
}

/** Resamples a whole buffer: `round(frames * to / from)` frames, aligned, no leading delay. */
export function resample(samples: Float32Array, options: ResampleOptions): Float32Array {
  const o = checkOptions(options);
  checkSamples(samples, o.channels);
  return callNative((b) => b.resample(samples, o.from, o.to, o.channels, o.quality));
}

/** `resample` on a worker thread (the input is copied first), for long buffers. */
export async function resampleAsync(
  samples: Float32Array,
  options: ResampleOptions,
): Promise<Float32Array> {
  const o = checkOptions(options);
  checkSamples(samples, o.channels);
  return callNativeAsync((b) => b.resampleAsync(samples, o.from, o.to, o.channels, o.quality));
}
