// The bridge's small parts on their own: retry queue order and supersession, per-node ordering,
// the in-flight limit, health roll-up and credential redaction.
import { describe, expect, it } from 'vitest';
import { Limiter } from '../src/bus/limiter.js';
import { overall, probe, redact } from '../src/health.js';
import { NodeChain } from '../src/node-chain.js';
import { RetryQueue } from '../src/retry-queue.js';
import { nodeEvent } from './helpers.js';

describe('RetryQueue', () => {
  it('keeps the newest event per node, oldest node first', () => {
    const queue = new RetryQueue();
    const a1 = nodeEvent('a', { at: new Date(1000) });
    const b1 = nodeEvent('b', { at: new Date(1500) });
    const a2 = nodeEvent('a', { at: new Date(2000) });
    queue.add(a1);
    queue.add(b1);
    queue.add(a2);
    queue.add(nodeEvent('a', { at: new Date(500) })); // older: ignored
    expect(queue.size).toBe(2);
    expect(queue.peek()).toBe(b1);
    queue.delete(b1);
    expect(queue.peek()).toBe(a2);
    queue.settle(nodeEvent('a', { at: new Date(1999) })); // older than waiting: kept
    expect(queue.has(a2)).toBe(true);
    queue.settle(nodeEvent('a', { at: new Date(2000) }));
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

  it('never shows a password from a connection URL', () => {
    expect(redact('connect postgres://registry:s3cret@127.0.0.1:5432/db failed')).toBe(
      'connect postgres://registry:***@127.0.0.1:5432/db failed',
    );
  });
});
