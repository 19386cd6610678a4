import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatConverter, nodes } from '../src/index.js';

const frame = (samples: number[], channels: number, sampleRate = 48000) => ({
  samples: Float32Array.from(samples),
  sampleRate,
  channels,
  timestamp: 20,
});

describe('FormatConverter node', () => {
  it('downmixes stereo to mono and emits s16 PCM bytes', () => {
    const node = FormatConverter.create({ channels: 1, format: 's16' });
    const out = node.process(frame([0.5, 0.5, -0.5, 0], 2));
    expect(Array.from(out.audio.samples)).toEqual([0.5, -0.25]);
    expect(out.audio.channels).toBe(1);
    expect(out.audio.timestamp).toBe(20);
    expect(out.pcm?.readInt16LE(0)).toBe(16384);
    expect(out.pcm?.readInt16LE(2)).toBe(-8192);
  });

  it('upmixes mono and passes through matching layouts untouched', () => {
    const node = FormatConverter.create({ channels: 2 });
    expect(Array.from(node.process(frame([0.25], 1)).audio.samples)).toEqual([0.25, 0.25]);
    const same = frame([0.1, 0.2], 2);
    expect(node.process(same).audio).toBe(same);
  });

  it('rejects a frame at the wrong sample rate, then keeps working', () => {
    const node = FormatConverter.create({ sampleRate: 16000 });
    expect(() => node.process(frame([0], 1, 48000))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringMatching(/AudioResample/),
      }),
    );
    expect(node.process(frame([0.5], 1, 16000)).audio.samples[0]).toBe(0.5);
  });

  it('rejects unknown and invalid params naming the field', () => {
    expect(() => FormatConverter.create({ chanels: 2 } as never)).toThrow(
      /unknown param 'chanels'/,
    );
    expect(() => FormatConverter.create({ channels: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    expect(() => FormatConverter.create({ format: 'mp3' as never })).toThrow(
      /format must be one of/,
    );
  });

  it('fails with ERR_CLOSED after close()', () => {
    const node = FormatConverter.create();
    node.close();
    node.close();
    expect(() => node.process(frame([0], 1))).toThrow(
      expect.objectContaining({ code: 'ERR_CLOSED' }),
    );
  });

  it('nodes.json matches the exported definitions', () => {
    const json = JSON.parse(readFileSync(new URL('../nodes.json', import.meta.url), 'utf8'));
    expect(json.nodes).toEqual(
      nodes.map((n) => ({ type: n.type, runtime: n.runtime, ...n.metadata })),
    );
  });
});
