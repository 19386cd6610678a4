// Kafka adapter (kafkajs): topic `node-introspection.v1` keyed by node id (one node's events stay
// in order on one partition), consumer group `bridge-registry-group`, dead letters in
// `node-introspection.v1.dlq`. A fetch brings at most about one batch (maxBytesPerPartition) and
// a poll handles at most BATCH_SIZE events; the rest is fetched again from the committed offset.
// SASL/SSL credentials come from `config` or the REMOTEMEDIA_KAFKA_* environment (kafka-env.ts).

import { RemoteMediaError, redactCredentials, redactError } from '@remotemedia/errors';
import {
  BRIDGE_CONSUMER,
  type Envelope,
  encodeEnvelope,
  INTROSPECTION_TOPIC,
} from '@remotemedia/remote';
import { type Consumer, Kafka, type KafkaConfig, logLevel, type Producer } from 'kafkajs';
import { withDeadline } from '../deadline.js';
import {
  BATCH_SIZE,
  BATCH_WAIT_MS,
  type BusHealth,
  CLOSE_TIMEOUT_MS,
  type EventBus,
  type EventHandler,
} from './event-bus.js';
import { kafkaEnvConfig } from './kafka-env.js';

export const DEAD_LETTER_TOPIC = `${INTROSPECTION_TOPIC}.dlq`;

/** About one batch of events (an event is a few hundred bytes to a few KiB). */
const FETCH_BYTES = 64 * 1024;

export interface KafkaBusOptions {
  brokers: string[];
  /** @default 'remotemedia-registry-bridge' */
  clientId?: string;
  /** Partitions of the topic when the bridge creates it. @default 1 */
  partitions?: number;
  /**
   * Passed to kafkajs (ssl, sasl); credentials are never logged. Without sasl/ssl here, they
   * come from REMOTEMEDIA_KAFKA_SASL_MECHANISM/_USERNAME/_PASSWORD and REMOTEMEDIA_KAFKA_SSL.
   */
  config?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
}

export class KafkaBus implements EventBus {
  readonly kind = 'kafka';
  readonly #producer: Producer;
  readonly #consumer: Consumer;
  /** Why the consumer is not consuming (crashed, stopped), until it joins its group again. */
  #problem: string | undefined;
  #closed = false;

  private constructor(producer: Producer, consumer: Consumer) {
    this.#producer = producer;
    this.#consumer = consumer;
    const { CRASH, STOP, GROUP_JOIN } = consumer.events;
    consumer.on(CRASH, ({ payload }) => {
      this.#problem = `Kafka consumer crashed: ${payload.error.message}`;
    });
    consumer.on(STOP, () => {
      if (!this.#closed) this.#problem = 'Kafka consumer stopped';
    });
    consumer.on(GROUP_JOIN, () => {
      this.#problem = undefined;
    });
  }

  static async open(options: KafkaBusOptions): Promise<KafkaBus> {
    const config = { ...kafkaEnvConfig(), ...options.config };
    // kafkajs stores an authenticator bound to the credentials in the sasl object it is given:
    // a copy keeps the caller's object free of it, so reusing that object with another password
    // (a rotation) does not silently authenticate with the old one.
    if (config.sasl !== undefined) config.sasl = { ...config.sasl };
    const kafka = new Kafka({
      logLevel: logLevel.NOTHING,
      ...config,
      brokers: options.brokers,
      clientId: options.clientId ?? 'remotemedia-registry-bridge',
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    try {
      await ensureTopics(kafka, options.partitions ?? 1);
      await producer.connect();
    } catch (error) {
      throw connectError(options.brokers, error);
    }
    const consumer = kafka.consumer({
      groupId: BRIDGE_CONSUMER,
      maxWaitTimeInMs: BATCH_WAIT_MS,
      maxBytesPerPartition: FETCH_BYTES,
      maxBytes: FETCH_BYTES,
    });
    return new KafkaBus(producer, consumer);
  }

  async consume(handler: EventHandler): Promise<void> {
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topic: INTROSPECTION_TOPIC, fromBeginning: true });
    await this.#consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        // One poll handles BATCH_SIZE events; an offset is committed only once its event is
        // handled, and the next fetch starts after the last resolved offset.
        if (!isRunning() || isStale()) return;
        const chunk = batch.messages.slice(0, BATCH_SIZE);
        if (chunk.length === 0) return;
        await Promise.all(chunk.map((m) => handler(m.value ?? new Uint8Array())));
        resolveOffset((chunk.at(-1) as { offset: string }).offset);
        await heartbeat();
      },
    });
  }

  async publish(event: Envelope): Promise<void> {
    await this.#producer.send({
      topic: INTROSPECTION_TOPIC,
      messages: [{ key: event.source_node_id, value: Buffer.from(encodeEnvelope(event)) }],
    });
  }

  async deadLetter(data: Uint8Array, reason: string): Promise<void> {
    await this.#producer.send({
      topic: DEAD_LETTER_TOPIC,
      messages: [{ value: Buffer.from(data), headers: { reason: reason.slice(0, 1000) } }],
    });
  }

  health(): BusHealth {
    return this.#problem === undefined
      ? { consuming: true }
      : { consuming: false, error: this.#problem };
  }

  /** Unhandled events are not committed, so the group gets them again after a cut-short close. */
  async close(timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
    this.#closed = true;
    const disconnect = async () => {
      await this.#consumer.disconnect().catch(() => undefined);
      await this.#producer.disconnect().catch(() => undefined);
    };
    await withDeadline(disconnect(), timeoutMs, 'Kafka disconnect').catch(() => undefined);
  }
}

async function ensureTopics(kafka: Kafka, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [INTROSPECTION_TOPIC, DEAD_LETTER_TOPIC].filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

function connectError(brokers: string[], error: unknown): RemoteMediaError {
  const message = redactCredentials((error as Error)?.message ?? String(error));
  // kafkajs may wrap it (a retrier gives up with the last error as the cause).
  const refused = [error, (error as Error)?.cause].some(
    (e) => (e as Error)?.name === 'KafkaJSSASLAuthenticationError',
  );
  const hint = refused
    ? 'the broker refused the SASL credentials: check the mechanism, user name and password'
    : 'check the broker addresses, that Kafka runs, and its security settings (SASL, SSL)';
  return new RemoteMediaError(
    'ERR_TRANSPORT',
    `cannot connect to Kafka at ${redactCredentials(brokers.join(', '))}: ${message}; ${hint}`,
    { retryable: !refused, cause: redactError(error) },
  );
}
