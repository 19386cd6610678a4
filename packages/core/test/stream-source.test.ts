// A stream that stops early (break, a failure, abort) ends the read its source still has pending:
// it destroys a Node stream it reads, as Node's own for-await does, cancels a web ReadableStream,
// and returns any other async iterator at once. A socket with no data yet would otherwise keep the
// read pending and the source open for good.
import { EventEmitter, on } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createPipeline,
  FramePool,
  framesFrom,
  type Manifest,
  NodeRegistry,
} from '../src/index.js';
import { journal, recorder } from './helpers.js';

const manifest: Manifest = {
  version: 1,
  nodes: [{ id: 'a', type: 'Step', params: { name: 'a' } }],
};

async function pipelineOf(behaviour?: (input: unknown, call: number) => unknown, log = journal()) {
  const registry = NodeRegistry.builder()
    .ts(recorder('Step', log, behaviour))
    .build();
  return createPipeline(registry, manifest);
}

/** An async iterator that yields `first`, then waits for good; its return() throws. */
function unruly(first: unknown): AsyncIterable<unknown> {
  let sent = false;
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        if (sent) return new Promise<IteratorResult<unknown>>(() => {});
        sent = true;
        return Promise.resolve({ value: first, done: false });
      },
      return: () => {
        throw new Error('return() refuses');
      },
    }),
  };
}

/** A byte source that has delivered `chunks` and then waits, like an idle socket. */
function idleSocket(...chunks: Buffer[]): PassThrough {
  const socket = new PassThrough();
  for (const chunk of chunks) socket.write(chunk);
  return socket;
}

describe('stopping a stream stops its source', () => {
  it('a consumer break destroys a Readable that is waiting for data', async () => {
    const pipeline = await pipelineOf();
    const socket = idleSocket(Buffer.from('one'));
    for await (const out of pipeline.stream(socket)) {
      expect(Buffer.from(out as Buffer).toString()).toBe('one');
      break;
    }
    expect(socket.destroyed).toBe(true);
    await pipeline.close();
  });

  it('a break destroys the socket behind framesFrom while it waits for bytes', async () => {
    const pipeline = await pipelineOf();
    const socket = idleSocket(Buffer.alloc(640)); // one 20 ms frame of 16 kHz mono s16
    const frames = framesFrom(socket, { sampleRate: 16_000, channels: 1, format: 's16' });
    for await (const out of pipeline.stream(frames)) {
      expect((out as { samples: Float32Array }).samples).toHaveLength(320);
      break;
    }
    expect(socket.destroyed).toBe(true);
    await pipeline.close();
  });

  it('an abort destroys the source, and a source never read is left alone', async () => {
    const pipeline = await pipelineOf();
    const controller = new AbortController();
    const socket = idleSocket(Buffer.from('one'));
    const outputs = pipeline.stream(socket, { signal: controller.signal });
    expect((await outputs.next()).done).toBe(false);
    controller.abort();
    await expect(outputs.next()).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(socket.destroyed).toBe(true);

    const other = await pipelineOf();
    const unread = idleSocket();
    other.stream(unread);
    await other.close();
    expect(unread.destroyed).toBe(false);
  });

  it('a break cancels a web ReadableStream that is waiting for data', async () => {
    const pipeline = await pipelineOf();
    const { stream, cancelled } = idleWebStream(new TextEncoder().encode('one'));
    for await (const out of pipeline.stream(stream)) {
      expect(new TextDecoder().decode(out as Uint8Array)).toBe('one');
      break;
    }
    await expect(cancelled).resolves.toBe(true);
    await expect.poll(() => stream.locked).toBe(false);
    await pipeline.close();
  });

  it('an abort cancels the web ReadableStream behind framesFrom while it waits for bytes', async () => {
    const pipeline = await pipelineOf();
    const { stream, cancelled } = idleWebStream(new Uint8Array(640));
    const frames = framesFrom(stream, { sampleRate: 16_000, channels: 1, format: 's16' });
    const controller = new AbortController();
    const outputs = pipeline.stream(frames, { signal: controller.signal });
    expect(((await outputs.next()).value as { samples: Float32Array }).samples).toHaveLength(320);
    controller.abort();
    await expect(outputs.next()).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await expect(cancelled).resolves.toBe(true);
    await pipeline.close();
  });

  it('a break returns an async iterator at once, ending its pending read', async () => {
    const pipeline = await pipelineOf();
    const emitter = new EventEmitter();
    const events = on(emitter, 'data');
    setImmediate(() => emitter.emit('data', 'one'));
    for await (const out of pipeline.stream(events)) {
      expect(out).toEqual(['one']);
      break;
    }
    // events.on() stops listening only when returned: the loop above did not wait for more data.
    expect(emitter.listenerCount('data')).toBe(0);
    await pipeline.close();
  });

  it('reads a web ReadableStream to its end', async () => {
    const pipeline = await pipelineOf();
    const stream = new ReadableStream<string>({
      start(controller) {
        for (const word of ['one', 'two', 'three']) controller.enqueue(word);
        controller.close();
      },
    });
    const outputs: unknown[] = [];
    for await (const out of pipeline.stream(stream)) outputs.push(out);
    expect(outputs).toEqual(['one', 'two', 'three']);
    await pipeline.close();
  });

  it('closes the nodes on break and on abort when the source return() throws', async () => {
    const log = journal();
    const pipeline = await pipelineOf(undefined, log);
    for await (const out of pipeline.stream(unruly('one'))) {
      expect(out).toBe('one');
      break;
    }
    expect(log.closes.get('a')).toBe(1);
    const controller = new AbortController();
    const again = (await pipelineOf(undefined, log)).stream(unruly('two'), {
      signal: controller.signal,
    });
    expect((await again.next()).value).toBe('two');
    controller.abort();
    await expect(again.next()).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(log.closes.get('a')).toBe(2);
  });

  it('gives the half-cut frame back to the pool when stopped mid-frame', async () => {
    const pipeline = await pipelineOf(() => 'seen'); // the node keeps no frame
    const pool = new FramePool();
    // One and a half 20 ms frames of 16 kHz mono s16, then nothing more.
    const { stream } = idleWebStream(new Uint8Array(960));
    const frames = framesFrom(stream, { sampleRate: 16_000, channels: 1, format: 's16', pool });
    for await (const _ of pipeline.stream(frames)) break;
    await pipeline.close();
    const { allocated, reused, inUse } = pool.stats();
    expect(allocated + reused).toBe(2); // the whole frame, then the half one
    expect(inUse).toBe(0);
  });
});

/** A web stream that has delivered `chunk` and then waits; `cancelled` settles on cancel(). */
function idleWebStream(chunk: Uint8Array): {
  stream: ReadableStream<Uint8Array>;
  cancelled: Promise<boolean>;
} {
  let onCancel: (value: boolean) => void = () => {};
  const cancelled = new Promise<boolean>((resolve) => {
    onCancel = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(chunk);
    },
    cancel() {
      onCancel(true);
    },
  });
  return { stream, cancelled };
}
