// The Kafka consume path, end to end, against a real KRaft broker, nats-server and PostgreSQL:
// a backlog of distinct nodes' introspection events is published while no bridge runs, then a
// bridge starts and consumes it; the rate is events / (last row visible - first row visible), so
// the group join and the publishing are not counted. Every row is checked to be there and equal
// to its event before the rate is printed.
import { performance } from 'node:perf_hooks';
import { silentLogger } from '@remotemedia/core';
import pg from 'pg';
import { createRegistryBridge, KafkaBus } from '../src/index.js';
import { startServers, stopServers } from '../test/servers/stack.js';
import { benchEvent } from './event.js';

const EVENTS = Number(process.env.BENCH_KAFKA_EVENTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_KAFKA_ROUNDS ?? 3);
/** A backlog that is never fully consumed fails the bench instead of hanging it. */
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS ?? 180_000);

const { kafka: broker, nats: natsServer, postgres: pgServer } = await startServers({ kafka: true });
const check = new pg.Pool({ connectionString: pgServer.url, max: 2 });
const busOptions = { brokers: broker.brokers, config: { sasl: broker.sasl } };
const publisher = await KafkaBus.open({ ...busOptions, clientId: 'bench-publisher' });

/** Row count for one round's nodes. */
async function count(prefix: string): Promise<number> {
  const r = await check.query(
    'SELECT count(*)::int AS n FROM tool_registrations WHERE tool_id LIKE $1',
    [`${prefix}%`],
  );
  return r.rows[0].n;
}

/** Publishes `n` events (distinct nodes) with no bridge running, then times one bridge over them. */
async function round(prefix: string, n: number): Promise<number> {
  for (let i = 0; i < n; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, (_, k) =>
        publisher.publish(benchEvent(`${prefix}${i + k}`)),
      ),
    );
  }
  const bridge = await createRegistryBridge({
    servers: natsServer.url,
    bus: { kafka: busOptions },
    postgres: { connectionString: pgServer.url },
    logger: silentLogger,
  });
  try {
    const deadline = performance.now() + DEADLINE_MS;
    let first: number | undefined;
    let seen = 0;
    while (seen < n) {
      if (performance.now() > deadline) {
        throw new Error(`${prefix}: only ${seen} of ${n} rows within ${DEADLINE_MS} ms`);
      }
      seen = await count(prefix);
      if (seen > 0 && first === undefined) first = performance.now();
      if (seen < n) await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = performance.now() - (first as number);
    const same = await check.query(
      `SELECT count(*)::int AS n FROM tool_registrations WHERE tool_id LIKE $1
         AND node_type = 'compute' AND endpoints->>'address' = 'rm.w.' || tool_id
         AND capabilities->'tags'->>'gpu' = 'true'`,
      [`${prefix}%`],
    );
    if (same.rows[0].n !== n) throw new Error(`${prefix}: ${same.rows[0].n} of ${n} rows match`);
    return (n - 1) / (elapsed / 1000);
  } finally {
    await bridge.close();
  }
}

try {
  await round('kwarm', 200); // connections, JIT, plans; not reported
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(await round(`kb${r}x`, EVENTS));
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] as number;
  console.log(
    `\nKafka consume path: ${ROUNDS} rounds x ${EVENTS} backlogged events (distinct nodes) -> rows in PostgreSQL and keys in discovery`,
  );
  console.log(
    `events/s per round: ${rates.map((x) => x.toFixed(0)).join(', ')}; median ${median.toFixed(0)} events/s`,
  );
} finally {
  await publisher.close();
  await check.end();
  await stopServers({ kafka: broker, nats: natsServer, postgres: pgServer });
}
