// Several worker processes: load sharing, tag routing, crashes, drain, server restart, and a
// manifest with one remote node.
import { createPipeline, NodeRegistry } from '@remotemedia/core';
import { isRemoteMediaError } from '@remotemedia/errors';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteClient } from '../src/index.js';
import { Gain } from './fixtures/nodes.js';
import { frame, type NatsServer, spawnWorker, startNats, type WorkerProcess } from './helpers.js';

let nats: NatsServer;
let client: RemoteClient;
const workers: WorkerProcess[] = [];

async function start(id: string, tags: Record<string, string> = {}): Promise<WorkerProcess> {
  const w = await spawnWorker(nats.url, id, tags);
  workers.push(w);
  return w;
}

beforeAll(async () => {
  nats = await startNats();
  client = await RemoteClient.connect({
    servers: nats.url,
    // Short enough that a call to a killed worker fails over within the test, long enough that a
    // loaded machine never times out a live one.
    idleTimeoutMs: 5_000,
    callTimeoutMs: 5_000,
  });
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')));
});

afterAll(async () => {
  await client?.close();
  await nats?.stop();
});

describe('cluster', () => {
  it('several workers share the load of one type through the queue group', async () => {
    await start('q1');
    await start('q2');
    const served = new Set<unknown>();
    for (let i = 0; i < 40; i++) served.add(await client.call('WhoAmI', i));
    expect([...served].sort()).toEqual(['q1', 'q2']);
  });

  it('tags route calls to the worker that has them', async () => {
    await start('cpu1', { gpu: 'false' });
    await start('gpu1', { gpu: 'true', zone: 'eu' });
    await expect.poll(async () => (await client.workers()).length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 5; i++) {
      expect(await client.call('WhoAmI', i, { tags: { gpu: 'true' } })).toBe('gpu1');
      expect(await client.call('WhoAmI', i, { tags: { gpu: 'false' } })).toBe('cpu1');
    }
    await expect(client.call('WhoAmI', 0, { tags: { gpu: 'quantum' } })).rejects.toMatchObject({
      code: 'ERR_NODE_NOT_FOUND',
    });
  });

  it('a worker killed mid-stream fails the stream with ERR_TRANSPORT or ERR_TIMEOUT instead of hanging', async () => {
    const victim = await start('victim');
    const stream = await client.openStream('Counter', {
      params: { delayMs: 200 },
      idleTimeoutMs: 1500,
    });
    await stream.send(1);
    victim.child.kill('SIGKILL');
    let code: string | undefined;
    try {
      await stream.send(2);
      for await (const _ of stream.outputs()) {
        /* until it fails */
      }
    } catch (error) {
      code = isRemoteMediaError(error) ? error.code : String(error);
    }
    // Without the idle timeout this would wait for good (the test's own timeout would fail it).
    expect(['ERR_TRANSPORT', 'ERR_TIMEOUT']).toContain(code);
  });

  it('with a retry policy, a pipeline call completes on a second worker with the same tags', async () => {
    const first = await start('r1', { pool: 'x' });
    await start('r2', { pool: 'x' });
    const registry = NodeRegistry.builder()
      .remote('WhoAmI', { tags: { pool: 'x' } })
      .build({ remote: client });
    const pipeline = await createPipeline(
      registry,
      { version: 1, nodes: [{ id: 'who', type: 'WhoAmI' }] },
      { retry: { maxAttempts: 3, baseDelayMs: 10 } },
    );
    const firstAnswer = (await pipeline.execute({ who: 1 })).who;
    const victim = firstAnswer === 'r1' ? first : workers[1];
    await victim?.stop('SIGKILL');
    const second = (await pipeline.execute({ who: 2 })).who;
    expect(second).toBe(firstAnswer === 'r1' ? 'r2' : 'r1');
    expect(pipeline.metrics().nodes.who?.retries).toBeGreaterThanOrEqual(1);
    await pipeline.close();
  });

  it('SIGTERM drains: the open stream finishes, new sessions go elsewhere, the process exits 0', async () => {
    const draining = await start('d1');
    const stream = await client.openStream<number, unknown>('Counter');
    await stream.send(1);
    draining.child.kill('SIGTERM');
    await expect.poll(() => client.call('WhoAmI', 0).catch((e) => e.code)).toBe('ERR_TRANSPORT');
    await stream.send(2);
    stream.end();
    const outputs: unknown[] = [];
    for await (const out of stream.outputs()) outputs.push(out);
    expect(outputs).toEqual([1, 2, { total: 2 }]);
    expect(await draining.exited).toBe(0);
    expect(draining.output()).toContain('"active":0');
  });

  it('clients and workers reconnect after a server restart', async () => {
    await start('survivor');
    expect(await client.call('WhoAmI', 0)).toBe('survivor');
    await nats.restart();
    await expect
      .poll(() => client.call('WhoAmI', 0).catch((e) => e.code), { timeout: 10_000, interval: 200 })
      .toBe('survivor');
  });

  it('a manifest with one remote node gives the same output as the local run', async () => {
    await start('m1', { gpu: 'true' });
    const manifest = (remote: boolean) => ({
      version: 1 as const,
      nodes: [
        { id: 'pre', type: 'Gain', params: { gain: 2 } },
        {
          id: 'post',
          type: 'Gain',
          params: { gain: 0.5 },
          ...(remote ? { placement: { remote: true, tags: { gpu: 'true' } } } : {}),
        },
      ],
      connections: [{ from: 'pre', to: 'post' }],
    });
    const registry = NodeRegistry.builder().ts(Gain).build({ remote: client });
    const frames = () =>
      Array.from({ length: 25 }, (_, i) =>
        frame(
          Array.from({ length: 1920 }, (_, j) => Math.sin((i * 1920 + j) / 7)),
          48000,
          2,
          i * 20,
        ),
      );
    const run = async (remote: boolean) => {
      const pipeline = await createPipeline(registry, manifest(remote));
      const out: { samples: Float32Array; timestamp?: number }[] = [];
      for await (const value of pipeline.stream(frames())) out.push(value as never);
      await pipeline.close();
      return out;
    };
    const local = await run(false);
    const remote = await run(true);
    expect(remote).toHaveLength(25);
    expect(remote.map((f) => f.timestamp)).toEqual(local.map((f) => f.timestamp));
    for (let i = 0; i < local.length; i++) {
      expect(remote[i]?.samples).toEqual(local[i]?.samples);
    }
  });
});
