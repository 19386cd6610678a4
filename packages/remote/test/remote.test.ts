import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { RemoteClient, remoteCause, serve, subjects, type Worker } from '../src/index.js';
import { testRegistry } from './fixtures/nodes.js';
import { frame, type NatsServer, startNats } from './helpers.js';

let nats: NatsServer;
let worker: Worker;
let client: RemoteClient;

beforeAll(async () => {
  nats = await startNats();
  worker = await serve(testRegistry(), {
    servers: nats.url,
    id: 'main',
    tags: { zone: 'a' },
    handleSignals: false,
  });
  client = await RemoteClient.connect({ servers: nats.url, idleTimeoutMs: 2000 });
});

afterAll(async () => {
  await client?.close();
  await worker?.close();
  await nats?.stop();
});

describe('unary calls', () => {
  it('runs one frame through a remote node; samples travel as f32', async () => {
    const out = (await client.call('Gain', frame([0.25, -0.5, 1], 16000, 1, 40), {
      params: { gain: 2 },
    })) as { samples: Float32Array; sampleRate: number; channels: number; timestamp: number };
    expect(out.samples).toBeInstanceOf(Float32Array);
    expect([...out.samples]).toEqual([0.5, -1, 2]);
    expect(out).toMatchObject({ sampleRate: 16000, channels: 1, timestamp: 40 });
  });

  it('a remote application error arrives as ERR_REMOTE carrying the remote code', async () => {
    const error = await rejection(
      client.call('Gain', frame([Number.NaN]), { params: { gain: 1 } }),
    );
    expect(error.code).toBe('ERR_REMOTE');
    expect(remoteCause(error)).toEqual({
      code: 'ERR_INVALID_INPUT',
      message: 'frame contains NaN samples',
    });
  });

  it('bad params are rejected by the worker with ERR_INVALID_PARAM naming the field', async () => {
    const error = await rejection(client.call('Gain', frame([1]), { params: { gain: 99 } }));
    expect(remoteCause(error)?.code).toBe('ERR_INVALID_PARAM');
    expect(remoteCause(error)?.message).toContain('gain');
  });

  it("a reply that is not a valid message is ERR_TRANSPORT, not the caller's bad input", async () => {
    const garbler = client.connection.subscribe(subjects.method('garbled'), {
      callback: (_error, msg) => {
        msg.respond(Uint8Array.from([0xdd, 0xff, 0xff, 0xff, 0xff]));
      },
    });
    await client.connection.flush();
    try {
      const error = await rejection(client.callTyped('garbled', {}));
      expect(error.code).toBe('ERR_TRANSPORT');
      expect(error.message).toMatch(/garbled: the worker's reply is not a valid message/);
    } finally {
      garbler.unsubscribe();
    }
  });

  it('a type nobody serves fails fast with ERR_TRANSPORT, not a hang', async () => {
    const error = await rejection(client.call('Nobody', 1));
    expect(error.code).toBe('ERR_TRANSPORT');
    expect(error.retryable).toBe(true);
  });

  it('ids that would inject subject levels or wildcards are rejected', async () => {
    for (const bad of ['a.b', '*', '>', 'x y']) {
      expect((await rejection(client.call(bad, 1))).code).toBe('ERR_INVALID_PARAM');
    }
  });
});

describe('streams', () => {
  it('a streaming session keeps node state and flushes at the end', async () => {
    const outputs: unknown[] = [];
    for await (const out of client.stream('Counter', ['a', 'b', 'c'])) outputs.push(out);
    expect(outputs).toEqual([1, 2, 3, { total: 3 }]);
    expect(worker.metrics().sessions.active).toBe(0);
  });

  it('send/outputs with a bounded window give backpressure and keep order', async () => {
    await using stream = await client.openStream<number, number>('Counter', { window: 2 });
    const received: number[] = [];
    const reader = (async () => {
      for await (const out of stream.outputs()) received.push(out as number);
    })();
    for (let i = 0; i < 50; i++) await stream.send(i);
    stream.end();
    await reader;
    expect(received.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(received[50]).toEqual({ total: 50 });
  });

  it('fails with ERR_TIMEOUT when the worker owes a reply longer than the idle timeout', async () => {
    const stream = await client.openStream('Counter', {
      params: { delayMs: 1500 },
      idleTimeoutMs: 200,
    });
    await stream.send(1);
    const error = await rejection(
      (async () => {
        for await (const _ of stream.outputs()) {
          /* nothing arrives in time */
        }
      })(),
    );
    expect(error.code).toBe('ERR_TIMEOUT');
  });

  it('abort() and dispose release the worker session (seen in its metrics)', async () => {
    await expect.poll(() => worker.metrics().sessions.active, { timeout: 5000 }).toBe(0);
    const before = worker.metrics().sessions;
    const stream = await client.openStream('Counter');
    await stream.send(1);
    expect(worker.metrics().sessions.active).toBe(before.active + 1);
    await stream[Symbol.asyncDispose]();
    expect(worker.metrics().sessions.active).toBe(before.active);
    expect(worker.metrics().sessions.closed).toBe(before.closed + 1);
    await expect(stream.send(2)).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });

  it('an AbortSignal aborts the stream', async () => {
    const controller = new AbortController();
    const stream = await client.openStream('Counter', { signal: controller.signal });
    controller.abort();
    await expect(stream.send(1)).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });

  it('a remote error mid-stream ends the outputs with ERR_REMOTE', async () => {
    const frames = [frame([1]), frame([Number.NaN]), frame([2])];
    const error = await rejection(
      (async () => {
        for await (const _ of client.stream('Gain', frames, { params: { gain: 1 } })) {
          /* drain */
        }
      })(),
    );
    expect(error.code).toBe('ERR_REMOTE');
    expect(remoteCause(error)?.code).toBe('ERR_INVALID_INPUT');
  });
});

describe('typed methods', () => {
  const Say = {
    request: Type.Object({ text: Type.String(), speed: Type.Optional(Type.Number()) }),
    response: Type.Object({ chars: Type.Number() }),
  };

  beforeAll(async () => {
    worker.registerTyped('say', Say, ({ text }) => {
      if (text === 'boom') throw Object.assign(new Error('no voice'), { code: 'ERR_IO' });
      return { chars: text.length };
    });
    // Registered on a running worker: live once the server has its subscription.
    await worker.flush();
  });

  it('validates, serves and types the response', async () => {
    expect(await client.callTyped('say', { text: 'hello' }, { response: Say.response })).toEqual({
      chars: 5,
    });
  });

  it('a bad request gets ERR_INVALID_INPUT naming the field', async () => {
    const error = await rejection(client.callTyped('say', { text: 3 }));
    expect(remoteCause(error)?.code).toBe('ERR_INVALID_INPUT');
    expect(remoteCause(error)?.message).toContain('request.text');
  });

  it("a handler's coded error reaches the caller as ERR_REMOTE with that code", async () => {
    const error = await rejection(client.callTyped('say', { text: 'boom' }));
    expect(error.code).toBe('ERR_REMOTE');
    expect(remoteCause(error)).toEqual({ code: 'ERR_IO', message: 'no voice' });
  });
});

describe('discovery', () => {
  it('announces node types with metadata and tags', async () => {
    const [entry] = (await client.workers()).filter((w) => w.id === 'main');
    expect(entry?.tags).toEqual({ zone: 'a' });
    expect(entry?.nodes.map((n) => n.type)).toEqual(['Counter', 'Gain', 'WhoAmI']);
    expect(entry?.nodes.find((n) => n.type === 'Gain')?.metadata?.category).toBe('audio/effects');
  });

  it('updateTags is atomic: a watcher never sees half an update', async () => {
    const { Kvm } = await import('@nats-io/kv');
    const kv = await new Kvm(client.connection).open('remotemedia_workers');
    const seen: Record<string, string>[] = [];
    const watch = await kv.watch({ key: 'main' });
    const collecting = (async () => {
      for await (const entry of watch) {
        if (entry.operation !== 'PUT') continue;
        const { tags } = entry.json<{ tags: Record<string, string> }>();
        seen.push(tags);
        // Heartbeats put the entry too: stop on the last update, not after a count of puts.
        if (tags.x === '4') break;
      }
    })();
    for (let i = 1; i <= 4; i++) await worker.updateTags({ x: String(i), y: String(i) });
    await collecting;
    watch.stop();
    for (const tags of seen.slice(1)) expect(tags.x).toBe(tags.y);
    expect(seen.at(-1)).toEqual({ zone: 'a', x: '4', y: '4' });
    await worker.updateTags({ x: null, y: null });
  });

  it('tag keys and values are validated', async () => {
    await expect(worker.updateTags({ 'bad key': '1' })).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
    });
    await expect(worker.updateTags({ k: 'a\u0000b' })).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
    });
  });
});
