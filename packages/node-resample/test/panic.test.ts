import { createRequire } from 'node:module';
import { fromNativeError } from '@remotemedia/errors';
import { describe, expect, it } from 'vitest';
import { resample } from '../src/index.js';

// A second build of the addon with the `test-panic` cargo feature (npm run build:test-addon).
const testAddon = createRequire(import.meta.url)('./.addon/binding.cjs') as {
  testPanic(message: string): void;
  resample(
    input: Float32Array,
    from: number,
    to: number,
    channels: number,
    quality: string,
  ): Float32Array;
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
    expect(testAddon.resample(new Float32Array(480), 48_000, 16_000, 1, 'fast').length).toBe(160);
    expect(resample(new Float32Array(480), { from: 48_000, to: 16_000 }).length).toBe(160);
  });
});
