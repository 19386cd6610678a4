// The phone path: a Twilio Media Streams call replayed message by message (mu-law 8 kHz speech
// from espeak-ng in 20 ms `media` messages): the VAD events reach the server's listener at the
// phrases' onsets, the caller's speech clears playback, and audio comes back as `media` + `mark`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '@remotemedia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveServer, type LiveOutput, type LiveServer } from '../src/index.js';
import { connect, registry, type TestClient, vadManifest } from './client.js';
import { expectOnsets, type SpeechFixture, speechFixture } from './speech.js';

// Mono stays mono: the audio passes unchanged, and its only output is audio (so it plays back).
const echo8k: Manifest = {
  version: 1,
  nodes: [{ id: 'echo', type: 'FormatConverter', params: { channels: 1 } }],
};
let server: LiveServer;
let speech: SpeechFixture;
let mulaw: Buffer;
const outputs: { session: number; output: LiveOutput }[] = [];

beforeAll(async () => {
  speech = speechFixture(mkdtempSync(join(tmpdir(), 'live-twilio-')), 8000);
  // sox's own G.711 encoder makes the call audio.
  mulaw = execFileSync('sox', [speech.file, '-t', 'raw', '-e', 'mu-law', '-b', '8', '-']);
  server = await createLiveServer({
    registry,
    pipelines: { vad: vadManifest, echo: echo8k },
    token: 'call-token',
    // Replayed faster than real time (Twilio sends 50 messages a second).
    limits: { maxMessagesPerSecond: 5000 },
    onOutput: (session, output) => outputs.push({ session: session.id, output }),
  });
});
afterAll(() => server.close());

const streamSid = 'MZ00000000000000000000000000000000';

function call(
  path: string,
  customParameters: Record<string, string> = { token: 'call-token' },
): TestClient {
  const client = connect(server.url, path);
  void client.opened.then(() => {
    client.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    client.send({
      event: 'start',
      sequenceNumber: '1',
      start: {
        accountSid: 'AC0',
        streamSid,
        callSid: 'CA0',
        tracks: ['inbound'],
        customParameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid,
    });
  });
  return client;
}

async function replay(client: TestClient, audio: Buffer): Promise<void> {
  await client.opened;
  for (let chunk = 0; chunk * 160 < audio.length; chunk++) {
    const payload = audio.subarray(chunk * 160, (chunk + 1) * 160).toString('base64');
    client.send({
      event: 'media',
      sequenceNumber: String(chunk + 2),
      media: { track: 'inbound', chunk: String(chunk + 1), timestamp: String(chunk * 20), payload },
      streamSid,
    });
    if (chunk % 10 === 0) await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the /twilio endpoint', () => {
  it('turns a replayed call into VAD events at the onsets and clears playback on speech', async () => {
    const client = call('/twilio/vad');
    await replay(client, mulaw);
    client.send({
      event: 'dtmf',
      streamSid,
      sequenceNumber: '999',
      dtmf: { track: 'inbound_track', digit: '7' },
    });
    client.send({
      event: 'stop',
      sequenceNumber: '1000',
      streamSid,
      stop: { accountSid: 'AC0', callSid: 'CA0' },
    });
    expect(await client.closed).toEqual({ code: 1000, reason: 'end of stream' });

    const session = outputs.find((o) => o.output.port === 'dtmf')?.session;
    expect(outputs.find((o) => o.output.port === 'dtmf')?.output.value).toEqual({
      track: 'inbound_track',
      digit: '7',
    });
    const events = outputs
      .filter((o) => o.session === session && o.output.port === 'events')
      .map((o) => o.output.value as { type: string; startMs: number });
    const starts = expectOnsets(events, speech);
    expect(events.filter((e) => e.type === 'speechEnd')).toHaveLength(speech.phrases.length);
    // One `clear` per time the caller starts speaking, for this stream.
    expect(client.messages).toEqual(starts.map(() => ({ event: 'clear', streamSid })));
  });

  it('plays an audio sink back as media messages, each followed by a mark', async () => {
    const client = call('/twilio', { token: 'call-token', pipeline: 'echo' });
    const second = mulaw.subarray(8000, 16000);
    await replay(client, second);
    client.send({ event: 'mark', streamSid, sequenceNumber: '50', mark: { name: 'audio-1' } });
    client.send({ event: 'stop', streamSid, sequenceNumber: '51' });
    expect((await client.closed).code).toBe(1000);
    const media = client.messages.filter((m) => m.event === 'media');
    const marks = client.messages.filter((m) => m.event === 'mark');
    expect(media.length).toBeGreaterThan(0);
    expect(marks).toHaveLength(media.length);
    expect(marks[0]).toEqual({ event: 'mark', mark: { name: 'audio-1' }, streamSid });
    const back = Buffer.concat(
      media.map((m) => Buffer.from((m.media as { payload: string }).payload, 'base64')),
    );
    // 8 kHz in and out: mu-law decoded, passed through and encoded again is the same bytes.
    expect(back.equals(second)).toBe(true);
    expect(
      outputs.some(
        (o) => o.output.port === 'mark' && (o.output.value as { name: string }).name === 'audio-1',
      ),
    ).toBe(true);
  });

  it('refuses a wrong token, an unknown pipeline and a format Twilio does not send', async () => {
    const noToken = call('/twilio/vad', {});
    expect(await noToken.closed).toEqual({ code: 4401, reason: 'missing or wrong token' });
    const unknown = call('/twilio/nope');
    expect(await unknown.closed).toEqual({
      code: 4404,
      reason: 'no pipeline named "nope"; connect to /twilio/<name> with one of: vad, echo',
    });
    const pcm = connect(server.url, '/twilio/vad?token=call-token');
    await pcm.opened;
    pcm.send({
      event: 'start',
      start: { streamSid, mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 } },
    });
    expect((await pcm.closed).code).toBe(1003);
    const early = connect(server.url, '/twilio/vad?token=call-token');
    await early.opened;
    early.send({ event: 'media', streamSid, media: { payload: 'AAAA' } });
    expect(await early.closed).toEqual({ code: 1002, reason: 'media before start' });
  });

  it('refuses text that is not a Twilio event with ERR_PROTOCOL, not as a server error', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const text of ['null', `{"event":${deep}}`]) {
      const client = connect(server.url, '/twilio/vad?token=call-token');
      await client.opened;
      client.ws.send(text);
      expect((await client.closed).code).toBe(1002);
    }
  });
});
