import { createRequire } from 'node:module';
import { fromNativeError } from '@remotemedia/errors';
import { describe, expect, it } from 'vitest';
import { toFloat32 } from '../src/index.js';

// A second build of the addon with the `test-panic` cargo feature (npm run build:test-addon).
const testAddon = createRequire(import.meta.url)('./.addon/binding.cjs') as {
  testPanic(message: string): void;
  s16ToF32(input: Int16Array, out: Float32Array): number;
};

describe('a panic in native code', () => {
  it('surfaces as ERR_NATIVE_PANIC and leaves the process and the addon usable', () => {
    let caught: unknown;
    try {
      testAddon.testPanic('deliberate test panic');
    } catch (error) {
      caught = fromNativeError(error);
    }
    expect(caught).toMatchObject({ code: 'ERR_NATIVE_PANIC' });
    expect((caught as Error).message).toMatch(/deliberate test panic/);
    const out = new Float32Array(1);
    expect(testAddon.s16ToF32(new Int16Array([16384]), out)).toBe(1);
    expect(out[0]).toBe(0.5);
    expect(toFloat32(new Int16Array([-16384]), 's16')[0]).toBe(-0.5);
  });
});
