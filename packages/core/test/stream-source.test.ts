// A stream that stops early (break, a failure, abort) destroys a Node stream it reads, as
// Node's own for-await does: a socket with no data yet would otherwise keep the read pending and
// the source open for good.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPipeline, framesFrom, type Manifest, NodeRegistry } from '../src/index.js';
import { journal, recorder } from './helpers.js';

const manifest: Manifest = {
  version: 1,
  nodes: [{ id: 'a', type: 'Step', params: { name: 'a' } }],
};

async function pipelineOf(behaviour?: (input: unknown, call: number) => unknown) {
  const registry = NodeRegistry.builder()
    .ts(recorder('Step', journal(), behaviour))
    .build();
  return createPipeline(registry, manifest);
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
});
