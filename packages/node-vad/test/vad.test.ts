import { describe, expect, it } from 'vitest';
import { concat } from '../../../tools/testing/typed-arrays.js';
import { type SegmentEvent, Vad, type VadDecision } from '../src/index.js';
import { atRate, FIXTURE_RATE, speech16k, toInt16 } from './helpers.js';

/** Decisions for `input` fed in chunks of `size` samples through processInto, then flush. */
function chunked(input: Float32Array | Int16Array, rate: number, size: number): Uint8Array {
  const vad = new Vad({ sampleRate: rate, mode: 'aggressive' });
  const parts: Uint8Array[] = [];
  const buf = new Uint8Array(1024);
  for (let at = 0; at < input.length; at += size) {
    const n = vad.processInto(input.subarray(at, at + size), buf);
    parts.push(buf.slice(0, n));
  }
  parts.push(Uint8Array.from(vad.flush(), (d) => (d.speech ? 1 : 0)));
  vad.close();
  return concat(parts);
}

describe('Vad', () => {
  it('returns timed decisions covering the input, with speech and silence', () => {
    const vad = new Vad({ sampleRate: FIXTURE_RATE, frameMs: 20 });
    const decisions = vad.process(speech16k);
    const frames = Math.floor(speech16k.length / 320);
    expect(decisions).toHaveLength(frames);
    decisions.forEach((d: VadDecision, i) => {
      expect(d.startMs).toBe(i * 20);
      expect(d.endMs).toBe(i * 20 + 20);
    });
    const speech = decisions.filter((d) => d.speech).length;
    expect(speech).toBeGreaterThan(frames / 4);
    expect(speech).toBeLessThan((frames * 9) / 10);
    // The recording starts with 0.6 s of noise only; webrtc-vad needs a few frames to learn it.
    expect(decisions.slice(5, 25).some((d) => d.speech)).toBe(false);
  });

  it('gives the same decisions for 1-sample, 7-sample and 1-second chunks, f32 or i16', () => {
    for (const rate of [16_000, 44_100, 48_000]) {
      const input = rate === FIXTURE_RATE ? speech16k : atRate(speech16k, FIXTURE_RATE, rate);
      const whole = chunked(input, rate, input.length);
      expect(whole.length).toBeGreaterThan(200);
      expect(chunked(input, rate, 7)).toEqual(whole);
      expect(chunked(input, rate, rate)).toEqual(whole);
      expect(chunked(toInt16(input), rate, 480)).toEqual(whole);
    }
    const short = speech16k.subarray(0, 16_000);
    expect(chunked(short, 16_000, 1)).toEqual(chunked(short, 16_000, short.length));
  });

  it('reports where the decisions of the last call start', () => {
    const vad = new Vad({ sampleRate: 16_000, frameMs: 10 });
    const out = new Uint8Array(8);
    expect(vad.processInto(speech16k.subarray(0, 250), out)).toBe(1);
    expect(vad.firstFrameStartMs).toBe(0);
    expect(vad.processInto(speech16k.subarray(250, 500), out)).toBe(2);
    expect(vad.firstFrameStartMs).toBe(10);
    expect(vad.nextFrameStartMs).toBe(30);
    vad.reset();
    expect(vad.nextFrameStartMs).toBe(0);
  });

  it('takes 44.1 kHz stereo: downmixed, resampled, on the input timeline', () => {
    const mono = atRate(speech16k, FIXTURE_RATE, 44_100);
    const stereo = new Float32Array(mono.length * 2);
    mono.forEach((v, i) => {
      stereo[2 * i] = v;
      stereo[2 * i + 1] = v;
    });
    const vad = new Vad({ sampleRate: 44_100, channels: 2, mode: 'aggressive' });
    const decisions = [...vad.process(stereo), ...vad.flush()];
    const reference = new Vad({ sampleRate: 16_000, mode: 'aggressive' }).process(speech16k);
    expect(decisions.length).toBe(Math.floor(mono.length / 1323));
    const agree = decisions.filter((d, i) => d.speech === reference[i]?.speech).length;
    expect(agree / decisions.length).toBeGreaterThan(0.9);
    expect(vad.resamplerLatencyMs).toBeGreaterThan(0);
  });

  it('emits padded speech segments through onSegment, ending the last at flush', () => {
    const events: SegmentEvent[] = [];
    const vad = new Vad({
      sampleRate: 16_000,
      mode: 'aggressive',
      speechPadMs: 60,
      minSpeechMs: 200,
      minSilenceMs: 400,
      onSegment: (e) => events.push(e),
    });
    for (let at = 0; at < speech16k.length; at += 320)
      vad.process(speech16k.subarray(at, at + 320));
    vad.flush();
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events.length % 2).toBe(0);
    for (let i = 0; i < events.length; i += 2) {
      const [start, end] = [events[i], events[i + 1]];
      expect(start?.type).toBe('speechStart');
      expect(end).toMatchObject({ type: 'speechEnd', startMs: start?.startMs });
      if (end?.type === 'speechEnd') expect(end.endMs).toBeGreaterThan(end.startMs);
    }
    // The first sentence starts after 0.6 s of noise (the detector's 0.1 s start-up blip is
    // shorter than minSpeechMs); the pre-roll reaches back before it, not to 0.
    expect(events[0]?.startMs).toBeGreaterThan(300);
    expect(events[0]?.startMs).toBeLessThan(800);
  });

  it('splits long speech at maxSpeechMs', () => {
    const segments: SegmentEvent[] = [];
    const vad = new Vad({
      sampleRate: 16_000,
      minSilenceMs: 2_000,
      maxSpeechMs: 1_000,
      onSegment: (e) => segments.push(e),
    });
    vad.process(speech16k);
    vad.flush();
    const ends = segments.filter((e) => e.type === 'speechEnd');
    expect(ends.length).toBeGreaterThan(3);
    for (const e of ends)
      if (e.type === 'speechEnd') expect(e.endMs - e.startMs).toBeLessThanOrEqual(1_000);
  });
});
