import { describe, expect, it } from 'vitest';
import { expectPanicIsCoded, loadTestAddon } from '../../../tools/testing/native-panic.js';
import { DenoiseNode } from '../src/index.js';

const addon = loadTestAddon<object>(import.meta.url);

describe('a panic in native code', () => {
  it('surfaces as ERR_NATIVE_PANIC and leaves the process usable', () => {
    expectPanicIsCoded(addon);
    const node = DenoiseNode.create();
    node.process({ samples: new Float32Array(480), sampleRate: 48_000, channels: 1 });
    const tail = node.flush() as { audio: { samples: Float32Array } };
    expect(tail.audio.samples.length).toBe(480);
  });
});
