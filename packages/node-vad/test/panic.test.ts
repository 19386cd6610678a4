import { fromNativeError } from '@remotemedia/errors';
import { describe, expect, it } from 'vitest';
import { loadTestAddon } from '../../../tools/testing/native-panic.js';
import { Vad } from '../src/index.js';

// A second build of the addon with the `test-panic` cargo feature (npm run build:test-addon).
const testAddon = loadTestAddon<{
  testPanicInSilero(): number;
  detectSegmentsF32(samples: Float32Array, options: object): unknown[];
}>(import.meta.url);

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
    const options = {
      sampleRate: 16_000,
      channels: 1,
      engine: 'webrtc',
      mode: 0,
      frameMs: 30,
      threshold: 0.5,
      negThreshold: 0.35,
      segments: true,
      speechPadMs: 0,
      minSpeechMs: 0,
      minSilenceMs: 300,
    };
    expect(testAddon.detectSegmentsF32(new Float32Array(1_600), options)).toEqual([]);
    expect(new Vad({ sampleRate: 16_000 }).process(new Float32Array(480))).toHaveLength(1);
  });

  it('inside Silero inference surfaces as ERR_NATIVE_PANIC and Silero keeps working', () => {
    let caught: unknown;
    try {
      testAddon.testPanicInSilero();
    } catch (error) {
      caught = fromNativeError(error);
    }
    expect(caught).toMatchObject({ code: 'ERR_NATIVE_PANIC' });
    expect((caught as Error).message).toMatch(/Silero window length/);
    const vad = new Vad({ sampleRate: 16_000, engine: 'silero' });
    expect(vad.process(new Float32Array(1_024))).toHaveLength(2);
  });
});
