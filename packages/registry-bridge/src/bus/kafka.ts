// Kafka adapter (kafkajs): topic `node-introspection.v1` keyed by node id (one node's events stay
// in order on one partition), consumer group `bridge-registry-group`, dead letters in
// `node-introspection.v1.dlq`.
import {
  BRIDGE_CONSUMER,
  type Envelope,
  encodeEnvelope,
  INTROSPECTION_TOPIC,
} from '@remotemedia/remote';
import { type Consumer, Kafka, type KafkaConfig, logLevel, type Producer } from 'kafkajs';
import { BATCH_SIZE, BATCH_WAIT_MS, type EventBus, type EventHandler } from './event-bus.js';

export const DEAD_LETTER_TOPIC = `${INTROSPECTION_TOPIC}.dlq`;

export interface KafkaBusOptions {
  brokers: string[];
  /** @default 'remotemedia-registry-bridge' */
  clientId?: string;
  /** Partitions of the topic when the bridge creates it. @default 1 */
  partitions?: number;
  /** Passed to kafkajs (ssl, sasl); credentials are never logged. */
  config?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
}

export class KafkaBus implements EventBus {
  readonly kind = 'kafka';
  readonly #producer: Producer;
  readonly #consumer: Consumer;

  private constructor(producer: Producer, consumer: Consumer) {
    this.#producer = producer;
    this.#consumer = consumer;
  }

  static async open(options: KafkaBusOptions): Promise<KafkaBus> {
    const kafka = new Kafka({
      logLevel: logLevel.NOTHING,
      ...options.config,
      brokers: options.brokers,
      clientId: options.clientId ?? 'remotemedia-registry-bridge',
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [INTROSPECTION_TOPIC, DEAD_LETTER_TOPIC].filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: options.partitions ?? 1 })),
        });
      }
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: BRIDGE_CONSUMER, maxWaitTimeInMs: BATCH_WAIT_MS });
    return new KafkaBus(producer, consumer);
  }

  async consume(handler: EventHandler): Promise<void> {
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topic: INTROSPECTION_TOPIC, fromBeginning: true });
    await this.#consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        // Up to BATCH_SIZE at a time; an offset is committed only once its event is handled.
        for (let i = 0; i < batch.messages.length; i += BATCH_SIZE) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(i, i + BATCH_SIZE);
          await Promise.all(chunk.map((m) => handler(m.value ?? new Uint8Array())));
          resolveOffset((chunk.at(-1) as { offset: string }).offset);
          await heartbeat();
        }
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

  async close(): Promise<void> {
    await this.#consumer.disconnect().catch(() => undefined);
    await this.#producer.disconnect().catch(() => undefined);
  }
}
