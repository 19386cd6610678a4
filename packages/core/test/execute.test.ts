import { Type } from 'typebox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPipeline, defineNode, NodeRegistry, RemoteMediaError } from '../src/index.js';
import { chain, diamond, graph, journal, Mix, recorder, step, transient } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('execute', () => {
  it('runs nodes in topological order and returns sink outputs by id', async () => {
    const log = journal();
    const Step = recorder('Step', log, (v) => `${String(v)}>`);
    const registry = NodeRegistry.builder().ts(Step).build();
    const manifest = chain(['c', 'a', 'b']);
    // Declared out of order on purpose: connections decide the order.
    manifest.connections = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ];
    const pipeline = await createPipeline(registry, manifest);
    expect(pipeline.nodeIds).toEqual(['a', 'b', 'c']);
    expect(await pipeline.execute({ a: 'x' })).toEqual({ c: 'x>>>' });
    expect(log.events).toEqual(['a:process', 'b:process', 'c:process']);
  });

  it('runs independent nodes concurrently and fans in to a record', async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const Slow = defineNode({
      type: 'Slow',
      category: 't',
      description: 't',
      params: Type.Object({ name: Type.String() }),
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
      create: ({ name }) => ({
        process: (v: unknown) =>
          new Promise((resolve) => {
            started.push(name);
            release.set(name, () => resolve(`${name}(${String(v)})`));
          }),
      }),
    });
    const registry = NodeRegistry.builder().ts(Slow).ts(Mix).build();
    const pipeline = await createPipeline(
      registry,
      graph(
        [step('l', 'Slow'), step('r', 'Slow'), ['mix', 'Mix']],
        [
          ['l', 'mix', { toKey: 'left' }],
          ['r', 'mix', { toKey: 'right' }],
        ],
      ),
    );
    const result = pipeline.execute({ l: 1, r: 2 });
    await vi.waitFor(() => expect(started).toEqual(['l', 'r']));
    // Both slow nodes are in flight at once; finishing them in reverse order still joins correctly.
    release.get('r')?.();
    release.get('l')?.();
    expect(await result).toEqual({ mix: { left: 'l(1)', right: 'r(2)' } });
  });

  it('gathers several connections into one port as an array, and fans out by reference', async () => {
    const log = journal();
    const Step = recorder('Step', log);
    const registry = NodeRegistry.builder().ts(Step).build();
    const pipeline = await createPipeline(registry, diamond(['src', 'x', 'y', 'join']));
    const input = { big: new Float32Array(4) };
    const { join } = (await pipeline.execute({ src: input })) as { join: unknown[] };
    expect(join).toHaveLength(2);
    expect(join[0]).toBe(input);
    expect(join[1]).toBe(input);
  });

  it('retries retryable errors with exponential backoff, counting retries', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const log = journal();
    const Flaky = recorder('Flaky', log, (v, call) => {
      if (call < 2) throw transient(`transient failure ${call}`);
      return v;
    });
    const registry = NodeRegistry.builder().ts(Flaky).build();
    const pipeline = await createPipeline(
      registry,
      { version: 1, nodes: [{ id: 'f', type: 'Flaky', params: { name: 'f' } }] },
      { retry: { maxAttempts: 3, baseDelayMs: 100, jitter: 0.5 } },
    );
    const result = pipeline.execute({ f: 'ok' });
    await vi.advanceTimersByTimeAsync(0);
    expect(log.events).toHaveLength(1);
    // random() = 0 -> full delay: 100 ms, then 200 ms.
    await vi.advanceTimersByTimeAsync(99);
    expect(log.events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(log.events).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(log.events).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ f: 'ok' });
    expect(pipeline.metrics().nodes.f).toMatchObject({
      calls: 3,
      errors: 2,
      retries: 2,
      framesOut: 1,
    });
  });

  it('does not retry errors that are not retryable', async () => {
    const log = journal();
    const Broken = recorder('Broken', log, () => {
      throw new RemoteMediaError('ERR_INVALID_INPUT', 'bad frame');
    });
    const registry = NodeRegistry.builder().ts(Broken).build();
    const pipeline = await createPipeline(
      registry,
      { version: 1, nodes: [{ id: 'b', type: 'Broken', params: { name: 'b' } }] },
      { retry: { maxAttempts: 5 } },
    );
    await expect(pipeline.execute({ b: 1 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      nodeId: 'b',
      message: 'bad frame',
    });
    expect(log.events).toEqual(['b:process']);
  });

  it('fails a node that does not answer in time with ERR_TIMEOUT', async () => {
    vi.useFakeTimers();
    const Hang = recorder('Hang', journal(), () => new Promise(() => {}));
    const registry = NodeRegistry.builder().ts(Hang).build();
    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [{ id: 'h', type: 'Hang', params: { name: 'h' } }],
    });
    const result = pipeline.execute({ h: 1 }, { timeoutMs: 50 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    expect(await result).toMatchObject({ code: 'ERR_TIMEOUT', nodeId: 'h', retryable: true });
  });

  it('stops on abort with ERR_ABORTED', async () => {
    const Hang = recorder('Hang', journal(), () => new Promise(() => {}));
    const registry = NodeRegistry.builder().ts(Hang).build();
    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [{ id: 'h', type: 'Hang', params: { name: 'h' } }],
    });
    const controller = new AbortController();
    const result = pipeline.execute({ h: 1 }, { signal: controller.signal });
    controller.abort();
    await expect(result).rejects.toMatchObject({ code: 'ERR_ABORTED', nodeId: 'h' });
  });

  it('starts no node once the run is aborted, even after a synchronous upstream node', async () => {
    const log = journal();
    const controller = new AbortController();
    // The first node aborts the run from its own synchronous code and still returns a value.
    const Aborter = recorder('Aborter', log, (v) => {
      controller.abort();
      return v;
    });
    const Next = recorder('Next', log);
    const registry = NodeRegistry.builder().ts(Aborter).ts(Next).build();
    const pipeline = await createPipeline(
      registry,
      graph([step('a', 'Aborter'), step('n', 'Next')], [['a', 'n']]),
    );
    const result = pipeline.execute({ a: 1 }, { signal: controller.signal });
    await expect(result).rejects.toMatchObject({ code: 'ERR_ABORTED', nodeId: 'n' });
    expect(log.events).toEqual(['a:process']);
    expect(pipeline.metrics().nodes.n).toMatchObject({ calls: 0, framesIn: 0 });
  });

  it('an abort during the backoff names the node and counts no retry that never ran', async () => {
    vi.useFakeTimers();
    const log = journal();
    const Flaky = recorder('Flaky', log, () => {
      throw transient('worker restarting');
    });
    const registry = NodeRegistry.builder().ts(Flaky).build();
    const pipeline = await createPipeline(
      registry,
      { version: 1, nodes: [{ id: 'f', type: 'Flaky', params: { name: 'f' } }] },
      { retry: { maxAttempts: 5, baseDelayMs: 1_000 } },
    );
    const controller = new AbortController();
    const result = pipeline.execute({ f: 1 }, { signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.events).toEqual(['f:process']);
    controller.abort();
    expect(await result).toMatchObject({ code: 'ERR_ABORTED', nodeId: 'f' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log.events).toEqual(['f:process']);
    expect(pipeline.metrics().nodes.f).toMatchObject({ calls: 1, errors: 1, retries: 0 });
  });

  it('names the missing source inputs', async () => {
    const registry = NodeRegistry.builder().ts(recorder('Step', journal())).build();
    const pipeline = await createPipeline(registry, chain(['a', 'b']));
    await expect(pipeline.execute({ b: 1 })).rejects.toThrowError(
      'no input for source node(s) a; execute() takes { a: value }',
    );
  });

  it('close() closes every node once and the pipeline refuses further work', async () => {
    const log = journal();
    const registry = NodeRegistry.builder().ts(recorder('Step', log)).build();
    const pipeline = await createPipeline(registry, chain(['a', 'b']));
    await Promise.all([pipeline.close(), pipeline.close()]);
    expect(Object.fromEntries(log.closes)).toEqual({ a: 1, b: 1 });
    await expect(async () => pipeline.execute({ a: 1 })).rejects.toMatchObject({
      code: 'ERR_CLOSED',
    });
  });
});
