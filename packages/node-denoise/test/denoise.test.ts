import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concat } from '../../../tools/testing/typed-arrays.js';
import { type AudioFrame, DenoiseNode, Denoiser, nodes } from '../src/index.js';
import { denoise, type VoiceReport } from './helpers.js';

/** A 220 Hz tone switched on and off every 100 ms, in seeded noise, interleaved. */
function signal(sampleRate: number, channels: number, seconds: number): Float32Array {
  const frames = Math.round(sampleRate * seconds);
  const out = new Float32Array(frames * channels);
  let seed = 11;
  for (let i = 0; i < frames; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const on = Math.floor((i / sampleRate) * 10) % 2 === 0 ? 0.3 : 0;
    const v = on * Math.sin((2 * Math.PI * 220 * i) / sampleRate) + (seed / 2 ** 31 - 0.5) * 0.05;
    for (let c = 0; c < channels; c++) out[i * channels + c] = v * (1 - c * 0.25);
  }
  return out;
}

describe('DenoiseNode', () => {
  it('gives as many samples as it took, at any rate and layout, with voice per 10 ms', () => {
    for (const [sampleRate, channels] of [
      [48_000, 1],
      [16_000, 1],
      [44_100, 2],
      [8_000, 2],
    ] as const) {
      const input = signal(sampleRate, channels, 0.5);
      const out = denoise(input, { sampleRate, channels }, {}, sampleRate / 50);
      expect(out.audio.length, `${sampleRate} Hz x ${channels}`).toBe(input.length);
      expect(out.voice.map((v) => v.startMs)).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
      for (const v of out.voice) expect(v.probability).toBeGreaterThanOrEqual(0);
      for (const v of out.voice) expect(v.probability).toBeLessThanOrEqual(1);
      // The output is the input's timeline: frames are stamped by where they sit in it.
      expect(out.stamps[0]).toBe(0);
    }
  });

  it('mix 0 gives the input back, and mix blends the denoised signal with it', () => {
    const input = signal(16_000, 1, 0.4);
    const format = { sampleRate: 16_000, channels: 1 };
    expect(denoise(input, format, { mix: 0 }, 160).audio).toEqual(input);
    const wet = denoise(input, format, { mix: 1 }, 160).audio;
    const half = denoise(input, format, { mix: 0.5 }, 160).audio;
    half.forEach((h, i) => {
      expect(h).toBeCloseTo(0.5 * (wet[i] as number) + 0.5 * (input[i] as number), 5);
    });
  });

  it('rejects bad params and input with a code, and stays usable', () => {
    for (const params of [{ gain: 1 }, { mix: 2 }, { mix: 'all' }]) {
      expect(() => DenoiseNode.create(params as never)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
      );
    }
    const node = DenoiseNode.create();
    const frame = (samples: number[], sampleRate = 48_000, channels = 2): AudioFrame => ({
      samples: Float32Array.from(samples),
      sampleRate,
      channels,
    });
    node.process(frame([0.1, 0.1]));
    for (const bad of [
      frame([0, 0, 0]),
      frame([0, Number.NaN]),
      frame([0, 0], 16_000),
      frame([0, 0], 48_000, 1),
      {} as AudioFrame,
    ]) {
      expect(() => node.process(bad)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
      );
    }
    node.process(frame([0.25, 0.25]));
    const tail = node.flush() as { audio: AudioFrame };
    expect(tail.audio.samples.length).toBe(4);
    // After a flush the next stream may have another format.
    expect(() => node.process(frame([0.5], 16_000, 1))).not.toThrow();
    node.close();
  });

  it('throws ERR_CLOSED after close()', () => {
    const node = DenoiseNode.create();
    node.close();
    node.close();
    expect(() =>
      node.process({ samples: new Float32Array(2), sampleRate: 48_000, channels: 1 }),
    ).toThrow(expect.objectContaining({ code: 'ERR_CLOSED' }));
  });

  it('runs as a streaming class: process, processInto, flush, reset, close', () => {
    const input = signal(16_000, 2, 0.3);
    const format = { sampleRate: 16_000, channels: 2 };
    const node = denoise(input, format, { mix: 0.8 });
    const stream = new Denoiser({ ...format, params: { mix: 0.8 } });
    const run = () => {
      const parts: Float32Array[] = [];
      const voice: VoiceReport[] = [];
      const out = new Float32Array(4096);
      for (let at = 0; at < input.length; at += 640) {
        const n = stream.processInto(input.subarray(at, at + 640), out);
        parts.push(out.slice(0, n));
        voice.push(...((stream.json()?.voice as VoiceReport[] | undefined) ?? []));
      }
      parts.push(stream.flush().slice());
      voice.push(...((stream.json()?.voice as VoiceReport[] | undefined) ?? []));
      return { audio: concat(parts), voice };
    };
    const streamed = run();
    expect(streamed.audio).toEqual(node.audio);
    expect(streamed.voice).toEqual(node.voice);
    expect(() => stream.process(Float32Array.from([1]))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    stream.process(input.subarray(0, 1000));
    stream.reset();
    expect(run().audio).toEqual(node.audio);
    stream.close();
    expect(() => stream.process(Float32Array.from([1, 1]))).toThrow(
      expect.objectContaining({ code: 'ERR_CLOSED' }),
    );
    expect(() => new Denoiser({ sampleRate: 16_000, params: { mixx: 1 } } as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_PARAM',
        message: expect.stringContaining('mixx'),
      }),
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
