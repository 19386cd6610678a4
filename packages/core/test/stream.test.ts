import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { RemoteMediaError } from '@remotemedia/errors';
import { describe, expect, it } from 'vitest';
import { createPipeline, NodeRegistry, toNodeReadable, toWebReadable } from '../src/index.js';
import { chain, collect, diamond, graph, journal, Mix, recorder, step } from './helpers.js';

async function* numbers(n: number, onPull?: (i: number) => void): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    onPull?.(i);
    yield i;
  }
}

describe('stream', () => {
  it('passes frames through a chain by reference, mixing sync and async nodes', async () => {
    const log = journal();
    const Sync = recorder('Sync', log, (v) => v);
    const Async = recorder('Async', log, async (v) => v);
    const registry = NodeRegistry.builder().ts(Sync).ts(Async).build();
    const pipeline = await createPipeline(
      registry,
      graph(
        [step('a', 'Sync'), step('b', 'Async'), step('c', 'Sync')],
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
      ),
    );
    const frames = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const out = await collect(pipeline.stream(frames));
    expect(out).toHaveLength(3);
    for (const [i, o] of out.entries()) expect(o).toBe(frames[i]);
    // calls = 3 process + 1 flush.
    expect(pipeline.metrics().nodes.b).toMatchObject({
      calls: 4,
      framesIn: 3,
      framesOut: 3,
      errors: 0,
    });
  });

  it('flushes in topological order at end of stream, each tail going through later nodes', async () => {
    const log = journal();
    const names = ['a', 'b', 'c'];
    const Step = recorder('Step', log, (v) => `${String(v)}.`);
    const registry = NodeRegistry.builder()
      .ts({
        ...Step,
        create: (p: { name: string }) => ({
          ...Step.create(p),
          flush: () => {
            log.events.push(`${p.name}:flush`);
            return `${p.name}-tail`;
          },
        }),
      } as typeof Step)
      .build();
    const pipeline = await createPipeline(registry, chain(names));
    const out = await collect(pipeline.stream(['x']));
    expect(out).toEqual(['x...', 'a-tail..', 'b-tail.', 'c-tail']);
    expect(log.events).toEqual([
      'a:process',
      'b:process',
      'c:process',
      'a:flush',
      'b:process',
      'c:process',
      'b:flush',
      'c:process',
      'c:flush',
    ]);
    // A normal end leaves the nodes open for the next stream.
    expect(log.closes.size).toBe(0);
    expect(await collect(pipeline.stream(['y']))).toHaveLength(4);
  });

  it('aborting mid-stream stops every node and closes each exactly once', async () => {
    const log = journal();
    const Step = recorder('Step', log, async (v) => v);
    const registry = NodeRegistry.builder().ts(Step).build();
    const pipeline = await createPipeline(registry, diamond(['src', 'left', 'right', 'sink']));
    const controller = new AbortController();
    const seen: unknown[] = [];
    const run = (async () => {
      for await (const v of pipeline.stream(numbers(1_000_000), { signal: controller.signal })) {
        seen.push(v);
        if (seen.length === 5) controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await pipeline.close();
    expect(Object.fromEntries(log.closes)).toEqual({ src: 1, left: 1, right: 1, sink: 1 });
    expect(() => pipeline.stream([1])).toThrowError(/pipeline is closed/);
  });

  it('an error in a node ends the stream with that error and closes every node once', async () => {
    const log = journal();
    const Step = recorder('Step', log, (v) => {
      if (v === 3) throw new RemoteMediaError('ERR_INVALID_INPUT', 'frame 3 has NaN samples');
      return v;
    });
    const registry = NodeRegistry.builder().ts(Step).build();
    const pipeline = await createPipeline(registry, chain(['a', 'b']));
    const error = await collect(pipeline.stream(numbers(10))).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ERR_INVALID_INPUT',
      nodeId: 'a',
      message: 'frame 3 has NaN samples',
    });
    expect(Object.fromEntries(log.closes)).toEqual({ a: 1, b: 1 });
    expect(pipeline.metrics().nodes.a).toMatchObject({ errors: 1, framesIn: 4, framesOut: 3 });
  });

  it('a plain Error from a node keeps its identity as the cause, whatever its wording', async () => {
    const thrown = new Error('ERR_INVALID_INPUT: looks coded, and mentions a panic');
    const Step = recorder('Step', journal(), (v) => {
      if (v === 2) throw thrown;
      return v;
    });
    const registry = NodeRegistry.builder().ts(Step).build();
    const pipeline = await createPipeline(registry, chain(['a']));
    const error = await collect(pipeline.stream(numbers(5))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_INTERNAL', nodeId: 'a', message: thrown.message });
    expect((error as Error).cause).toBe(thrown);
  });

  it('backpressure: a slow consumer bounds how far the source runs ahead', async () => {
    const registry = NodeRegistry.builder().ts(recorder('Step', journal())).build();
    const pipeline = await createPipeline(registry, diamond(['a', 'x', 'y', 'sink']), {
      highWaterMark: 4,
    });
    let pulled = 0;
    let consumed = 0;
    let maxAhead = 0;
    for await (const _ of pipeline.stream(numbers(100, () => pulled++))) {
      consumed++;
      maxAhead = Math.max(maxAhead, pulled - consumed / 2);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(consumed).toBe(200); // fan-in by merge: each frame arrives at the sink twice
    const metrics = pipeline.metrics().nodes;
    for (const id of ['x', 'y', 'sink']) expect(metrics[id]?.queueHighWater).toBeLessThanOrEqual(4);
    // Queues of 4 between three stages plus the output queue: the source is never far ahead.
    expect(maxAhead).toBeLessThanOrEqual(4 * 4 + 2);
  });

  it('a node that opts into dropping counts every drop', async () => {
    const Slow = recorder('Slow', journal(), (v) => new Promise((r) => setTimeout(() => r(v), 1)));
    const registry = NodeRegistry.builder().ts(Slow).ts(recorder('Step', journal())).build();
    const pipeline = await createPipeline(
      registry,
      {
        version: 1,
        nodes: [
          { id: 'a', type: 'Step', params: { name: 'a' } },
          { id: 'slow', type: 'Slow', params: { name: 'slow' } },
        ],
        connections: [{ from: 'a', to: 'slow' }],
      },
      { highWaterMark: 2, nodes: { slow: { overflow: 'drop-oldest' } } },
    );
    const out = await collect(pipeline.stream(Array.from({ length: 50 }, (_, i) => i)));
    const m = pipeline.metrics().nodes.slow;
    expect(m?.dropped).toBeGreaterThan(0);
    expect(out.length + (m?.dropped ?? 0)).toBe(50);
    expect(m?.queueHighWater).toBeLessThanOrEqual(2);
  });

  it('fans out and zips a multi-input node; several sinks yield { nodeId, value }', async () => {
    const registry = NodeRegistry.builder()
      .ts(recorder('Step', journal(), (v) => (v as number) * 10))
      .ts(Mix)
      .build();
    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [
        { id: 'l', type: 'Step', params: { name: 'l' } },
        { id: 'r', type: 'Step', params: { name: 'r' } },
        { id: 'mix', type: 'Mix' },
        { id: 'tap', type: 'Step', params: { name: 'tap' } },
      ],
      connections: [
        { from: 'l', to: 'mix', toKey: 'left' },
        { from: 'r', to: 'mix', toKey: 'right' },
        { from: 'l', to: 'tap' },
      ],
    });
    const out = await collect(pipeline.stream([1, 2]));
    const mixed = out.filter((o) => (o as { nodeId: string }).nodeId === 'mix');
    const tapped = out.filter((o) => (o as { nodeId: string }).nodeId === 'tap');
    expect(mixed).toEqual([
      { nodeId: 'mix', value: { left: 10, right: 10 } },
      { nodeId: 'mix', value: { left: 20, right: 20 } },
    ]);
    expect(tapped).toEqual([
      { nodeId: 'tap', value: 100 },
      { nodeId: 'tap', value: 200 },
    ]);
  });

  it('records latency percentiles per node', async () => {
    const Timed = recorder(
      'Timed',
      journal(),
      (v) => new Promise((r) => setTimeout(() => r(v), 2)),
    );
    const registry = NodeRegistry.builder().ts(Timed).build();
    const pipeline = await createPipeline(registry, chain(['t'], 'Timed'));
    await collect(pipeline.stream(numbers(5)));
    const { latency, calls } = pipeline.metrics().nodes.t ?? { latency: undefined, calls: 0 };
    // 5 process calls (2 ms each) and the end-of-stream flush.
    expect(calls).toBe(6);
    expect(latency?.count).toBe(6);
    expect(latency?.p50).toBeGreaterThanOrEqual(1.5);
    expect(latency?.p99).toBeGreaterThanOrEqual(latency?.p50 ?? Infinity);
    expect(latency?.max).toBeGreaterThanOrEqual(latency?.p99 ?? Infinity);
  });

  it('reads Node Readables and Web ReadableStreams, and converts output to both', async () => {
    const registry = NodeRegistry.builder()
      .ts(recorder('Step', journal(), (v) => (v as number) + 1))
      .build();
    const pipeline = await createPipeline(registry, chain(['a']));
    const viaNode = await collect(toNodeReadable(pipeline.stream(Readable.from([1, 2, 3]))));
    expect(viaNode).toEqual([2, 3, 4]);
    const web = ReadableStream.from([5, 6]);
    const out = toWebReadable(pipeline.stream(web));
    expect(await collect(out)).toEqual([6, 7]);
  });
});
