import { describe, expect, it } from 'vitest';
import { expectNodesJsonToMatch } from '../../../tools/testing/nodes-json.js';
import { type AudioFrame, detectSegments, nodes, VAD, type VadOutput } from '../src/index.js';
import { speech16k } from './helpers.js';

const frame = (samples: Float32Array, timestamp?: number, sampleRate = 16_000, channels = 1) =>
  (timestamp === undefined
    ? { samples, sampleRate, channels }
    : { samples, sampleRate, channels, timestamp }) as AudioFrame;

describe('VAD node', () => {
  it('nodes.json equals the definitions’ metadata', () => {
    expectNodesJsonToMatch(new URL('../nodes.json', import.meta.url), nodes);
    expect(VAD.metadata.params.additionalProperties).toBe(false);
    expect(VAD.metadata.inputs.map((p) => p.name)).toEqual(['audio']);
    expect(VAD.metadata.outputs.map((p) => p.name)).toEqual(['audio', 'decisions', 'events']);
  });

  it('passes audio through and reports decisions and segments on the frames’ timeline', () => {
    const params = { mode: 'aggressive', speechPadMs: 60 } as const;
    const node = VAD.create(params);
    const outputs: VadOutput[] = [];
    for (let at = 0, i = 0; at < speech16k.length; at += 320, i++) {
      const input = frame(speech16k.subarray(at, at + 320), 5_000 + i * 20);
      const out = node.process(input);
      expect(out.audio).toBe(input);
      outputs.push(out);
    }
    const tail = node.flush();
    if (tail) outputs.push(tail);
    const decisions = outputs.flatMap((o) => o.decisions ?? []);
    expect(decisions[0]).toMatchObject({ startMs: 5_000, endMs: 5_030 });
    expect(decisions).toHaveLength(Math.floor(speech16k.length / 480));
    const ends = outputs
      .flatMap((o) => o.events ?? [])
      .flatMap((e) => (e.type === 'speechEnd' ? [{ startMs: e.startMs, endMs: e.endMs }] : []));
    const expected = detectSegments(speech16k, { sampleRate: 16_000, ...params });
    expect(ends).toEqual(
      expected.map((s) => ({ startMs: s.startMs + 5_000, endMs: s.endMs + 5_000 })),
    );
    node.close();
  });

  it('omits the decisions and events keys when there are none', () => {
    const node = VAD.create({});
    const out = node.process(frame(new Float32Array(100)));
    expect(Object.keys(out)).toEqual(['audio']);
    expect(node.flush()).toBeUndefined();
  });

  it('rejects bad params at create and bad frames at process, staying usable', () => {
    for (const [params, message] of [
      [{ rate: 1 }, /unknown param 'rate'/],
      [{ mode: 9 }, /mode must be/],
      [{ frameMs: 15 }, /frameMs must be/],
      [{ sampleRate: 0 }, /sampleRate must be/],
      [{ maxSpeechMs: 1 }, /maxSpeechMs must be/],
      [[], /params must be an object/],
    ] as const) {
      expect(() => VAD.create(params as never)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_PARAM',
          message: expect.stringMatching(message),
        }),
      );
    }
    const node = VAD.create({ sampleRate: 16_000 });
    expect(() => node.process(frame(new Float32Array(441), undefined, 44_100))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringMatching(/44100 Hz/),
      }),
    );
    expect(() => node.process({ samples: [1] } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => node.process(frame(Float32Array.of(Number.NaN)))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(node.process(frame(new Float32Array(480))).decisions).toHaveLength(1);
    node.close();
    node.close();
    expect(() => node.process(frame(new Float32Array(480)))).toThrow(
      expect.objectContaining({ code: 'ERR_CLOSED' }),
    );
  });
});
