// AudioConformer: the audio of frames in other formats lands in the first frame's format, each
// run of frames at one rate resampled as one stream, so nothing is dropped when formats switch.
import type { AudioFrame } from '@remotemedia/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { concat } from '../../../tools/testing/typed-arrays.js';
import { OutputCollector } from '../src/run/collect.js';
import { AudioConformer, type ConvertTools } from '../src/run/conform-audio.js';
import { loadConvertTools } from '../src/run/convert-tools.js';

let tools: ConvertTools;
/** Resamplers created and closed through `tools`. */
const resamplers = { created: 0, closed: 0 };

beforeAll(async () => {
  const native = await loadConvertTools();
  tools = {
    ...native,
    createResampler: (from, to, channels) => {
      const inner = native.createResampler(from, to, channels);
      resamplers.created++;
      return {
        process: (input) => inner.process(input),
        flush: () => inner.flush(),
        close: () => {
          resamplers.closed++;
          inner.close();
        },
      };
    },
  };
});

/** `ms` of a constant `level` at `sampleRate` with `channels` channels. */
function frame(sampleRate: number, channels: number, ms: number, level: number): AudioFrame {
  const samples = new Float32Array(((sampleRate * ms) / 1000) * channels).fill(level);
  return { samples, sampleRate, channels, timestamp: 0 };
}

function run(frames: AudioFrame[]): { audio: Float32Array; converted: number } {
  const conformer = new AudioConformer(frames[0] as AudioFrame, tools);
  const chunks = frames.flatMap((f) => conformer.push(f));
  chunks.push(...conformer.flush());
  return { audio: concat(chunks), converted: conformer.converted };
}

describe('AudioConformer', () => {
  it('keeps every second of audio across rate switches and back', () => {
    const rates = [48_000, 16_000, 16_000, 48_000, 24_000, 44_100, 48_000];
    const frames = rates.map((rate) => frame(rate, 2, 100, 0.25));
    const { audio, converted } = run(frames);
    expect(converted).toBe(4);
    // 700 ms at 48 kHz stereo, within a sample per resampled run.
    expect(Math.abs(audio.length / 2 - 33_600)).toBeLessThanOrEqual(3);
    // One resampler per run of frames at another rate, each closed once flushed.
    expect(resamplers).toEqual({ created: 3, closed: 3 });
  });

  it('mixes channels down and up, and passes the first format through untouched', () => {
    const first = frame(16_000, 2, 20, 0.5);
    const stereo = new AudioConformer(first, tools);
    const mono = frame(16_000, 1, 20, 0.3);
    const [up] = stereo.push(mono);
    expect(up).toHaveLength(640);
    expect(up?.every((v) => Math.abs(v - 0.3) < 1e-7)).toBe(true);
    const [same] = stereo.push(first);
    expect(same).toEqual(first.samples);
    expect(same).not.toBe(first.samples); // a copy: nodes may reuse their buffers

    const toMono = new AudioConformer(frame(16_000, 1, 20, 0), tools);
    const quad = new Float32Array(320 * 4).map((_, i) => (i % 4) * 0.1);
    const [down] = toMono.push({ samples: quad, sampleRate: 16_000, channels: 4, timestamp: 0 });
    expect(down).toHaveLength(320);
    expect(down?.[0]).toBeCloseTo(0.15, 6);
  });

  it('keeps the first channels between layouts of several channels, as FormatConverter does', () => {
    const stereo = new AudioConformer(frame(16_000, 2, 20, 0), tools);
    // Four channels with distinct levels: the first two pass, the rest are dropped.
    const quad = new Float32Array(320 * 4).map((_, i) => [0.1, -0.2, 0.3, 0.4][i % 4] as number);
    const [two] = stereo.push({ samples: quad, sampleRate: 16_000, channels: 4, timestamp: 0 });
    expect(two).toHaveLength(640);
    expect([two?.[0], two?.[1]]).toEqual([Math.fround(0.1), Math.fround(-0.2)]);
    // And up: two channels into four, the new ones silent.
    const four = new AudioConformer(frame(16_000, 4, 20, 0), tools);
    const [wide] = four.push(frame(16_000, 2, 20, 0.5));
    expect(Array.from(wide?.subarray(0, 4) ?? [])).toEqual([0.5, 0.5, 0, 0]);
  });

  it('skips empty frames: they carry no audio and start no resampler', () => {
    const before = resamplers.created;
    const conformer = new AudioConformer(frame(48_000, 2, 20, 0.1), tools);
    const empty = { samples: new Float32Array(0), sampleRate: 16_000, channels: 1, timestamp: 0 };
    expect(conformer.push(empty)).toEqual([]);
    expect(conformer.converted).toBe(0);
    expect(resamplers.created).toBe(before);
  });

  it('leaves a frame it cannot convert out of --output with a warning, and goes on', () => {
    const collector = new OutputCollector(
      [{ id: 'sink', outputs: [{ name: 'out', type: 'audio' }] }],
      tools,
    );
    collector.add('sink', frame(48_000, 2, 20, 0.25));
    collector.add('sink', frame(6_000, 2, 20, 0.25)); // below the resampler's 8 kHz
    collector.add('sink', frame(48_000, 2, 20, 0.25));
    const audio = collector.audio();
    expect(audio?.samples).toHaveLength(2 * 960 * 2);
    expect(collector.warnings).toEqual([
      expect.stringMatching(
        /^a 6000 Hz 2-channel frame could not be converted for --output \(.+\); left out$/,
      ),
    ]);
    // The durations in --json count every frame.
    expect(collector.values.sink?.out).toEqual({ durationMs: 60 });
  });
});
