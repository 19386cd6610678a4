// What must not stop the bridge, against real nats-server and PostgreSQL: an event PostgreSQL
// refuses (written at once or waiting in the backfill queue), an impossible or far-future
// timestamp, a worker clock behind the bridge's, a redelivered event older than a node's goodbye,
// concurrent discovery writers, a deleted consumer or stream, stream limits, a store whose writes
// fail while it answers pings, and a PostgreSQL server that stops answering (SIGSTOP).
import { DiscardPolicy, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  BRIDGE_CONSUMER,
  DEAD_LETTER_STREAM,
  encodeEnvelope,
  INTROSPECTION_STREAM,
  introspectionSubjects,
} from '@remotemedia/remote';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NatsServer } from '../../../tools/testing/servers/nats.js';
import { type PostgresServer, poolFor } from '../../../tools/testing/servers/postgres.js';
import {
  createRegistryBridge,
  DiscoveryStore,
  JetStreamBus,
  type RegistryBridge,
} from '../src/index.js';
import { allRows, discoveryEntry, discoveryKeys, nodeEvent, quiet, rowIds } from './helpers.js';
import { startServers, stopServers } from './servers/stack.js';

const MINUTE = 60_000;

let nats: NatsServer;
let postgres: PostgresServer;
let nc: NatsConnection;
let pool: pg.Pool;
let bridge: RegistryBridge;
const warnings: string[] = [];

beforeAll(async () => {
  ({ nats, postgres } = await startServers());
  nc = await connect({ servers: nats.url });
  pool = poolFor(postgres.url);
  bridge = await createRegistryBridge({
    servers: nats.url,
    postgres: { connectionString: postgres.url, queryTimeoutMs: 1000 },
    staleAfterMs: 5 * MINUTE,
    removeAfterMs: 10 * MINUTE,
    retryIntervalMs: 100,
    storeTimeoutMs: 1500,
    closeTimeoutMs: 1500,
    // Probes and discovery writes get time on a loaded machine: only PostgreSQL's hang, which
    // the short query and store timeouts above catch, should count as a store down here.
    healthTimeoutMs: 5_000,
    discovery: { timeoutMs: 5_000 },
    logger: { ...quiet, warn: (message) => warnings.push(message) },
  });
});

afterAll(async () => {
  postgres?.resume();
  await bridge?.close();
  await stopServers({ nats, postgres, nc, pool });
});

const ids = (prefix: string) => rowIds(pool, prefix);
const keys = (prefix: string) => discoveryKeys(nc, prefix);
const row = async (id: string) => (await allRows(pool)).find((r) => r.tool_id === id);

/** Dead letters so far, newest last: the reason header and the event id inside. */
async function deadLetters(): Promise<{ reason: string; eventId: string | undefined }[]> {
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(DEAD_LETTER_STREAM);
  const letters = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const msg = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq });
    let eventId: string | undefined;
    try {
      eventId = (JSON.parse(new TextDecoder().decode(msg?.data)) as { event_id?: string }).event_id;
    } catch {
      eventId = undefined;
    }
    letters.push({ reason: msg?.header.get('RemoteMedia-Dead-Letter-Reason') ?? '', eventId });
  }
  return letters;
}

describe('bad events', () => {
  it('dead-letters an event PostgreSQL refuses, with its id, and keeps writing the ones after', async () => {
    const before = await bridge.metrics();
    // jsonb cannot hold a NUL character: SQLSTATE 22P05, a fault of this event, not an outage.
    const bad = nodeEvent('nul1', { tags: { x: 'a\u0000b' } });
    await bridge.bus.publish(bad);
    for (let i = 0; i < 5; i++) await bridge.bus.publish(nodeEvent(`afternul${i}`));
    await expect.poll(async () => (await ids('afternul')).length).toBe(5);
    await expect
      .poll(async () => (await deadLetters()).find((l) => l.eventId === bad.event_id)?.reason)
      .toMatch(/^postgres refused the event: /);
    // Counted once the dead letter's publish returned, which can be after it shows in the stream.
    await expect
      .poll(async () => (await bridge.metrics()).deadLettered - before.deadLettered)
      .toBe(1);
    const after = await bridge.metrics();
    expect(after.stores.postgres.rejected - before.stores.postgres.rejected).toBe(1);
    await expect.poll(async () => (await bridge.metrics()).stores.postgres.pending).toBe(0);
    expect(await ids('nul1')).toEqual([]);
    await expect.poll(async () => (await bridge.checkHealth()).status).toBe('healthy');
  });

  it('a refused event waiting in the backfill queue does not hold up the others', async () => {
    const before = await bridge.metrics();
    postgres.stop();
    const bad = nodeEvent('nul2', { tags: { x: '\u0000' } });
    await bridge.bus.publish(bad);
    for (let i = 0; i < 3; i++) await bridge.bus.publish(nodeEvent(`queued${i}`));
    await expect.poll(async () => (await bridge.metrics()).stores.postgres.pending).toBe(4);
    postgres.start();
    await expect
      .poll(() => ids('queued'), { timeout: 15_000 })
      .toEqual(['queued0', 'queued1', 'queued2']);
    await expect
      .poll(async () => (await deadLetters()).find((l) => l.eventId === bad.event_id)?.reason)
      .toMatch(/^postgres refused the event: /);
    await expect.poll(async () => (await bridge.metrics()).stores.postgres.pending).toBe(0);
    const after = await bridge.metrics();
    expect(after.stores.postgres.backfilled - before.stores.postgres.backfilled).toBe(3);
    expect(after.stores.postgres.rejected - before.stores.postgres.rejected).toBe(1);
    expect(after.stores.postgres.pending).toBe(0);
    await expect.poll(async () => (await bridge.checkHealth()).status).toBe('healthy');
  });

  it('dead-letters an impossible timestamp as malformed instead of failing the store', async () => {
    const before = await bridge.metrics();
    const impossible = { ...nodeEvent('month13'), event_timestamp: '2026-13-01T00:00:00.000Z' };
    nc.publish(introspectionSubjects.node('month13'), encodeEnvelope(impossible));
    await bridge.bus.publish(nodeEvent('after-month13'));
    await expect.poll(() => ids('after-month13')).toEqual(['after-month13']);
    await expect.poll(async () => (await bridge.metrics()).malformed).toBe(before.malformed + 1);
    // Counted before its dead letter is published: wait for the letter itself.
    await expect
      .poll(async () => (await deadLetters()).at(-1)?.reason)
      .toMatch(/event_timestamp is not a valid date/);
    expect(await ids('month13')).toEqual([]);
    await expect.poll(async () => (await bridge.metrics()).stores.postgres.pending).toBe(0);
  });

  it('dead-letters an event stamped far ahead of the bridge clock', async () => {
    const before = await bridge.metrics();
    await bridge.bus.publish(nodeEvent('future1', { at: new Date(Date.now() + 60 * MINUTE) }));
    await expect
      .poll(async () => (await bridge.metrics()).deadLettered)
      .toBe(before.deadLettered + 1);
    expect((await deadLetters()).at(-1)?.reason).toMatch(/ahead of the bridge clock/);
    // Its node registers normally with its next, sane event.
    await bridge.bus.publish(nodeEvent('future1', { tags: { v: 'now' } }));
    await expect.poll(async () => (await row('future1'))?.capabilities.tags).toEqual({ v: 'now' });
  });
});

describe('freshness', () => {
  it('counts a heartbeat from when the bridge received it, not from the worker clock', async () => {
    const receivedAfter = Date.now();
    // A worker whose clock is an hour behind.
    const behind = nodeEvent('behind1', { at: new Date(Date.now() - 60 * MINUTE) });
    await bridge.bus.publish(behind);
    await expect.poll(() => ids('behind1')).toEqual(['behind1']);
    const registered = await row('behind1');
    expect(registered?.last_heartbeat.getTime()).toBeGreaterThanOrEqual(receivedAfter);
    expect(registered?.last_event_at.toISOString()).toBe(behind.event_timestamp);
    await expect.poll(() => keys('behind1')).toEqual(['behind1']);
    await bridge.sweep();
    expect((await row('behind1'))?.status).toBe('active');
    expect(await keys('behind1')).toEqual(['behind1']);
  });

  it('marks nodes without heartbeat stale, then removes them from both stores', async () => {
    const before = await bridge.metrics();
    await bridge.bus.publish(nodeEvent('stale-old'));
    await expect.poll(() => ids('stale')).toEqual(['stale-old']);
    await new Promise((r) => setTimeout(r, 5)); // stale-late is received strictly later
    await bridge.bus.publish(nodeEvent('stale-late'));
    await expect.poll(() => ids('stale')).toEqual(['stale-late', 'stale-old']);
    await expect.poll(() => keys('stale')).toEqual(['stale-late', 'stale-old']);
    const heartbeat = async (id: string) => (await row(id))?.last_heartbeat.getTime() as number;
    const [old, late] = [await heartbeat('stale-old'), await heartbeat('stale-late')];
    expect(late).toBeGreaterThan(old + 1);

    // Sweep as if at a moment when both are silent longer than staleAfterMs (5 min) and only
    // stale-old longer than removeAfterMs (10 min).
    const now = late + 10 * MINUTE - 1;
    await bridge.sweep(now);
    expect(await ids('stale')).toEqual(['stale-late']);
    expect(await keys('stale')).toEqual(['stale-late']);
    expect((await row('stale-late'))?.status).toBe('stale');
    const after = await bridge.metrics();
    expect(after.stale.removed - before.stale.removed).toBeGreaterThanOrEqual(1);
    expect(after.registeredNodes).toContain('stale-late');
    expect(after.registeredNodes).not.toContain('stale-old');

    // A heartbeat brings a stale node back.
    await bridge.bus.publish(nodeEvent('stale-late'));
    await expect.poll(async () => (await row('stale-late'))?.status).toBe('active');
  });

  it('a stale removal spares a row whose heartbeat arrived after the sweep looked', async () => {
    await bridge.bus.publish(nodeEvent('spared1'));
    await expect.poll(() => ids('spared1')).toEqual(['spared1']);
    const seen = (await row('spared1'))?.last_heartbeat as Date;
    await bridge.postgres.remove(['spared1'], seen); // idle before its own heartbeat: kept
    expect(await ids('spared1')).toEqual(['spared1']);
    await bridge.postgres.remove(['spared1'], new Date(seen.getTime() + 1));
    expect(await ids('spared1')).toEqual([]);
  });
});

describe('deregistration', () => {
  it('a redelivered event older than the NODE_SHUTDOWN does not register the node again', async () => {
    const t0 = Date.now() - 1000;
    const hello = nodeEvent('gone1', { at: new Date(t0) });
    await bridge.bus.publish(hello);
    await expect.poll(() => keys('gone1')).toEqual(['gone1']);
    await expect.poll(() => ids('gone1')).toEqual(['gone1']);
    await bridge.bus.publish(nodeEvent('gone1', { type: 'NODE_SHUTDOWN', at: new Date(t0 + 10) }));
    await expect.poll(async () => (await row('gone1'))?.status).toBe('deregistered');
    await expect.poll(() => keys('gone1')).toEqual([]);

    const before = await bridge.metrics();
    await bridge.bus.publish(hello); // redelivered late
    await bridge.bus.publish(nodeEvent('marker1'));
    await expect.poll(() => ids('marker1')).toEqual(['marker1']);
    // marker1 is counted once both stores have it; the late hello never is.
    await expect
      .poll(async () => (await bridge.metrics()).registrations.total)
      .toBe(before.registrations.total + 1);
    expect((await row('gone1'))?.status).toBe('deregistered');
    expect(await keys('gone1')).toEqual([]);
    expect((await bridge.metrics()).registeredNodes).not.toContain('gone1');

    // A newer incarnation with the same id registers again.
    await bridge.bus.publish(nodeEvent('gone1', { tags: { v: 'again' } }));
    await expect.poll(async () => (await row('gone1'))?.status).toBe('active');
    await expect
      .poll(async () => (await discoveryEntry(nc, 'gone1'))?.tags)
      .toEqual({ v: 'again' });
  });
});

describe('concurrent discovery writers', () => {
  it('never let an older announcement overwrite a newer one (compare-and-set on the revision)', async () => {
    // Two bridges (or a bridge and the worker itself) writing one key at once.
    const stores = [new DiscoveryStore(nc), new DiscoveryStore(nc)];
    const base = Date.now() - 60_000;
    for (let round = 0; round < 5; round++) {
      const times = Array.from({ length: 8 }, (_, i) => base + round * 100 + ((i * 5) % 8));
      const write = async (at: number, i: number) => {
        const received = { event: nodeEvent('cas1', { at: new Date(at) }), receivedAt: Date.now() };
        // A write that loses every retry is queued and replayed by the bridge: do the same.
        for (;;) {
          try {
            return await (stores[i % 2] as DiscoveryStore).apply(received);
          } catch {}
        }
      };
      await Promise.all(times.map(write));
      expect((await discoveryEntry(nc, 'cas1'))?.updatedAt).toBe(Math.max(...times));
    }
  });
});

describe('the event bus', () => {
  it('recreates a deleted consumer, and a deleted stream, and consumes again', async () => {
    const jsm = await jetstreamManager(nc);
    await bridge.bus.publish(nodeEvent('consumer-before'));
    await expect.poll(() => ids('consumer-before')).toEqual(['consumer-before']);

    await jsm.consumers.delete(INTROSPECTION_STREAM, BRIDGE_CONSUMER);
    // Published while nothing consumes: still in the stream when the consumer is back.
    await bridge.bus.publish(nodeEvent('consumer-after'));
    await expect.poll(() => ids('consumer-after'), { timeout: 20_000 }).toEqual(['consumer-after']);

    await jsm.streams.delete(INTROSPECTION_STREAM);
    await expect
      .poll(
        () =>
          jsm.streams.info(INTROSPECTION_STREAM).then(
            () => true,
            () => false,
          ),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    await bridge.bus.publish(nodeEvent('stream-after'));
    await expect.poll(() => ids('stream-after'), { timeout: 20_000 }).toEqual(['stream-after']);
    await expect
      .poll(async () => (await bridge.checkHealth()).components.bus)
      .toEqual({ status: 'up', critical: true });
  });

  it('reports the bus down (unhealthy) while the stream cannot be recreated', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(INTROSPECTION_STREAM);
    // Someone else's stream now holds the subjects: recreating ours fails until it is gone.
    await jsm.streams.add({ name: 'squatter', subjects: [introspectionSubjects.all] });
    await expect
      .poll(async () => (await bridge.checkHealth()).components.bus.status, { timeout: 10_000 })
      .toBe('down');
    // First the consumer is reported gone, then (after the pause before recreating) the failure.
    await expect
      .poll(async () => (await bridge.checkHealth()).components.bus.error, { timeout: 10_000 })
      .toMatch(/recreate/);
    const health = await bridge.checkHealth();
    expect(health.status).toBe('unhealthy');
    expect(health.components.bus).toMatchObject({ status: 'down', critical: true });

    await jsm.streams.delete('squatter');
    await expect
      .poll(async () => (await bridge.checkHealth()).components.bus.status, { timeout: 10_000 })
      .toBe('up');
    await bridge.bus.publish(nodeEvent('squatter-after'));
    await expect.poll(() => ids('squatter-after')).toEqual(['squatter-after']);
  });

  it('keeps the streams bounded, and brings an existing stream to those limits', async () => {
    const jsm = await jetstreamManager(nc);
    const events = (await jsm.streams.info(INTROSPECTION_STREAM)).config;
    expect(events.max_age).toBeGreaterThan(0);
    expect(events.max_msgs_per_subject).toBeGreaterThan(0);
    expect(events.discard).toBe(DiscardPolicy.Old);
    const dead = (await jsm.streams.info(DEAD_LETTER_STREAM)).config;
    expect(dead.max_age).toBeGreaterThan(0);
    expect(dead.max_msgs).toBeGreaterThan(0);

    // A stream an older bridge created without limits.
    await jsm.streams.update(INTROSPECTION_STREAM, { max_age: 0, max_msgs_per_subject: -1 });
    await (await JetStreamBus.open(nc)).close();
    const reconciled = (await jsm.streams.info(INTROSPECTION_STREAM)).config;
    expect(reconciled.max_age).toBe(events.max_age);
    expect(reconciled.max_msgs_per_subject).toBe(events.max_msgs_per_subject);
  });
});

describe('stores failing', () => {
  it('reports a store degraded while its writes fail though it answers pings, then backfills', async () => {
    await pool.query('ALTER TABLE tool_registrations RENAME TO tool_registrations_away');
    try {
      await bridge.bus.publish(nodeEvent('renamed1'));
      await expect.poll(async () => (await bridge.metrics()).stores.postgres.pending).toBe(1);
      const health = await bridge.checkHealth();
      expect(health.status).toBe('degraded');
      expect(health.components.postgres).toMatchObject({ status: 'down', pending: 1 });
      expect(health.components.postgres.error).toMatch(/tool_registrations/);
    } finally {
      await pool.query('ALTER TABLE tool_registrations_away RENAME TO tool_registrations');
    }
    await expect.poll(() => ids('renamed1')).toEqual(['renamed1']);
    await expect.poll(async () => (await bridge.checkHealth()).status).toBe('healthy');
  });

  it('keeps registering other nodes in discovery while PostgreSQL hangs, and closes anyway', async () => {
    await bridge.bus.publish(nodeEvent('hang-warm'));
    await expect.poll(() => ids('hang-warm')).toEqual(['hang-warm']);
    postgres.pause();
    await bridge.bus.publish(nodeEvent('hung'));
    for (let i = 0; i < 12; i++) await bridge.bus.publish(nodeEvent('hung'));
    for (let i = 0; i < 5; i++) await bridge.bus.publish(nodeEvent(`hang-other${i}`));
    await expect.poll(async () => (await keys('hang-other')).length, { timeout: 20_000 }).toBe(5);
    await expect.poll(() => keys('hung'), { timeout: 20_000 }).toEqual(['hung']);
    const health = await bridge.checkHealth();
    expect(health.status).toBe('degraded');
    expect(health.components.postgres.status).toBe('down');
    expect(health.components.discovery.status).toBe('up');

    warnings.length = 0;
    await bridge.close(); // resolves although PostgreSQL never answers
    expect(warnings.join('\n')).toMatch(/dropped 0 for discovery, [1-9]\d* for postgres/);
    postgres.resume();
  });
});
