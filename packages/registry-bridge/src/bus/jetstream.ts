// JetStream adapter: durable stream `node-introspection-v1`, durable pull consumer
// `bridge-registry-group`, dead letters in their own stream.
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import {
  BRIDGE_CONSUMER,
  DEAD_LETTER_STREAM,
  type Envelope,
  encodeEnvelope,
  INTROSPECTION_STREAM,
  introspectionSubjects,
} from '@remotemedia/remote';
import { BATCH_SIZE, BATCH_WAIT_MS, type EventBus, type EventHandler } from './event-bus.js';
import { Limiter } from './limiter.js';

export class JetStreamBus implements EventBus {
  readonly kind = 'jetstream';
  readonly #js: JetStreamClient;
  #stop: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  private constructor(nc: NatsConnection) {
    this.#js = jetstream(nc);
  }

  static async open(nc: NatsConnection): Promise<JetStreamBus> {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, INTROSPECTION_STREAM, introspectionSubjects.all);
    await ensureStream(jsm, DEAD_LETTER_STREAM, introspectionSubjects.deadLetter);
    await jsm.consumers.add(INTROSPECTION_STREAM, {
      durable_name: BRIDGE_CONSUMER,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 30_000_000_000,
      max_ack_pending: 1000,
    });
    return new JetStreamBus(nc);
  }

  async consume(handler: EventHandler): Promise<void> {
    const consumer = await this.#js.consumers.get(INTROSPECTION_STREAM, BRIDGE_CONSUMER);
    const messages = await consumer.consume({ max_messages: BATCH_SIZE, expires: BATCH_WAIT_MS });
    const limiter = new Limiter(BATCH_SIZE);
    this.#stop = () => void messages.close();
    this.#loop = (async () => {
      for await (const msg of messages) {
        await limiter.run(() =>
          handler(msg.data).then(
            () => msg.ack(),
            () => msg.nak(1000),
          ),
        );
      }
      await limiter.idle();
    })();
  }

  async publish(event: Envelope): Promise<void> {
    await this.#js.publish(introspectionSubjects.node(event.source_node_id), encodeEnvelope(event));
  }

  async deadLetter(data: Uint8Array, reason: string): Promise<void> {
    const meta = headers();
    meta.set('RemoteMedia-Dead-Letter-Reason', reason.slice(0, 1000).replace(/[\r\n]/g, ' '));
    await this.#js.publish(introspectionSubjects.deadLetter, data, { headers: meta });
  }

  async close(): Promise<void> {
    this.#stop?.();
    await this.#loop?.catch(() => undefined);
  }
}

async function ensureStream(jsm: JetStreamManager, name: string, subject: string): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ name, subjects: [subject] });
  }
}
