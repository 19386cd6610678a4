import { describe, expect, it } from 'vitest';
import { expectPanicIsCoded, loadTestAddon } from '../../../tools/testing/native-panic.js';
import { resample } from '../src/index.js';

const addon = loadTestAddon<{
  resample(
    input: Float32Array,
    from: number,
    to: number,
    channels: number,
    quality: string,
  ): Float32Array;
}>(import.meta.url);

describe('a panic in native code', () => {
  it('surfaces as ERR_NATIVE_PANIC and leaves the process and the addon usable', () => {
    expectPanicIsCoded(addon);
    expect(addon.resample(new Float32Array(480), 48_000, 16_000, 1, 'fast').length).toBe(160);
    expect(resample(new Float32Array(480), { from: 48_000, to: 16_000 }).length).toBe(160);
  });
});
