// The Kafka adapter against a real single-node KRaft broker: a worker publishing to Kafka is
// registered in both stores, duplicates are idempotent, malformed events reach the DLQ topic.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Consumer, Producer } from '@platformatic/kafka';
import { type Envelope, encodeEnvelope, INTROSPECTION_TOPIC, serve } from '@remotemedia/remote';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRegistry } from '../../../tools/testing/echo-registry.js';
import { rejection } from '../../../tools/testing/rejection.js';
import type { NatsServer } from '../../../tools/testing/servers/nats.js';
import { type PostgresServer, poolFor } from '../../../tools/testing/servers/postgres.js';
import {
  createRegistryBridge,
  DEAD_LETTER_TOPIC,
  KafkaBus,
  type RegistryBridge,
} from '../src/index.js';
import { discoveryEntry, nodeEvent, quiet, rows } from './helpers.js';
import type { KafkaBroker } from './servers/kafka.js';
import { startServers, stopServers } from './servers/stack.js';

let kafka: KafkaBroker;
let nats: NatsServer;
let postgres: PostgresServer;
let nc: NatsConnection;
let pool: pg.Pool;
let bridge: RegistryBridge;

beforeAll(async () => {
  ({ kafka, nats, postgres } = await startServers({ kafka: true }));
  nc = await connect({ servers: nats.url });
  pool = poolFor(postgres.url);
  bridge = await createRegistryBridge({
    servers: nats.url,
    bus: { kafka: { brokers: kafka.brokers, config: { sasl: kafka.sasl } } },
    postgres: { connectionString: postgres.url },
    logger: quiet,
  });
});

afterAll(async () => {
  await bridge?.close();
  await stopServers({ kafka, nats, postgres, nc, pool });
});

describe('Kafka event bus', () => {
  it('registers a worker that publishes its introspection to Kafka in both stores', async () => {
    // The worker's credentials come from the environment (the bridge's came from its options).
    const publisher = await withEnv(
      {
        REMOTEMEDIA_KAFKA_SASL_MECHANISM: 'PLAIN',
        REMOTEMEDIA_KAFKA_SASL_USERNAME: kafka.sasl.username,
        REMOTEMEDIA_KAFKA_SASL_PASSWORD: kafka.sasl.password,
      },
      () => KafkaBus.open({ brokers: kafka.brokers, clientId: 'worker' }),
    );
    const worker = await serve(echoRegistry(), {
      servers: nats.url,
      id: 'kworker1',
      tags: { zone: 'eu' },
      discovery: false,
      handleSignals: false,
      introspection: { publisher, nodeType: 'reducer' },
    });
    await expect
      .poll(async () => (await rows(pool)).map((r) => [r.tool_id, r.node_type]), {
        timeout: 20_000,
      })
      .toEqual([['kworker1', 'reducer']]);
    // The row can show before the discovery write returns.
    await expect
      .poll(async () => (await discoveryEntry(nc, 'kworker1'))?.tags)
      .toEqual({
        zone: 'eu',
      });
    // The consumer joined its group: the bus component is up.
    expect((await bridge.checkHealth()).components.bus).toEqual({ status: 'up', critical: true });
    await worker.close();
    // NODE_SHUTDOWN through Kafka deregisters it.
    await expect.poll(async () => (await rows(pool)).length, { timeout: 20_000 }).toBe(0);
    await publisher.close();
  });

  it('duplicates are idempotent and malformed events land on the dead-letter topic', async () => {
    const client = {
      bootstrapBrokers: kafka.brokers,
      sasl: { ...kafka.sasl, mechanism: 'PLAIN' as const },
    };
    const producer = new Producer({ ...client, clientId: 'dup-writer' });
    const event = nodeEvent('kdup1');
    const bytes = Buffer.from(encodeEnvelope(event));
    await producer.send({
      messages: [
        { topic: INTROSPECTION_TOPIC, key: Buffer.from('kdup1'), value: bytes },
        { topic: INTROSPECTION_TOPIC, key: Buffer.from('kdup1'), value: bytes },
        {
          topic: INTROSPECTION_TOPIC,
          key: Buffer.from('bad'),
          value: Buffer.from('{"event_id":"broken-1"}'),
        },
      ],
    });
    await expect
      .poll(async () => (await bridge.metrics()).deadLettered, { timeout: 20_000 })
      .toBe(1);
    await expect.poll(async () => (await rows(pool)).length, { timeout: 20_000 }).toBe(1);
    const metrics = await bridge.metrics();
    expect(metrics.malformed).toBe(1);
    const [row] = await rows(pool);
    expect(row?.tool_id).toBe('kdup1');
    expect(row?.last_event_at.toISOString()).toBe(event.event_timestamp);

    const consumer = new Consumer({ ...client, clientId: 'dlq-reader', groupId: 'dlq-reader' });
    const stream = await consumer.consume({
      topics: [DEAD_LETTER_TOPIC],
      mode: 'earliest',
      autocommit: true,
    });
    const dead: { value: string; reason: string | undefined }[] = [];
    stream.on('data', (message) => {
      const reason = [...message.headers].find(([k]) => k.toString() === 'reason')?.[1];
      dead.push({ value: message.value.toString(), reason: reason?.toString() });
    });
    await expect
      .poll(() => dead.map((d) => d.value), { timeout: 20_000 })
      .toEqual(['{"event_id":"broken-1"}']);
    expect(dead[0]?.reason).toMatch(/\S/);
    await stream.close();
    await consumer.close(true);
    await producer.close();
  });

  it('refuses wrong credentials with a coded error that hides the password', async () => {
    // Opening a bus with kafka.sasl left the caller's object as it was.
    expect(Object.keys(kafka.sasl).sort()).toEqual(['mechanism', 'password', 'username']);
    const sasl = { ...kafka.sasl, password: 'not-the-password' };
    const error = await rejection(KafkaBus.open({ brokers: kafka.brokers, config: { sasl } }));
    expect(error).toMatchObject({ code: 'ERR_TRANSPORT', retryable: false });
    expect(error.message).toMatch(/^cannot connect to Kafka at 127\.0\.0\.1:\d+: /);
    expect(error.message).toContain('the broker refused the SASL credentials');
    expect(error.message).not.toContain('not-the-password');
    const anonymous = KafkaBus.open({
      brokers: kafka.brokers,
      config: { connectTimeoutMs: 2000 },
    });
    await expect(anonymous).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
  });
});

describe('Kafka commits', () => {
  it('commits an event only once handled: a restart gets exactly the unhandled ones, in order', async () => {
    await bridge.close(); // its consumer group is the one under test
    const security = { sasl: kafka.sasl };
    const idOf = (data: Uint8Array) =>
      (JSON.parse(Buffer.from(data).toString()) as Envelope).event_id;
    const events = ['a', 'b', 'c', 'd'].map((n) => ({
      ...nodeEvent('korder1'),
      event_id: `order-${n}`,
    }));
    const first = await KafkaBus.open({ brokers: kafka.brokers, config: security });
    for (const event of events.slice(0, 3)) await first.publish(event);
    const seen: string[] = [];
    await first.consume(async (data) => {
      const id = idOf(data);
      if (!id.startsWith('order-')) return;
      seen.push(id);
      if (id === 'order-c') await new Promise(() => {}); // never handled
    });
    await expect.poll(() => seen, { timeout: 30_000 }).toEqual(['order-a', 'order-b', 'order-c']);
    await first.close(500);

    const second = await KafkaBus.open({ brokers: kafka.brokers, config: security });
    await second.publish(events[3] as Envelope);
    const again: string[] = [];
    await second.consume(async (data) => {
      const id = idOf(data);
      if (id.startsWith('order-')) again.push(id);
    });
    await expect.poll(() => again, { timeout: 30_000 }).toEqual(['order-c', 'order-d']);
    await second.close();
  });
});

/** Runs `open` with `vars` set in process.env, then restores it. */
async function withEnv<T>(vars: Record<string, string>, open: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await open();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
