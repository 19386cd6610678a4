// AudioConformer: the audio of frames in other formats lands in the first frame's format, each
// run of frames at one rate resampled as one stream, so nothing is dropped when formats switch.
import type { AudioFrame } from '@remotemedia/core';
import { downmix, upmix } from '@remotemedia/node-format';
import { Resampler } from '@remotemedia/node-resample';
import { describe, expect, it } from 'vitest';
import { AudioConformer } from '../src/run/conform-audio.js';

const tools = {
  downmix,
  upmix,
  createResampler: (from: number, to: number, channels: number) =>
    new Resampler({ from, to, channels }),
};

/** `ms` of a constant `level` at `sampleRate` with `channels` channels. */
function frame(sampleRate: number, channels: number, ms: number, level: number): AudioFrame {
  const samples = new Float32Array(((sampleRate * ms) / 1000) * channels).fill(level);
  return { samples, sampleRate, channels, timestamp: 0 };
}

function run(frames: AudioFrame[]): { audio: Float32Array; converted: number } {
  const conformer = new AudioConformer(frames[0] as AudioFrame, tools);
  const chunks = frames.flatMap((f) => conformer.push(f));
  chunks.push(...conformer.flush());
  const audio = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    audio.set(c, at);
    at += c.length;
  }
  return { audio, converted: conformer.converted };
}

describe('AudioConformer', () => {
  it('keeps every second of audio across rate switches and back', () => {
    const rates = [48_000, 16_000, 16_000, 48_000, 24_000, 44_100, 48_000];
    const frames = rates.map((rate) => frame(rate, 2, 100, 0.25));
    const { audio, converted } = run(frames);
    expect(converted).toBe(4);
    // 700 ms at 48 kHz stereo, within a sample per resampled run.
    expect(Math.abs(audio.length / 2 - 33_600)).toBeLessThanOrEqual(3);
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
});
