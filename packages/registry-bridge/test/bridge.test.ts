// The bridge on JetStream with real nats-server and PostgreSQL: startup request answered by
// running workers, dual registration, idempotent duplicates and replays, PostgreSQL stopped
// mid-run and backfilled, a vanished discovery bucket, dead letters, health, metrics. Stale nodes:
// resilience.test.ts.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DEAD_LETTER_STREAM,
  DEFAULT_BUCKET,
  encodeEnvelope,
  introspectionSubjects,
  serve,
  type Worker,
} from '@remotemedia/remote';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRegistry } from '../../../tools/testing/echo-registry.js';
import type { NatsServer } from '../../../tools/testing/servers/nats.js';
import { type PostgresServer, poolFor } from '../../../tools/testing/servers/postgres.js';
import { createRegistryBridge, type RegistryBridge } from '../src/index.js';
import { migrate } from '../src/stores/migrations.js';
import {
  allRows,
  discoveryEntry,
  discoveryKeys,
  nodeEvent,
  quiet,
  rowIds,
  rows,
} from './helpers.js';
import { startServers, stopServers } from './servers/stack.js';

let nats: NatsServer;
let postgres: PostgresServer;
let nc: NatsConnection;
let pool: pg.Pool;
let bridge: RegistryBridge;
const workers: Worker[] = [];

const MINUTE = 60_000;

beforeAll(async () => {
  ({ nats, postgres } = await startServers());
  nc = await connect({ servers: nats.url });
  pool = poolFor(postgres.url);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await bridge?.close();
  await stopServers({ nats, postgres, nc, pool });
});

const ids = (prefix: string) => rowIds(pool, prefix);
const keys = (prefix: string) => discoveryKeys(nc, prefix);

async function healthz(): Promise<{ code: number; body: Record<string, unknown> }> {
  const response = await fetch(`${bridge.httpUrl}/healthz`);
  return { code: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('registry bridge on JetStream + PostgreSQL', () => {
  it('asks running workers to introspect on startup and registers them in both stores', async () => {
    // Workers start before the bridge: their start events have no stream to land in, and their
    // heartbeats are far away, so only the answer to the startup request can register them.
    for (const [id, tags] of [
      ['w1', { gpu: 'true' }],
      ['w2', { gpu: 'false' }],
    ] as const) {
      workers.push(
        await serve(echoRegistry(), {
          servers: nats.url,
          id,
          tags,
          discovery: false,
          handleSignals: false,
          introspection: { heartbeatMs: 10 * MINUTE, healthEndpoint: `http://127.0.0.1:1/${id}` },
        }),
      );
    }
    bridge = await createRegistryBridge({
      servers: nats.url,
      postgres: { connectionString: postgres.url },
      staleAfterMs: 5 * MINUTE,
      removeAfterMs: 10 * MINUTE,
      retryIntervalMs: 100,
      // Generous on a loaded machine: a slow answer must not count as a store down here.
      healthTimeoutMs: 5_000,
      discovery: { timeoutMs: 5_000 },
      http: { port: 0 },
      logger: quiet,
    });
    await expect.poll(() => ids('w')).toEqual(['w1', 'w2']);
    await expect.poll(() => keys('w')).toEqual(['w1', 'w2']);

    const [w1] = await rows(pool);
    expect(w1).toMatchObject({
      tool_id: 'w1',
      node_type: 'compute',
      health_endpoint: 'http://127.0.0.1:1/w1',
      status: 'active',
      endpoints: { address: 'rm.w.w1', health: 'http://127.0.0.1:1/w1' },
      metadata: { name: 'remotemedia-worker', incarnation: workers[0]?.incarnation },
    });
    expect(w1?.capabilities.tags).toEqual({ gpu: 'true' });
    expect(w1?.id).toMatch(/^[0-9a-f-]{36}$/);
    const announced = await discoveryEntry(nc, 'w2');
    expect(announced).toMatchObject({ id: 'w2', address: 'rm.w.w2', tags: { gpu: 'false' } });
    expect(announced?.nodes.map((n) => n.type)).toEqual(['Echo']);
  });

  it('ran its migrations once, with the node_type check and the indexes', async () => {
    const applied = await pool.query('SELECT version, name FROM registry_schema_migrations');
    expect(applied.rows).toEqual([
      { version: 1, name: 'tool_registrations' },
      { version: 2, name: 'drop_redundant_tool_id_index' },
      { version: 3, name: 'event_order_and_deregistered' },
    ]);
    expect(await migrate(pool)).toEqual([]); // a second bridge starting finds nothing to do
    await expect(
      pool.query(
        "INSERT INTO tool_registrations (tool_id, node_type, last_event_id, last_event_at, last_heartbeat) VALUES ('x', 'gpu', 'e', now(), now())",
      ),
    ).rejects.toThrow(/check constraint/);
    const indexes = await pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'tool_registrations' ORDER BY indexname",
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual([
      'tool_registrations_last_heartbeat_idx',
      'tool_registrations_node_type_idx',
      'tool_registrations_pkey',
      'tool_registrations_tool_id_key', // the unique constraint's index serves lookups by tool_id
    ]);
  });

  it('follows tag changes and deregisters a worker that shuts down gracefully', async () => {
    const worker = workers[1] as Worker;
    await worker.updateTags({ gpu: 'true', zone: 'eu' });
    await expect
      .poll(async () => (await rows(pool)).find((r) => r.tool_id === 'w2')?.capabilities.tags)
      .toEqual({ gpu: 'true', zone: 'eu' });
    await expect
      .poll(async () => (await discoveryEntry(nc, 'w2'))?.tags)
      .toEqual({
        gpu: 'true',
        zone: 'eu',
      });
    await worker.close();
    workers.splice(1, 1);
    await expect.poll(() => ids('w')).toEqual(['w1']);
    await expect.poll(() => keys('w')).toEqual(['w1']);
    await expect.poll(async () => (await bridge.metrics()).registeredNodes).not.toContain('w2');
    // Its row stays as a tombstone, so a late event of the old worker cannot register it again.
    const tombstone = (await allRows(pool)).find((r) => r.tool_id === 'w2');
    expect(tombstone?.status).toBe('deregistered');
  });

  it('duplicate and replayed events change nothing but updated_at', async () => {
    const now = Date.now();
    const event = nodeEvent('dup1', { at: new Date(now), tags: { v: 'new' } });
    const registered = async () => (await bridge.metrics()).registrations.total;
    const before = await registered();
    await bridge.bus.publish(event);
    // Counted once both stores have it: the row alone can be visible before the discovery write.
    await expect.poll(registered).toBe(before + 1);
    const first = (await rows(pool)).find((r) => r.tool_id === 'dup1');

    await bridge.bus.publish(event); // the same event again (a redelivery)
    await bridge.bus.publish(nodeEvent('dup1', { at: new Date(now - MINUTE), tags: { v: 'old' } }));
    await expect.poll(registered).toBe(before + 3);
    const after = (await rows(pool)).find((r) => r.tool_id === 'dup1');
    const { updated_at: u1, ...rest1 } = first as NonNullable<typeof first>;
    const { updated_at: u2, ...rest2 } = after as NonNullable<typeof after>;
    expect(rest2).toEqual(rest1);
    expect(rest2.capabilities.tags).toEqual({ v: 'new' });
    expect(u2.getTime()).toBeGreaterThanOrEqual(u1.getTime());
    expect((await discoveryEntry(nc, 'dup1'))?.tags).toEqual({ v: 'new' });
    expect(await ids('dup1')).toHaveLength(1);
  });

  it('keeps registering in discovery while PostgreSQL is down and backfills every one after', async () => {
    const before = await bridge.metrics();
    postgres.stop();
    const count = 25;
    for (let i = 0; i < count; i++) await bridge.bus.publish(nodeEvent(`pgdown${i}`));
    await expect.poll(async () => (await keys('pgdown')).length).toBe(count);
    // A registration is counted once both writes returned, which can be after the key shows.
    await expect
      .poll(async () => (await bridge.metrics()).registrations.failed - before.registrations.failed)
      .toBe(count);

    const health = await bridge.checkHealth();
    expect(health.status).toBe('degraded');
    expect(health.components.nats.status).toBe('up');
    expect(health.components.discovery.status).toBe('up');
    expect(health.components.postgres).toMatchObject({ status: 'down', critical: false });
    expect(health.components.postgres.pending).toBe(count);
    expect(health.components.postgres.error).not.toContain(new URL(postgres.url).password);
    const http = await healthz();
    expect(http.code).toBe(200);
    expect(http.body).toMatchObject({
      status: 'degraded',
      components: { postgres: { status: 'down' } },
    });
    const during = await bridge.metrics();
    expect(during.stores.postgres.failed - before.stores.postgres.failed).toBe(count);
    expect(during.stores.postgres.pending).toBe(count);
    expect(during.registrations.failed - before.registrations.failed).toBe(count);

    postgres.start();
    await expect.poll(async () => (await ids('pgdown')).length, { timeout: 15_000 }).toBe(count);
    await expect
      .poll(async () => (await bridge.metrics()).stores.postgres.pending, { timeout: 15_000 })
      .toBe(0);
    const after = await bridge.metrics();
    expect(after.stores.postgres.backfilled - before.stores.postgres.backfilled).toBe(count);
    expect(after.stores.postgres.pending).toBe(0);
    expect(after.stores.discovery.failed).toBe(before.stores.discovery.failed);
    await expect.poll(async () => (await bridge.checkHealth()).status).toBe('healthy');
  });

  it('reports a vanished discovery bucket, queues for it, and backfills when it is recreated', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`KV_${DEFAULT_BUCKET}`);
    const health = await bridge.checkHealth();
    expect(health.status).toBe('degraded');
    expect(health.components.discovery.status).toBe('down');
    expect((await healthz()).body).toMatchObject({ components: { discovery: { status: 'down' } } });

    const before = await bridge.metrics();
    for (let i = 0; i < 5; i++) await bridge.bus.publish(nodeEvent(`kvdown${i}`));
    await expect.poll(() => ids('kvdown')).toHaveLength(5);
    await expect.poll(() => keys('kvdown'), { timeout: 10_000 }).toHaveLength(5);
    await expect
      .poll(async () => (await bridge.metrics()).stores.discovery.pending, { timeout: 10_000 })
      .toBe(0);
    await expect
      .poll(async () => (await bridge.metrics()).registrations.total - before.registrations.total)
      .toBe(5);
    const after = await bridge.metrics();
    const failed = after.stores.discovery.failed - before.stores.discovery.failed;
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(after.stores.discovery.backfilled - before.stores.discovery.backfilled).toBe(failed);
    expect(after.stores.discovery.pending).toBe(0);
    expect(after.stores.postgres.ok - before.stores.postgres.ok).toBe(5);
  });

  it('dead-letters malformed events with the reason and keeps going', async () => {
    const before = await bridge.metrics();
    nc.publish(introspectionSubjects.node('junk1'), new TextEncoder().encode('not json'));
    const invalid = { ...nodeEvent('junk2'), envelope_version: 9 };
    nc.publish(introspectionSubjects.node('junk2'), encodeEnvelope(invalid as never));
    await bridge.bus.publish(nodeEvent('after-junk'));
    await expect.poll(() => ids('after-junk')).toEqual(['after-junk']);
    await expect
      .poll(async () => (await bridge.metrics()).deadLettered)
      .toBe(before.deadLettered + 2);
    expect((await bridge.metrics()).malformed).toBe(before.malformed + 2);

    const jsm = await jetstreamManager(nc);
    const first = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq: 1 });
    const second = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq: 2 });
    expect(new TextDecoder().decode(first?.data)).toBe('not json');
    expect(first?.header.get('RemoteMedia-Dead-Letter-Reason')).toMatch(/not JSON/);
    expect(second?.header.get('RemoteMedia-Dead-Letter-Reason')).toMatch(/envelope_version/);
    expect(await ids('junk')).toEqual([]);
  });

  it('metrics and /metrics match what happened', async () => {
    // w1, w2 (start), w2 tags, dup1 x3, 25 pgdown, 5 kvdown, after-junk
    await expect
      .poll(async () => (await bridge.metrics()).registrations.total)
      .toBe(2 + 1 + 3 + 25 + 5 + 1);
    const m = await bridge.metrics();
    expect(m.registrations.failed).toBe(25 + m.stores.discovery.failed);
    expect(m.deregistrations).toBe(1);
    expect(m.malformed).toBe(2);
    expect(m.latency.count).toBe(m.registrations.successful);
    const registered = ['after-junk', 'dup1', 'w1'];
    for (let i = 0; i < 25; i++) registered.push(`pgdown${i}`);
    for (let i = 0; i < 5; i++) registered.push(`kvdown${i}`);
    expect(m.registeredNodes).toEqual(registered.sort());

    const text = await (await fetch(`${bridge.httpUrl}/metrics`)).text();
    expect(text).toContain(
      `registry_registrations_total{result="successful"} ${m.registrations.successful}`,
    );
    expect(text).toContain(`registry_store_writes_total{store="postgres",result="backfilled"} 25`);
    expect(text).toContain(`registry_registered_nodes ${registered.length}`);
    expect(text).toContain('registry_node_registered{node_id="w1"} 1');
    expect(text).toContain(`registry_registration_latency_seconds_count ${m.latency.count}`);
    expect((await fetch(`${bridge.httpUrl}/nope`)).status).toBe(404);
  });

  it('reports unhealthy (503) when NATS, the critical component, is gone', async () => {
    await nats.stop();
    const health = await bridge.checkHealth();
    expect(health.status).toBe('unhealthy');
    expect(health.components.nats).toMatchObject({ status: 'down', critical: true });
    expect((await healthz()).code).toBe(503);
  });
});
