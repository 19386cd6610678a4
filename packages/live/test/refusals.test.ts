// Bad clients: each gets its error code, close code and reason, while a good session streaming
// real speech at the same time is not disturbed.
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveServer, type LiveServer, type SessionEnd } from '../src/index.js';
import {
  connect,
  outputsOf,
  registry,
  s16le,
  sendFrames,
  stop,
  type TestClient,
  upsampleManifest,
  vadManifest,
} from './client.js';
import { clientFrame, rawUpgrade } from './raw-socket.js';
import { expectOnsets, type SpeechFixture, speechFixture } from './speech.js';

const start = { type: 'start', pipeline: 'vad', encoding: 's16le', sampleRate: 16000, channels: 1 };
let server: LiveServer;
let speech: SpeechFixture;
const ends: SessionEnd[] = [];

beforeAll(async () => {
  speech = speechFixture(mkdtempSync(join(tmpdir(), 'live-speech-')), 16000);
  server = await createLiveServer({
    registry,
    pipelines: { vad: vadManifest, up: upsampleManifest },
    limits: { maxFrameBytes: 4096, outputHighWaterBytes: 65536, slowClientMs: 1000 },
    onSessionEnd: (end) => ends.push(end),
  });
});
afterAll(() => server.close());

async function refused(client: TestClient) {
  const closed = await client.closed;
  const error = client.messages.find((m) => m.type === 'error');
  return { ...closed, error: error?.code, message: error?.message };
}

async function opened(): Promise<TestClient> {
  const client = connect(server.url);
  await client.opened;
  return client;
}

/** How a new client that sends `messages` (objects as JSON, the rest as they are) is refused. */
async function refusedAfter(...messages: (Record<string, unknown> | Buffer | string)[]) {
  const client = await opened();
  for (const m of messages) {
    if (Buffer.isBuffer(m) || typeof m === 'string') client.ws.send(m);
    else client.send(m);
  }
  return refused(client);
}

describe('bad clients', () => {
  it('are each closed with their code and reason while a good session goes on', async () => {
    const good = await opened();
    good.send(start);
    const streaming = sendFrames(good, s16le(speech.samples), 32);

    expect(await refusedAfter(Buffer.alloc(640))).toEqual({
      code: 1002,
      reason: 'audio before start; send {"type":"start",...} first',
      error: 'ERR_PROTOCOL',
      message: 'audio before start; send {"type":"start",...} first',
    });

    expect(await refusedAfter({ ...start, pipeline: 'nope' })).toMatchObject({
      code: 4404,
      reason: 'no pipeline named "nope"; this server serves: vad, up',
      error: 'ERR_UNKNOWN_PIPELINE',
    });

    expect(await refusedAfter({ ...start, encoding: 'opus' })).toMatchObject({
      code: 1003,
      error: 'ERR_UNSUPPORTED_FORMAT',
    });

    expect(await refusedAfter({ ...start, sampleRate: 4000 })).toMatchObject({
      code: 1003,
      reason: 'sampleRate 4000 is not supported; use an integer from 8000 to 192000 Hz',
    });

    expect(await refusedAfter(start, Buffer.alloc(8000))).toMatchObject({
      code: 1009,
      reason: 'an audio frame of 8000 bytes is over the limit of 4096; send 20 ms frames',
      error: 'ERR_FRAME_TOO_LARGE',
    });

    expect(await refusedAfter(start, Buffer.alloc(641))).toMatchObject({
      code: 1007,
      error: 'ERR_BAD_FRAME',
    });

    expect(await refusedAfter('{"type": "start", pipeline}')).toMatchObject({
      code: 1002,
      reason: 'a text message must be JSON',
      error: 'ERR_PROTOCOL',
    });

    const flood = Array.from({ length: 1000 }, () => Buffer.alloc(640));
    expect(await refusedAfter(start, ...flood)).toMatchObject({
      code: 1008,
      reason: 'more than 200 messages per second; send 20 ms frames',
      error: 'ERR_RATE_LIMITED',
    });

    // Half a frame on the wire, then the connection is gone.
    const raw = await rawUpgrade(server.port);
    raw.write(clientFrame(1, Buffer.from(JSON.stringify(start))));
    const started = String((await once(raw, 'data'))[0]);
    expect(started).toContain('"type":"started"');
    raw.write(clientFrame(2, Buffer.alloc(100), 640).subarray(0, 60));
    const lost = ends.length;
    raw.destroy();
    await expect.poll(() => ends.length).toBeGreaterThan(lost);
    expect(ends.at(-1)).toMatchObject({ code: 1006, reason: 'connection lost', pipeline: 'vad' });

    await streaming;
    expect(await stop(good)).toEqual({ code: 1000, reason: 'end of stream' });
    expectOnsets(outputsOf(good, 'events') as { type: string; startMs: number }[], speech);
    await expect.poll(() => server.sessions).toBe(0);
  });

  it('a client that never reads is closed with ERR_SLOW_CONSUMER once it reads again', async () => {
    const client = await opened();
    client.send({ ...start, pipeline: 'up' });
    client.ws.pause();
    const frame = s16le(speech.samples.subarray(0, 2048));
    const sending = setInterval(() => {
      for (let i = 0; i < 10; i++) client.ws.send(frame);
    }, 100);
    try {
      // Loopback socket buffers hold megabytes before the server sees its own output back up.
      await expect.poll(() => server.refused.ERR_SLOW_CONSUMER, { timeout: 60_000 }).toBe(1);
    } finally {
      clearInterval(sending);
    }
    client.ws.resume();
    expect(await refused(client)).toMatchObject({ code: 1008, error: 'ERR_SLOW_CONSUMER' });
    expect(client.binary.length).toBeGreaterThan(0);
  });
});
