// Test signals and measurements, computed in double precision independently of the addon.

export { concat } from '../../../tools/testing/typed-arrays.js';

export function sine(freq: number, rate: number, frames: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) out[n] = amplitude * Math.sin((2 * Math.PI * freq * n) / rate);
  return out;
}

/** Interleaves one tone per channel. */
export function tones(freqs: number[], rate: number, frames: number): Float32Array {
  const out = new Float32Array(frames * freqs.length);
  freqs.forEach((f, c) => {
    const lane = sine(f, rate, frames);
    for (let n = 0; n < frames; n++) out[n * freqs.length + c] = lane[n] ?? 0;
  });
  return out;
}

/** SNR (dB) of `signal` against the ideal sine sampled at `rate`, over its middle 80 %. */
export function snrDb(
  signal: Float32Array,
  rate: number,
  freq: number,
  amplitude = 0.5,
  stride = 1,
  offset = 0,
): number {
  const frames = Math.floor(signal.length / stride);
  let power = 0;
  let noise = 0;
  for (let k = Math.floor(frames / 10); k < Math.floor((frames * 9) / 10); k++) {
    const ideal = amplitude * Math.sin((2 * Math.PI * freq * k) / rate);
    power += ideal * ideal;
    noise += ((signal[k * stride + offset] ?? 0) - ideal) ** 2;
  }
  return 10 * Math.log10(power / Math.max(noise, Number.MIN_VALUE));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}
