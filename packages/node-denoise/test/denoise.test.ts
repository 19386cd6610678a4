import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AudioFrame, DenoiseNode, nodes } from '../src/index.js';

const frame = (samples: number[]): AudioFrame => ({
  samples: Float32Array.from(samples),
  sampleRate: 48_000,
  channels: 2,
  timestamp: 20,
});

describe('DenoiseNode', () => {
  it('processes frames with its params', () => {
    const node = DenoiseNode.create({ gain: 0.5 });
    const out = node.process(frame([1, -1, 0.5, 0])) as AudioFrame;
    expect(Array.from(out.samples)).toEqual([0.5, -0.5, 0.25, 0]);
    expect(out).toMatchObject({ sampleRate: 48_000, channels: 2, timestamp: 20 });
  });

  it('rejects bad params and input with a code, and stays usable', () => {
    expect(() => DenoiseNode.create({ gian: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    const node = DenoiseNode.create();
    expect(() => node.process(frame([0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => node.process({} as AudioFrame)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(Array.from((node.process(frame([0.25, 0.25])) as AudioFrame).samples)).toEqual([
      0.25, 0.25,
    ]);
  });

  it('throws ERR_CLOSED after close()', () => {
    const node = DenoiseNode.create();
    node.close();
    node.close();
    expect(() => node.process(frame([0, 0]))).toThrow(
      expect.objectContaining({ code: 'ERR_CLOSED' }),
    );
  });

  it('nodes.json matches the definitions’ metadata', () => {
    const json = JSON.parse(readFileSync(new URL('../nodes.json', import.meta.url), 'utf8'));
    expect(json.nodes).toEqual(
      nodes.map((n) =>
        JSON.parse(JSON.stringify({ type: n.type, runtime: n.runtime, ...n.metadata })),
      ),
    );
  });
});
