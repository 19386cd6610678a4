// The server's own limits: bearer token, connection count, idle time, options and manifests
// checked at creation, and a SIGTERM-style drain that flushes open sessions.
import { afterEach, describe, expect, it } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { createLiveServer, type LiveServer, type LiveServerOptions } from '../src/index.js';
import { connect, outputsOf, registry, s16le, sendFrames, stop, vadManifest } from './client.js';

const start = { type: 'start', pipeline: 'vad', encoding: 's16le', sampleRate: 16000, channels: 1 };
const tone = new Float32Array(16000).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / 16000));
let server: LiveServer | undefined;
afterEach(() => server?.close());

/** The server under test: the `vad` pipeline, with `options` on top. */
const serveVad = (options: Partial<LiveServerOptions> = {}) =>
  createLiveServer({ registry, pipelines: { vad: vadManifest }, ...options });

describe('the live server', () => {
  it('asks for the bearer token when one is set', async () => {
    server = await serveVad({ token: 's3cret' });
    const none = connect(server.url);
    expect(await none.closed).toEqual({ code: 4401, reason: 'missing or wrong bearer token' });
    expect(none.messages).toEqual([
      { type: 'error', code: 'ERR_UNAUTHORIZED', message: 'missing or wrong bearer token' },
    ]);
    const wrong = connect(server.url, '/ws', { authorization: 'Bearer s3cre7' });
    expect((await wrong.closed).code).toBe(4401);
    for (const client of [
      connect(server.url, '/ws', { authorization: 'Bearer s3cret' }),
      connect(server.url, '/ws?token=s3cret'),
    ]) {
      await client.opened;
      client.send(start);
      expect(await stop(client)).toEqual({ code: 1000, reason: 'end of stream' });
    }
  });

  it('refuses a connection over the limit with 1013 and takes one again when a session ends', async () => {
    server = await serveVad({ limits: { maxConnections: 1 } });
    const first = connect(server.url);
    await first.opened;
    const second = connect(server.url);
    expect(await second.closed).toEqual({
      code: 1013,
      reason: 'server full (1 sessions); try again later',
    });
    expect(second.messages[0]).toMatchObject({ code: 'ERR_SERVER_FULL' });
    first.ws.close();
    await expect.poll(() => server?.sessions).toBe(0);
    const third = connect(server.url);
    await third.opened;
    third.send(start);
    expect((await stop(third)).code).toBe(1000);
  });

  it('closes an idle connection with 4408', async () => {
    server = await serveVad({ limits: { idleTimeoutMs: 500 } });
    const client = connect(server.url);
    await client.opened;
    client.send(start);
    expect(await client.closed).toEqual({ code: 4408, reason: 'no message for 500 ms' });
    expect(client.messages.at(-1)).toMatchObject({ type: 'error', code: 'ERR_IDLE_TIMEOUT' });
  });

  it('refuses unknown paths, unknown options and invalid manifests', async () => {
    server = await serveVad();
    const client = connect(server.url, '/socket');
    expect(await client.closed).toEqual({
      code: 1002,
      reason: 'no endpoint /socket; use /ws or /twilio',
    });
    const unknownOption = await rejection(
      createLiveServer({ registry, pipelines: {}, port: 0, hots: 'x' } as never),
    );
    expect(unknownOption).toMatchObject({ code: 'ERR_INVALID_PARAM' });
    expect(unknownOption.message).toBe(
      "unknown option 'hots' for createLiveServer (did you mean 'host'?); allowed: registry, pipelines, port, host, token, web, limits, onSessionEnd, onOutput",
    );
    const badLimit = await rejection(
      createLiveServer({ registry, pipelines: {}, limits: { maxConections: 3 } as never }),
    );
    expect(badLimit).toMatchObject({ code: 'ERR_INVALID_PARAM' });
    expect(badLimit.message).toMatch(
      /^unknown option 'maxConections' for the live server's limits \(did you mean 'maxConnections'\?\); allowed: maxConnections, /,
    );
    const badManifest = await rejection(
      createLiveServer({
        registry,
        pipelines: { bad: { version: 1, nodes: [{ id: 'x', type: 'Nope' }] } },
      }),
    );
    expect(badManifest).toMatchObject({ code: 'ERR_MANIFEST' });
    expect(badManifest.message).toContain('bad: ');
  });

  it('closes a session whose pipeline fails with 1011, naming the node', async () => {
    const strict = {
      version: 1 as const,
      nodes: [{ id: 'up', type: 'AudioResample', params: { from: 8000, to: 16000 } }],
    };
    server = await createLiveServer({ registry, pipelines: { strict, vad: vadManifest } });
    const failing = connect(server.url);
    const other = connect(server.url);
    await Promise.all([failing.opened, other.opened]);
    other.send(start);
    failing.send({ ...start, pipeline: 'strict' });
    failing.ws.send(s16le(tone.subarray(0, 320)));
    const closed = await failing.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/^node up: /);
    expect(failing.messages.at(-1)).toMatchObject({ type: 'error', code: 'ERR_PIPELINE_FAILED' });
    expect(String(failing.messages.at(-1)?.message)).toContain('16000 Hz');
    other.ws.send(s16le(tone.subarray(0, 320)));
    expect(await stop(other)).toEqual({ code: 1000, reason: 'end of stream' });
  });

  it('drains on close: open sessions flush, get their last outputs and end, then close with 1001', async () => {
    server = await serveVad({ limits: { drainMs: 300 } });
    const client = connect(server.url);
    await client.opened;
    client.send(start);
    // Speech-like tone that is still going when the server stops: its segment closes at the flush.
    await sendFrames(client, s16le(tone), 32);
    await expect.poll(() => outputsOf(client, 'events').length).toBe(1);
    const closing = server.close();
    const late = connect(server.url);
    expect(await late.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(await client.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    await closing;
    expect(outputsOf(client, 'events')).toEqual([
      { type: 'speechStart', startMs: expect.any(Number) },
      { type: 'speechEnd', startMs: expect.any(Number), endMs: expect.any(Number) },
    ]);
    expect(client.messages.at(-1)).toEqual({ type: 'end', receivedMs: 1000 });
    server = undefined;
  });
});
