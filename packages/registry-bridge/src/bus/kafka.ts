// Kafka adapter (@platformatic/kafka, pure JS): topic `node-introspection.v1` keyed by node id
// (one node's events stay in order on one partition), consumer group `bridge-registry-group`,
// dead letters in `node-introspection.v1.dlq`. Up to BATCH_SIZE events are handled at once while
// the next ones are fetched; a partition's offset is committed only past events that are handled
// (kafka-offsets.ts). SASL/SSL come from `config` or the REMOTEMEDIA_KAFKA_* environment.
import { setTimeout as delay } from 'node:timers/promises';
import {
  Admin,
  type BaseOptions,
  Consumer,
  compatibilityPartitioner,
  type Message,
  type MessagesStream,
  Producer,
} from '@platformatic/kafka';
import { RemoteMediaError, redactCredentials, redactError } from '@remotemedia/errors';
import {
  BRIDGE_CONSUMER,
  type Envelope,
  encodeEnvelope,
  INTROSPECTION_TOPIC,
} from '@remotemedia/remote';
import { withDeadline } from '../deadline.js';
import {
  BATCH_SIZE,
  BATCH_WAIT_MS,
  type BusHealth,
  CLOSE_TIMEOUT_MS,
  type EventBus,
  type EventHandler,
} from './event-bus.js';
import { checkMechanism, type KafkaSecurity, kafkaEnvConfig } from './kafka-env.js';
import { PartitionCommits } from './kafka-offsets.js';
import { Limiter } from './limiter.js';

export const DEAD_LETTER_TOPIC = `${INTROSPECTION_TOPIC}.dlq`;

/** About one batch of events (an event is a few hundred bytes to a few KiB). */
const FETCH_BYTES = 64 * 1024;
/** Pause before a failed handler or a stopped consumer is tried again. */
const RETRY_MS = 1000;

export interface KafkaConfig extends KafkaSecurity {
  /** How long to wait for a broker connection, ms. @default 5000 */
  connectTimeoutMs?: number;
}

export interface KafkaBusOptions {
  brokers: string[];
  /** @default 'remotemedia-registry-bridge' */
  clientId?: string;
  /** Partitions of the topic when the bridge creates it. @default 1 */
  partitions?: number;
  /**
   * SASL, SSL and the connect timeout; credentials are never logged. Without sasl/ssl here, they
   * come from REMOTEMEDIA_KAFKA_SASL_MECHANISM/_USERNAME/_PASSWORD and REMOTEMEDIA_KAFKA_SSL.
   */
  config?: KafkaConfig;
}

const CONFIG_KEYS = new Set(['sasl', 'ssl', 'connectTimeoutMs']);

export class KafkaBus implements EventBus {
  readonly kind = 'kafka';
  readonly #producer: Producer;
  readonly #consumer: Consumer;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  #loop: Promise<void> | undefined;
  /** Why the consumer is not consuming (stopped, failed), until it joins its group again. */
  #problem: string | undefined;
  #closed = false;

  private constructor(producer: Producer, consumer: Consumer) {
    this.#producer = producer;
    this.#consumer = consumer;
    consumer.on('consumer:group:join', () => {
      this.#problem = undefined;
    });
  }

  static async open(options: KafkaBusOptions): Promise<KafkaBus> {
    const client = clientOptions(options);
    const producer = new Producer({
      ...client,
      autocreateTopics: false,
      // The Java client's key hash: a node's events land on the partition other clients pick.
      partitioner: compatibilityPartitioner,
    });
    try {
      await ensureTopics(client, options.partitions ?? 1);
      await producer.metadata({ topics: [INTROSPECTION_TOPIC, DEAD_LETTER_TOPIC] });
    } catch (error) {
      await producer.close().catch(() => undefined);
      throw connectError(options.brokers, error);
    }
    const consumer = new Consumer({ ...client, groupId: BRIDGE_CONSUMER });
    return new KafkaBus(producer, consumer);
  }

  async consume(handler: EventHandler): Promise<void> {
    const first = await this.#subscribe();
    this.#loop = this.#run(handler, first).catch((error: unknown) => {
      // Not expected (#run handles its errors); never an unhandled rejection.
      this.#problem = `Kafka consumer stopped: ${String(error)}`;
    });
  }

  async publish(event: Envelope): Promise<void> {
    await this.#producer.send({
      messages: [
        {
          topic: INTROSPECTION_TOPIC,
          key: Buffer.from(event.source_node_id),
          value: Buffer.from(encodeEnvelope(event)),
        },
      ],
    });
  }

  async deadLetter(data: Uint8Array, reason: string): Promise<void> {
    await this.#producer.send({
      messages: [
        {
          topic: DEAD_LETTER_TOPIC,
          value: Buffer.from(data),
          headers: new Map([[Buffer.from('reason'), Buffer.from(reason.slice(0, 1000))]]),
        },
      ],
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
    await this.#stream?.close().catch(() => undefined);
    // Handlers still running after timeoutMs keep their events uncommitted; the group is left
    // either way, so another consumer gets those events at once instead of after a session timeout.
    await withDeadline(this.#loop ?? Promise.resolve(), timeoutMs, 'handlers still running').catch(
      () => undefined,
    );
    const disconnect = Promise.all([
      this.#consumer.close(true).catch(() => undefined),
      this.#producer.close().catch(() => undefined),
    ]);
    await withDeadline(disconnect, timeoutMs, 'Kafka disconnect').catch(() => undefined);
  }

  async #subscribe(): Promise<MessagesStream<Buffer, Buffer, Buffer, Buffer>> {
    const stream = await this.#consumer.consume({
      topics: [INTROSPECTION_TOPIC],
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
      maxWaitTime: BATCH_WAIT_MS,
      maxBytes: FETCH_BYTES,
      maxBytesPerPartition: FETCH_BYTES,
      // Fetched but unhandled events stay few: the fetch loop waits while these are buffered.
      highWaterMark: BATCH_SIZE,
    });
    this.#stream = stream;
    return stream;
  }

  async #run(
    handler: EventHandler,
    first: MessagesStream<Buffer, Buffer, Buffer, Buffer>,
  ): Promise<void> {
    const limiter = new Limiter(BATCH_SIZE);
    const commits = new PartitionCommits<Message<Buffer, Buffer, Buffer, Buffer>>();
    let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined = first;
    while (stream !== undefined) {
      try {
        for await (const message of stream) {
          if (this.#closed) break;
          commits.received(message);
          await limiter.run(() => this.#deliver(handler, message, commits));
        }
      } catch (error) {
        this.#problem = `Kafka consumer stopped: ${redactCredentials((error as Error).message)}`;
      }
      if (!this.#closed && this.#problem === undefined) this.#problem = 'Kafka consumer stopped';
      stream = await this.#resubscribe();
    }
    await limiter.idle();
  }

  /** A new stream after the last one ended, retried every RETRY_MS; undefined once closed. */
  async #resubscribe(): Promise<MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined> {
    while (!this.#closed) {
      await delay(RETRY_MS);
      if (this.#closed) return undefined;
      try {
        return await this.#subscribe();
      } catch (error) {
        this.#problem = `Kafka consumer stopped: ${redactCredentials((error as Error).message)}`;
      }
    }
    return undefined;
  }

  /** Handles one event (again after a pause if its handler fails), then commits what it can. */
  async #deliver(
    handler: EventHandler,
    message: Message<Buffer, Buffer, Buffer, Buffer>,
    commits: PartitionCommits<Message<Buffer, Buffer, Buffer, Buffer>>,
  ): Promise<void> {
    for (;;) {
      try {
        await handler(message.value ?? new Uint8Array());
        break;
      } catch {
        if (this.#closed) return; // left uncommitted: delivered again to the next consumer
        await delay(RETRY_MS);
      }
    }
    const committable = commits.handled(message);
    // A failed commit (a rebalance took the partition) only means the event comes again.
    if (committable !== undefined) await Promise.resolve(committable.commit()).catch(() => {});
  }
}

/** Connection options shared by the producer, consumer and admin clients. */
function clientOptions(options: KafkaBusOptions): BaseOptions {
  const config = { ...kafkaEnvConfig(), ...options.config };
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `unknown Kafka config option '${key}' (known: ${[...CONFIG_KEYS].join(', ')})`,
      );
    }
  }
  const { sasl, ssl, connectTimeoutMs } = config;
  return {
    clientId: options.clientId ?? 'remotemedia-registry-bridge',
    bootstrapBrokers: options.brokers,
    ...(connectTimeoutMs !== undefined ? { connectTimeout: connectTimeoutMs } : {}),
    ...(ssl ? { tls: ssl === true ? {} : ssl } : {}),
    ...(sasl !== undefined
      ? {
          sasl: {
            mechanism: checkMechanism(sasl.mechanism, 'config.sasl.mechanism').toUpperCase() as
              | 'PLAIN'
              | 'SCRAM-SHA-256'
              | 'SCRAM-SHA-512',
            username: sasl.username,
            password: sasl.password,
          },
        }
      : {}),
  };
}

async function ensureTopics(client: BaseOptions, partitions: number): Promise<void> {
  const admin = new Admin(client);
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [INTROSPECTION_TOPIC, DEAD_LETTER_TOPIC].filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing, partitions, replicas: 1 });
    }
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** True if the broker refused the credentials anywhere in the error's causes. */
function saslRefused(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (e.code === 'PLT_KFK_AUTHENTICATION') return true;
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => saslRefused(n, depth + 1));
}

function connectError(brokers: string[], error: unknown): RemoteMediaError {
  const message = redactCredentials((error as Error)?.message ?? String(error));
  const refused = saslRefused(error);
  const hint = refused
    ? 'the broker refused the SASL credentials: check the mechanism, user name and password'
    : 'check the broker addresses, that Kafka runs, and its security settings (SASL, SSL)';
  return new RemoteMediaError(
    'ERR_TRANSPORT',
    `cannot connect to Kafka at ${redactCredentials(brokers.join(', '))}: ${message}; ${hint}`,
    { retryable: !refused, cause: redactError(error) },
  );
}
