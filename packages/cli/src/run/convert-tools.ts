// The native conversions `run -o` uses, loaded only when asked for (listing and validating never
// load a native binary).
import type { ConvertTools } from './conform-audio.js';

export async function loadConvertTools(): Promise<ConvertTools> {
  const { downmix, upmix, remap } = await import('@remotemedia/node-format');
  const { Resampler } = await import('@remotemedia/node-resample');
  return {
    downmix: (samples, channels) => downmix(samples, channels),
    upmix: (samples, channels) => upmix(samples, channels),
    remap: (samples, matrix) => remap(samples, matrix),
    createResampler: (from, to, channels) => new Resampler({ from, to, channels }),
  };
}
