import { describe, expect, it } from 'vitest';
import { expectPanicIsCoded, loadTestAddon } from '../../../tools/testing/native-panic.js';
import { type AudioFrame, DenoiseNode } from '../src/index.js';

const addon = loadTestAddon<object>(import.meta.url);

describe('a panic in native code', () => {
  it('surfaces as ERR_NATIVE_PANIC and leaves the process usable', () => {
    expectPanicIsCoded(addon);
    const frame = { samples: Float32Array.from([0.5]), sampleRate: 16_000, channels: 1 };
    expect((DenoiseNode.create().process(frame) as AudioFrame).samples[0]).toBe(0.5);
  });
});
