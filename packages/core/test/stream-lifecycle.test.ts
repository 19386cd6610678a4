// The stream iterator keeps the async-iterator contract: every next() settles, in order, and a
// finished stream keeps answering done; closing the pipeline ends its open stream; fan-in end
// markers survive a node that drops under load; a high-water mark that would stall every queue
// is refused up front.
import { RemoteMediaError } from '@remotemedia/errors';
import { describe, expect, it } from 'vitest';
import { testNode } from '../../../tools/testing/test-node.js';
import { createPipeline, type Manifest, NodeRegistry } from '../src/index.js';
import { journal, recorder } from './helpers.js';

const one = (type: string): Manifest => ({
  version: 1,
  nodes: [{ id: 'a', type, params: { name: 'a' } }],
});

/** A promise that resolves once `open` is called. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('stream iterator', () => {
  it('keeps answering done after the end instead of leaving next() pending', async () => {
    const registry = NodeRegistry.builder().ts(recorder('Step', journal())).build();
    const pipeline = await createPipeline(registry, one('Step'));
    const it = pipeline.stream([1, 2]);
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(await it.next()).toEqual({ value: 2, done: false });
    expect(await it.next()).toEqual({ value: undefined, done: true });
    // A pending promise here would never settle: race it against a resolved marker.
    const after = await Promise.race([
      it.next(),
      new Promise((r) => setImmediate(() => r('pending'))),
    ]);
    expect(after).toEqual({ value: undefined, done: true });
  });

  it('answers done after return() and after a failure', async () => {
    const log = journal();
    const registry = NodeRegistry.builder()
      .ts(recorder('Step', log))
      .ts(
        recorder('Bad', log, () => {
          throw new RemoteMediaError('ERR_INVALID_INPUT', 'no');
        }),
      )
      .build();
    const stopped = (await createPipeline(registry, one('Step'))).stream([1, 2, 3]);
    await stopped.next();
    await stopped.return?.();
    expect(await stopped.next()).toEqual({ value: undefined, done: true });

    const failed = (await createPipeline(registry, one('Bad'))).stream([1]);
    await expect(failed.next()).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', nodeId: 'a' });
    expect(await failed.next()).toEqual({ value: undefined, done: true });
    expect(log.closes.get('a')).toBe(2);
  });

  it('hands out every item once, in order, to next() calls made without waiting', async () => {
    const registry = NodeRegistry.builder()
      .ts(recorder('Async', journal(), async (v) => v))
      .build();
    const pipeline = await createPipeline(registry, one('Async'));
    const it = pipeline.stream([1, 2, 3]);
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(results).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
      { value: 3, done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
  });
});

describe('pipeline.close() during a stream', () => {
  it('ends the stream with ERR_CLOSED instead of leaving its reader waiting on an idle source', async () => {
    const log = journal();
    const registry = NodeRegistry.builder().ts(recorder('Step', log)).build();
    const pipeline = await createPipeline(registry, one('Step'));
    let reads = 0;
    async function* idleAfterOne(): AsyncGenerator<number> {
      reads++;
      yield 1;
      await new Promise(() => {}); // a live source with nothing more to say yet
    }
    const frames = pipeline.stream(idleAfterOne());
    expect(await frames.next()).toEqual({ value: 1, done: false });
    const waiting = frames.next();
    await pipeline.close();
    await expect(waiting).rejects.toMatchObject({ code: 'ERR_CLOSED' });
    expect(await frames.next()).toEqual({ value: undefined, done: true });
    expect(log.closes.get('a')).toBe(1);
    expect(reads).toBe(1);
  });

  it('leaves a stream that was never read unread, answering ERR_CLOSED', async () => {
    const registry = NodeRegistry.builder().ts(recorder('Step', journal())).build();
    const pipeline = await createPipeline(registry, one('Step'));
    let reads = 0;
    const frames = pipeline.stream(
      (async function* () {
        reads++;
        yield 1;
      })(),
    );
    await pipeline.close();
    await expect(frames.next()).rejects.toMatchObject({ code: 'ERR_CLOSED' });
    expect(reads).toBe(0);
  });
});

describe('drop-oldest fan-in', () => {
  it('never drops the end of a branch: the stream ends and only frames count as dropped', async () => {
    const lagGo = gate();
    const lagFlushed = gate();
    const seen: unknown[] = [];
    const node = (
      type: string,
      process: (v: unknown, call: number) => unknown,
      flush: () => void = () => {},
    ) =>
      testNode(type, {
        description: type,
        create: () => {
          let calls = 0;
          return { process: (v: unknown) => process(v, calls++), flush };
        },
      });
    const registry = NodeRegistry.builder()
      .ts(node('Src', (v) => v))
      // The fast branch passes the first frame only, then ends and lets the lagging branch go.
      .ts(node('Fast', (v, call) => (call === 0 ? `fast${v}` : undefined), lagGo.open))
      .ts(
        node(
          'Lag',
          async (v) => {
            await lagGo.wait;
            return `lag${v}`;
          },
          lagFlushed.open,
        ),
      )
      // The sink is busy with its first item until the lagging branch has delivered everything.
      .ts(
        node('Sink', async (v, call) => {
          if (call === 0) await lagFlushed.wait;
          seen.push(v);
          return v;
        }),
      )
      .build();
    const pipeline = await createPipeline(
      registry,
      {
        version: 1,
        nodes: [
          { id: 'src', type: 'Src' },
          { id: 'fast', type: 'Fast' },
          { id: 'lag', type: 'Lag' },
          { id: 'sink', type: 'Sink' },
        ],
        connections: [
          { from: 'src', to: 'fast' },
          { from: 'src', to: 'lag' },
          { from: 'fast', to: 'sink' },
          { from: 'lag', to: 'sink' },
        ],
      },
      { highWaterMark: 4, nodes: { sink: { overflow: 'drop-oldest' } } },
    );
    const out: unknown[] = [];
    const run = (async () => {
      for await (const v of pipeline.stream([1, 2, 3, 4, 5])) out.push(v);
      return 'ended';
    })();
    // A dropped end of the fast branch would leave the sink waiting forever (a test timeout).
    expect(await run).toBe('ended');
    // The sink's queue (4) held the fast branch's end plus 3 lagging frames: 2 frames dropped.
    expect(out).toEqual(['fast1', 'lag3', 'lag4', 'lag5']);
    const m = pipeline.metrics().nodes.sink;
    expect(m?.dropped).toBe(2);
    expect(m?.queueHighWater).toBeLessThanOrEqual(4);
  });
});

describe('high-water mark', () => {
  it('a bad pipeline mark is refused before any node is created', async () => {
    const log = journal();
    const Step = recorder('Step', log);
    let created = 0;
    const registry = NodeRegistry.builder()
      .ts({
        ...Step,
        create: (params: { name: string }) => {
          created++;
          return Step.create(params);
        },
      } as typeof Step)
      .build();
    await expect(createPipeline(registry, one('Step'), { highWaterMark: 0 })).rejects.toMatchObject(
      { code: 'ERR_INVALID_PARAM' },
    );
    expect(created - (log.closes.get('a') ?? 0)).toBe(0);
  });

  it('a bad stream mark is refused instead of a queue that never takes an item', async () => {
    const registry = NodeRegistry.builder().ts(recorder('Step', journal())).build();
    const pipeline = await createPipeline(registry, one('Step'));
    for (const highWaterMark of [0, -1, 1.5, Number.NaN]) {
      expect(() => pipeline.stream([1], { highWaterMark })).toThrowError(
        expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
      );
    }
    expect(await pipeline.stream([1, 2], { highWaterMark: 1 }).next()).toEqual({
      value: 1,
      done: false,
    });
  });
});
