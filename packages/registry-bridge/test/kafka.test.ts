// The Kafka adapter against a real single-node KRaft broker: a worker publishing to Kafka is
// registered in both stores, duplicates are idempotent, malformed events reach the DLQ topic.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { encodeEnvelope, INTROSPECTION_TOPIC, serve } from '@remotemedia/remote';
import { Kafka, logLevel } from 'kafkajs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRegistry } from '../../../tools/testing/echo-registry.js';
import { rejection } from '../../../tools/testing/rejection.js';
import { type NatsServer, startNats } from '../../../tools/testing/servers/nats.js';
import {
  type PostgresServer,
  poolFor,
  startPostgres,
} from '../../../tools/testing/servers/postgres.js';
import {
  createRegistryBridge,
  DEAD_LETTER_TOPIC,
  KafkaBus,
  type RegistryBridge,
} from '../src/index.js';
import { discoveryEntry, nodeEvent, quiet, rows } from './helpers.js';
import { type KafkaBroker, startKafka } from './servers/kafka.js';

let kafka: KafkaBroker;
let nats: NatsServer;
let postgres: PostgresServer;
let nc: NatsConnection;
let pool: pg.Pool;
let bridge: RegistryBridge;

beforeAll(async () => {
  [kafka, nats, postgres] = await Promise.all([startKafka(), startNats(), startPostgres()]);
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
  await pool?.end();
  await nc?.close();
  await kafka?.stop();
  await nats?.stop();
  postgres?.destroy();
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
    const client = new Kafka({
      brokers: kafka.brokers,
      sasl: { ...kafka.sasl }, // kafkajs writes into the object it gets
      logLevel: logLevel.NOTHING,
    });
    const producer = client.producer();
    await producer.connect();
    const event = nodeEvent('kdup1');
    const bytes = Buffer.from(encodeEnvelope(event));
    await producer.send({
      topic: INTROSPECTION_TOPIC,
      messages: [
        { key: 'kdup1', value: bytes },
        { key: 'kdup1', value: bytes },
        { key: 'bad', value: Buffer.from('{"event_id":"broken-1"}') },
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

    const consumer = client.consumer({ groupId: 'dlq-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic: DEAD_LETTER_TOPIC, fromBeginning: true });
    const dead: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        dead.push(message.value?.toString() ?? '');
      },
    });
    await expect.poll(() => dead, { timeout: 20_000 }).toEqual(['{"event_id":"broken-1"}']);
    await consumer.disconnect();
    await producer.disconnect();
  });

  it('refuses wrong credentials with a coded error that hides the password', async () => {
    // The bus opened with kafka.sasl did not let kafkajs bind those credentials into it.
    expect(Object.keys(kafka.sasl).sort()).toEqual(['mechanism', 'password', 'username']);
    const sasl = { ...kafka.sasl, password: 'not-the-password' };
    const error = await rejection(KafkaBus.open({ brokers: kafka.brokers, config: { sasl } }));
    expect(error).toMatchObject({ code: 'ERR_TRANSPORT', retryable: false });
    expect(error.message).toMatch(/^cannot connect to Kafka at 127\.0\.0\.1:\d+: /);
    expect(error.message).toContain('the broker refused the SASL credentials');
    expect(error.message).not.toContain('not-the-password');
    const anonymous = KafkaBus.open({
      brokers: kafka.brokers,
      config: { connectionTimeout: 2000 },
    });
    await expect(anonymous).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
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
