// The bridge's registration path, end to end, against real nats-server (JetStream) and
// PostgreSQL:
//  1. latency: one event published (JetStream, acked) -> its row visible in PostgreSQL (a bench
//     trigger NOTIFYs on commit) and its key in discovery (a KV watch), p50/p99, vs the floor:
//     the same two store writes called directly (no bus, no bridge).
//  2. throughput: 20 concurrent publishers, distinct nodes, until every row is in PostgreSQL.
// Both contenders' rows are checked to be the same before any time is printed.
import { performance } from 'node:perf_hooks';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { silentLogger } from '@remotemedia/core';
import { DEFAULT_BUCKET } from '@remotemedia/remote';
import pg from 'pg';
import { createRegistryBridge, DiscoveryStore, PostgresStore } from '../src/index.js';
import { startServers, stopServers } from '../test/servers/stack.js';
import { benchEvent } from './event.js';

const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 1000);
const PUBLISHERS = 20;
const PER_PUBLISHER = Number(process.env.BENCH_PER_PUBLISHER ?? 250);
/** A registration that never shows up fails the bench instead of hanging it. */
const THROUGHPUT_DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 120_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

/** Resolves per node id when both its row (NOTIFY) and its discovery key (watch) are visible. */
async function visibility(nc: NatsConnection, listener: pg.Client) {
  const waiting = new Map<string, { pg: boolean; kv: boolean; done: () => void }>();
  const bulk = { pg: new Set<string>(), kv: new Set<string>() };
  const seen = (id: string, which: 'pg' | 'kv') => {
    if (id.startsWith('tp')) bulk[which].add(id);
    const w = waiting.get(id);
    if (w === undefined) return;
    w[which] = true;
    if (w.pg && w.kv) {
      waiting.delete(id);
      w.done();
    }
  };
  await listener.query(`
    CREATE OR REPLACE FUNCTION bench_notify() RETURNS trigger AS $$
    BEGIN PERFORM pg_notify('bench_rows', NEW.tool_id); RETURN NEW; END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS bench_rows ON tool_registrations;
    CREATE TRIGGER bench_rows AFTER INSERT OR UPDATE ON tool_registrations
      FOR EACH ROW EXECUTE FUNCTION bench_notify();
    LISTEN bench_rows;`);
  listener.on('notification', (n) => seen(n.payload as string, 'pg'));
  const kv = await new Kvm(nc).open(DEFAULT_BUCKET);
  const watch = await kv.watch({ include: 'updates' });
  void (async () => {
    for await (const entry of watch) if (entry.operation === 'PUT') seen(entry.key, 'kv');
  })();
  return {
    expect(id: string): Promise<void> {
      return new Promise((done) => waiting.set(id, { pg: false, kv: false, done }));
    },
    /** Distinct `tp*` nodes seen in each store. */
    bulk,
    stop: () => watch.stop(),
  };
}

const { nats, postgres } = await startServers();
const nc = await connect({ servers: nats.url });
const bridge = await createRegistryBridge({
  servers: nats.url,
  postgres: { connectionString: postgres.url },
  logger: silentLogger,
});
const listener = new pg.Client({ connectionString: postgres.url });
await listener.connect();
const visible = await visibility(nc, listener);
const check = new pg.Pool({ connectionString: postgres.url, max: 2 });

try {
  // Warm-up (connections, JIT, plans), not measured.
  for (let i = 0; i < 100; i++) {
    const e = benchEvent(`warm${i}`);
    const shown = visible.expect(e.source_node_id);
    await bridge.bus.publish(e);
    await shown;
  }

  // 1a. The floor: the two store writes, called directly.
  const floorPg = new PostgresStore({ connectionString: postgres.url });
  const floorKv = new DiscoveryStore(nc);
  const floor: number[] = [];
  for (let i = 0; i < LATENCY_EVENTS; i++) {
    const e = benchEvent(`floor${i}`);
    const shown = visible.expect(e.source_node_id);
    const t0 = performance.now();
    const received = { event: e, receivedAt: Date.now() };
    await Promise.all([floorPg.apply(received), floorKv.apply(received)]);
    await shown;
    floor.push(performance.now() - t0);
  }
  await floorPg.close();

  // 1b. Through the bridge.
  const through: number[] = [];
  for (let i = 0; i < LATENCY_EVENTS; i++) {
    const e = benchEvent(`lat${i}`);
    const shown = visible.expect(e.source_node_id);
    const t0 = performance.now();
    await bridge.bus.publish(e);
    await shown;
    through.push(performance.now() - t0);
  }

  // Same output: every bridged row equals its floor twin but for ids and times.
  const same = await check.query(`
    SELECT count(*)::int AS n FROM tool_registrations a JOIN tool_registrations b
      ON b.tool_id = 'floor' || substr(a.tool_id, 4)
    WHERE a.tool_id LIKE 'lat%' AND a.node_type = b.node_type
      AND a.capabilities = b.capabilities AND a.metadata = b.metadata
      AND a.endpoints - 'address' = b.endpoints - 'address'`);
  if (same.rows[0].n !== LATENCY_EVENTS) {
    throw new Error(`bridge and floor rows differ: ${same.rows[0].n} of ${LATENCY_EVENTS} match`);
  }

  // 2. Sustained throughput: 20 publishers, each on its own connection.
  const publishers = await Promise.all(
    Array.from({ length: PUBLISHERS }, () => connect({ servers: nats.url })),
  );
  const { jetstream } = await import('@nats-io/jetstream');
  const { encodeEnvelope, introspectionSubjects } = await import('@remotemedia/remote');
  const total = PUBLISHERS * PER_PUBLISHER;
  const t0 = performance.now();
  await Promise.all(
    publishers.map(async (conn, p) => {
      const js = jetstream(conn);
      for (let i = 0; i < PER_PUBLISHER; i++) {
        const e = benchEvent(`tp${p}x${i}`);
        await js.publish(introspectionSubjects.node(e.source_node_id), encodeEnvelope(e));
      }
    }),
  );
  const published = performance.now() - t0;
  const deadline = t0 + THROUGHPUT_DEADLINE_MS;
  while (visible.bulk.pg.size < total || visible.bulk.kv.size < total) {
    if (performance.now() > deadline) {
      throw new Error(
        `throughput: only ${visible.bulk.pg.size} of ${total} registrations reached PostgreSQL and ${visible.bulk.kv.size} discovery within ${THROUGHPUT_DEADLINE_MS} ms (BENCH_DEADLINE_MS); some were lost`,
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const elapsed = performance.now() - t0;
  const rows = await check.query(
    "SELECT count(*)::int AS n FROM tool_registrations WHERE tool_id LIKE 'tp%'",
  );
  if (rows.rows[0].n !== total) throw new Error(`expected ${total} rows, found ${rows.rows[0].n}`);
  await Promise.all(publishers.map((c) => c.close()));

  const f = summary(floor);
  const b = summary(through);
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(
    `\nregistration latency, ${LATENCY_EVENTS} events each (publish -> row in PostgreSQL and key in discovery)`,
  );
  console.table({
    'direct store writes (floor)': { p50: fmt(f.p50), p99: fmt(f.p99) },
    'through the bridge (JetStream)': { p50: fmt(b.p50), p99: fmt(b.p99) },
  });
  console.log(
    `bridge / floor: p50 ${(b.p50 / f.p50).toFixed(2)}x, p99 ${(b.p99 / f.p99).toFixed(2)}x`,
  );
  console.log(
    `targets: p50 < 10 ms ${b.p50 < 10 ? 'met' : 'missed'}, p99 < 50 ms ${b.p99 < 50 ? 'met' : 'missed'}; seed design: < 100 ms, 45-75 ms observed`,
  );
  const rate = total / (elapsed / 1000);
  console.log(
    `\nthroughput: ${PUBLISHERS} publishers x ${PER_PUBLISHER} events = ${total} registrations in ${elapsed.toFixed(0)} ms (published in ${published.toFixed(0)} ms), every one in both stores: ${rate.toFixed(0)} registrations/s`,
  );
  console.log(
    `target >= 500/s ${rate >= 500 ? 'met' : 'missed'}; seed design: 50/s (${(rate / 50).toFixed(1)}x)`,
  );
} finally {
  visible.stop();
  await listener.end();
  await check.end();
  await bridge.close();
  await nc.close();
  await stopServers({ nats, postgres });
}
