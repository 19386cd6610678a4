// The bridge's small parts on their own: retry queue order and supersession, per-node ordering,
// the in-flight limit, health roll-up, and Kafka commits and options.
import { describe, expect, it } from 'vitest';
import { KafkaBus } from '../src/bus/kafka.js';
import { kafkaEnvConfig } from '../src/bus/kafka-env.js';
import { PartitionCommits } from '../src/bus/kafka-offsets.js';
import { Limiter } from '../src/bus/limiter.js';
import { overall, probe } from '../src/health.js';
import { NodeChain } from '../src/node-chain.js';
import { RetryQueue } from '../src/retry-queue.js';
import { nodeEvent } from './helpers.js';

describe('RetryQueue', () => {
  it('keeps the newest event per node, oldest node first', () => {
    const queue = new RetryQueue();
    const at = (id: string, ms: number) => ({
      event: nodeEvent(id, { at: new Date(ms) }),
      receivedAt: Date.now(),
    });
    const a1 = at('a', 1000);
    const b1 = at('b', 1500);
    const a2 = at('a', 2000);
    queue.add(a1);
    queue.add(b1);
    queue.add(a2);
    queue.add(at('a', 500)); // older: ignored
    expect(queue.size).toBe(2);
    expect(queue.entries()).toEqual([b1, a2]);
    queue.delete(b1);
    expect(queue.entries()).toEqual([a2]);
    queue.settle(at('a', 1999)); // older than waiting: kept
    expect(queue.has(a2)).toBe(true);
    queue.settle(at('a', 2000));
    expect(queue.size).toBe(0);
  });
});

describe('NodeChain', () => {
  it('runs one node in order, other nodes concurrently, and survives a failing task', async () => {
    const chain = new NodeChain();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      await new Promise((r) => setTimeout(r, ms));
      log.push(name);
    };
    const done = Promise.allSettled([
      chain.run('a', step('a1', 30)),
      chain.run('a', async () => {
        throw new Error('boom');
      }),
      chain.run('a', step('a3', 0)),
      chain.run('b', step('b1', 0)),
    ]);
    const results = await done;
    expect(log).toEqual(['b1', 'a1', 'a3']);
    expect(results[1]?.status).toBe('rejected');
  });
});

describe('Limiter', () => {
  it('never has more than its limit in flight', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    for (let i = 0; i < 20; i++) {
      await limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
      });
    }
    await limiter.idle();
    expect(peak).toBe(3);
    expect(active).toBe(0);
  });
});

describe('health', () => {
  it('rolls components up: a critical one down is unhealthy, another one degraded', () => {
    const up = { status: 'up', critical: false } as const;
    expect(overall({ nats: { ...up, critical: true }, discovery: up, postgres: up })).toBe(
      'healthy',
    );
    expect(
      overall({
        nats: { ...up, critical: true },
        discovery: up,
        postgres: { ...up, status: 'down' },
      }),
    ).toBe('degraded');
    expect(overall({ nats: { status: 'down', critical: true }, discovery: up, postgres: up })).toBe(
      'unhealthy',
    );
  });

  it('a probe that hangs is down after its timeout, with the reason', async () => {
    const result = await probe(() => new Promise(() => undefined), false, 20);
    expect(result).toEqual({ status: 'down', critical: false, error: 'no answer within 20 ms' });
  });

  it('counts registrations waiting for a store as degraded', () => {
    const up = { status: 'up', critical: false } as const;
    const nats = { ...up, critical: true };
    expect(overall({ nats, discovery: up, postgres: { ...up, pending: 3 } })).toBe('degraded');
    expect(overall({ nats, discovery: up, postgres: { ...up, pending: 0 } })).toBe('healthy');
  });
});

describe('kafkaEnvConfig', () => {
  it('reads SASL and SSL settings from the environment', () => {
    expect(kafkaEnvConfig({})).toEqual({});
    expect(
      kafkaEnvConfig({
        REMOTEMEDIA_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        REMOTEMEDIA_KAFKA_SASL_USERNAME: 'bridge',
        REMOTEMEDIA_KAFKA_SASL_PASSWORD: 'k4fka-secret',
        REMOTEMEDIA_KAFKA_SSL: '1',
      }),
    ).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'bridge', password: 'k4fka-secret' },
    });
  });

  it('names what is missing, never the password', () => {
    expect(() =>
      kafkaEnvConfig({
        REMOTEMEDIA_KAFKA_SASL_MECHANISM: 'plain',
        REMOTEMEDIA_KAFKA_SASL_PASSWORD: 'k4fka-secret',
      }),
    ).toThrow(/needs REMOTEMEDIA_KAFKA_SASL_USERNAME/);
    expect(() =>
      kafkaEnvConfig({
        REMOTEMEDIA_KAFKA_SASL_MECHANISM: 'gssapi',
        REMOTEMEDIA_KAFKA_SASL_PASSWORD: 'k4fka-secret',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_PARAM',
        message: expect.not.stringContaining('k4fka'),
      }),
    );
  });
});

describe('PartitionCommits', () => {
  const msg = (partition: number, offset: number) => ({
    partition,
    offset: BigInt(offset),
    commit: () => undefined,
  });

  it('commits a partition only past events handled with all earlier ones', () => {
    const commits = new PartitionCommits<ReturnType<typeof msg>>();
    const [a0, a1, a2, b0] = [msg(0, 0), msg(0, 1), msg(0, 2), msg(1, 0)];
    for (const m of [a0, a1, b0, a2]) commits.received(m);
    expect(commits.handled(a1)).toBeUndefined(); // a0 still running
    expect(commits.handled(b0)).toBe(b0); // another partition is not held back
    expect(commits.handled(a0)).toBe(a1); // a0 and a1 are done: commit past a1
    expect(commits.size).toBe(1);
    expect(commits.handled(a2)).toBe(a2);
    expect(commits.size).toBe(0);
    expect(commits.handled(a2)).toBeUndefined(); // unknown or already committed
  });
});

describe('KafkaBus options', () => {
  it('refuses an unknown config option before connecting', async () => {
    const opening = KafkaBus.open({
      brokers: ['127.0.0.1:1'],
      config: { connectionTimeout: 2000 } as never,
    });
    await expect(opening).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
      message:
        "unknown Kafka config option 'connectionTimeout' (known: sasl, ssl, connectTimeoutMs)",
    });
  });

  it('refuses an unknown SASL mechanism in config', async () => {
    const sasl = { mechanism: 'gssapi', username: 'u', password: 'k4fka-secret' } as never;
    await expect(
      KafkaBus.open({ brokers: ['127.0.0.1:1'], config: { sasl } }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
      message:
        "config.sasl.mechanism must be one of plain, scram-sha-256, scram-sha-512, got 'gssapi'",
    });
  });
});
