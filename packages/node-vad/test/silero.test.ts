// engine: 'silero' through the public API: onnxruntime's probabilities on the reference fixtures
// (crates/silero/scripts/make_reference.py), chunking invariance, hysteresis, segments and the node.
import { readFileSync } from 'node:fs';
import { decodeWav } from '@remotemedia/node-format';
import { describe, expect, it } from 'vitest';
import { detectSegments, detectSegmentsAsync, VAD, Vad, type VadDecision } from '../src/index.js';
import { toInt16 } from './helpers.js';

const fixtures = new URL('../../../crates/silero/tests/fixtures/', import.meta.url);
const wav = (name: string) => decodeWav(readFileSync(new URL(`speech-${name}.wav`, fixtures)));
const reference = (name: string) =>
  readFileSync(new URL(`reference-${name}.txt`, fixtures), 'utf8')
    .trim()
    .split('\n')
    .map(Number);

function run(vad: Vad, samples: Float32Array | Int16Array, sizes: number[]): VadDecision[] {
  const out: VadDecision[] = [];
  let at = 0;
  for (let i = 0; at < samples.length; i++) {
    const end = Math.min(samples.length, at + (sizes[i % sizes.length] as number));
    out.push(...vad.process(samples.subarray(at, end)));
    at = end;
  }
  out.push(...vad.flush());
  return out;
}

describe('Vad with engine silero', () => {
  it.each(['16k', '8k'])('gives onnxruntime probabilities within 1e-4 at %s', (name) => {
    const { samples, sampleRate } = wav(name);
    const expected = reference(name);
    using vad = new Vad({ sampleRate, engine: 'silero' });
    const got = run(vad, toInt16(samples), [samples.length]);
    expect(got).toHaveLength(expected.length);
    const worst = Math.max(...got.map((d, i) => Math.abs(d.probability - (expected[i] as number))));
    expect(worst).toBeLessThanOrEqual(1e-4);
    expect(got[3]).toMatchObject({ startMs: 96, endMs: 128 });
    // Hysteresis: speech starts at 0.5 and holds down to 0.35.
    let inSpeech = false;
    for (const d of got) {
      if (d.probability >= 0.5) inSpeech = true;
      else if (d.probability < 0.35) inSpeech = false;
      expect(d.speech).toBe(inSpeech);
    }
  });

  it('decides the same for any chunking, f32 or i16, and after reset', () => {
    const { samples, sampleRate } = wav('16k');
    using vad = new Vad({ sampleRate, engine: 'silero', threshold: 0.6, negThreshold: 0.3 });
    const whole = run(vad, samples, [samples.length]);
    expect(whole.filter((d) => d.speech).length).toBeGreaterThan(whole.length / 5);
    for (const sizes of [[1_000], [7, 511, 1, 4_000]]) {
      expect(run(vad, samples, sizes)).toEqual(whole);
    }
    vad.process(samples.subarray(0, 9_000));
    vad.reset();
    const i16 = run(vad, toInt16(samples), [333]);
    expect(i16.map((d) => d.speech)).toEqual(whole.map((d) => d.speech));
  });

  it('finds the same segments at 44.1 kHz as at 16 kHz, sync and async', async () => {
    const { samples, sampleRate } = wav('16k');
    const at16 = detectSegments(samples, { sampleRate, engine: 'silero' });
    expect(at16.length).toBeGreaterThanOrEqual(2);
    expect(await detectSegmentsAsync(samples, { sampleRate, engine: 'silero' })).toEqual(at16);
    const { samples: s8 } = wav('8k');
    const at8 = detectSegments(s8, { sampleRate: 8_000, engine: 'silero' });
    expect(at8).toHaveLength(at16.length);
    // A crude 44.1 kHz copy: the internal resampler is delay-compensated, so the times agree.
    const up = new Float32Array(Math.floor((samples.length * 44_100) / 16_000));
    for (let i = 0; i < up.length; i++) up[i] = samples[Math.floor((i * 16_000) / 44_100)] ?? 0;
    const at44 = detectSegments(up, { sampleRate: 44_100, engine: 'silero' });
    expect(at44).toHaveLength(at16.length);
    at44.forEach((s, i) => {
      expect(Math.abs(s.startMs - (at16[i]?.startMs ?? 0))).toBeLessThanOrEqual(64);
      expect(Math.abs(s.endMs - (at16[i]?.endMs ?? 0))).toBeLessThanOrEqual(64);
    });
  });

  it('refuses bad settings and bad input with coded errors and stays usable', () => {
    const bad = (options: object, message: RegExp) =>
      expect(() => new Vad({ sampleRate: 16_000, ...options })).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_PARAM',
          message: expect.stringMatching(message),
        }),
      );
    bad({ engine: 'neural' }, /engine must be 'webrtc' or 'silero'/);
    bad({ engine: 'silero', frameMs: 30 }, /frameMs must be 32 with engine 'silero'/);
    bad({ engine: 'silero', threshold: 1 }, /threshold/);
    bad({ engine: 'silero', threshold: Number.NaN }, /threshold/);
    bad({ engine: 'silero', threshold: 0.4, negThreshold: 0.5 }, /negThreshold must not be above/);
    bad({ engin: 'silero' }, /unknown option 'engin' for Vad \(did you mean 'engine'\?\)/);
    using vad = new Vad({ sampleRate: 16_000, engine: 'silero' });
    const poisoned = new Float32Array(1_024);
    poisoned[700] = Number.NaN;
    expect(() => vad.process(poisoned)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => vad.process('audio' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(vad.process(new Float32Array(1_024))).toHaveLength(2);
  });

  it('runs as the VAD node with probabilities on each decision', () => {
    const { samples, sampleRate } = wav('16k');
    const node = VAD.create({ engine: 'silero', threshold: 0.5, minSilenceMs: 200 });
    const first = node.process({ samples: samples.subarray(0, 16_000), sampleRate, channels: 1 });
    expect(first.decisions).toHaveLength(31);
    expect(first.decisions?.[30]).toMatchObject({ startMs: 960, endMs: 992 });
    expect(typeof first.decisions?.[30]?.probability).toBe('number');
    const rest = node.process({ samples: samples.subarray(16_000), sampleRate, channels: 1 });
    const events = [
      ...(first.events ?? []),
      ...(rest.events ?? []),
      ...(node.flush()?.events ?? []),
    ];
    expect(events.filter((e) => e.type === 'speechEnd').length).toBeGreaterThanOrEqual(2);
    node.close();
    expect(() => VAD.create({ engine: 'silero', frameMs: 20 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    expect(() => VAD.create({ engine: 'silero', treshold: 0.5 } as never)).toThrow(
      /did you mean 'threshold'/,
    );
  });
});
