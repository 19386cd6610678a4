// A session end to end: real speech through resample -> VAD over the live protocol, the events at
// the phrases' onsets, stop -> last outputs -> end -> close 1000; audio out as binary frames.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveServer, type LiveServer } from '../src/index.js';
import {
  outputsOf,
  registry,
  s16le,
  streamSession,
  upsampleManifest,
  vadManifest,
} from './client.js';
import { expectOnsets, type SpeechFixture, speechFixture } from './speech.js';

let server: LiveServer;
let speech16k: SpeechFixture;
/** How the 16 kHz fixture is sent as s16le: 32 bytes per ms. */
const S16LE_16K = { encoding: 's16le', sampleRate: 16000, channels: 1 } as const;

beforeAll(async () => {
  speech16k = speechFixture(mkdtempSync(join(tmpdir(), 'live-speech-')), 16000);
  server = await createLiveServer({
    registry,
    pipelines: { vad: vadManifest, up: upsampleManifest },
  });
});
afterAll(() => server.close());

interface SegmentEvent {
  type: 'speechStart' | 'speechEnd';
  startMs: number;
  endMs?: number;
}

describe('a live session', () => {
  it('reports speech events at the known onsets, then flushes, ends and closes with 1000', async () => {
    const { client, closed } = await streamSession(
      server.url,
      { pipeline: 'vad', ...S16LE_16K },
      s16le(speech16k.samples),
      32,
    );
    expect(closed).toEqual({ code: 1000, reason: 'end of stream' });

    expect(client.messages[0]).toMatchObject({
      type: 'started',
      pipeline: 'vad',
      sampleRate: 16000,
    });
    const last = client.messages.at(-1);
    expect(last?.type).toBe('end');
    expect(last?.receivedMs).toBeCloseTo((speech16k.samples.length / 16000) * 1000, 3);
    const events = outputsOf(client, 'events') as SegmentEvent[];
    expectOnsets(events, speech16k);
    // Every segment is closed, the last one by the flush at stop.
    expect(events.filter((e) => e.type === 'speechEnd')).toHaveLength(speech16k.phrases.length);
    // One decision per 30 ms of audio, in order, from 0 ms.
    const decisions = outputsOf(client, 'decisions') as { startMs: number; endMs: number }[];
    expect(decisions[0]?.startMs).toBe(0);
    expect(decisions.length).toBe(Math.floor(speech16k.samples.length / 480));
    expect(decisions.every((d, i) => d.startMs === i * 30)).toBe(true);
    // VAD's audio port passes the input through: it is not echoed back.
    expect(client.binary).toHaveLength(0);
  });

  it('takes f32le stereo at 48 kHz and finds the same onsets', async () => {
    const mono = speech16k.samples;
    const stereo = new Float32Array(mono.length * 6);
    // 3x upsampling by repetition is crude but keeps the onsets where they were.
    for (let i = 0; i < mono.length; i++) {
      for (let k = 0; k < 6; k++) stereo[i * 6 + k] = mono[i] ?? 0;
    }
    const { client, closed } = await streamSession(
      server.url,
      { pipeline: 'vad', encoding: 'f32le', sampleRate: 48000, channels: 2 },
      Buffer.from(stereo.buffer),
      48 * 2 * 4,
    );
    expect(closed.code).toBe(1000);
    expectOnsets(outputsOf(client, 'events') as SegmentEvent[], speech16k);
  });

  it('takes G.711 (alaw and mulaw, encoded by sox) at 8 kHz and finds the same onsets', async () => {
    const speech8k = speechFixture(mkdtempSync(join(tmpdir(), 'live-g711-')), 8000);
    for (const [encoding, sox] of [
      ['mulaw', 'mu-law'],
      ['alaw', 'a-law'],
    ] as const) {
      const bytes = execFileSync('sox', [speech8k.file, '-t', 'raw', '-e', sox, '-b', '8', '-']);
      const { client, closed } = await streamSession(
        server.url,
        { pipeline: 'vad', encoding, sampleRate: 8000, channels: 1 },
        bytes,
        8,
      );
      expect(closed.code).toBe(1000);
      expectOnsets(outputsOf(client, 'events') as SegmentEvent[], speech8k);
    }
  });

  it('sends the audio of an audio sink as binary frames in the client encoding', async () => {
    const second = speech16k.samples.subarray(16000, 32000);
    const { client, closed } = await streamSession(
      server.url,
      { pipeline: 'up', ...S16LE_16K },
      s16le(second),
      32,
    );
    expect(closed.code).toBe(1000);
    expect(client.messages.find((m) => m.type === 'audio')).toEqual({
      type: 'audio',
      encoding: 's16le',
      sampleRate: 48000,
      channels: 1,
    });
    const bytes = client.binary.reduce((n, b) => n + b.byteLength, 0);
    // One second in, three times the samples out (the resampler's tail flushed at stop).
    expect(bytes / 2).toBe(48000);
  });
});
