import { describe, expect, it } from 'vitest';
import { expectPanicIsCoded, loadTestAddon } from '../../../tools/testing/native-panic.js';
import { toFloat32 } from '../src/index.js';

const addon = loadTestAddon<{ s16ToF32(input: Int16Array, out: Float32Array): number }>(
  import.meta.url,
);

describe('a panic in native code', () => {
  it('surfaces as ERR_NATIVE_PANIC and leaves the process and the addon usable', () => {
    expectPanicIsCoded(addon);
    const out = new Float32Array(1);
    expect(addon.s16ToF32(new Int16Array([16384]), out)).toBe(1);
    expect(out[0]).toBe(0.5);
    expect(toFloat32(new Int16Array([-16384]), 's16')[0]).toBe(-0.5);
  });
});
