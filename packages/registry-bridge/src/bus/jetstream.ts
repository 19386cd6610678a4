// JetStream adapter: durable stream `node-introspection-v1`, durable pull consumer
// `bridge-registry-group`, dead letters in their own stream. A deleted consumer or stream stops
// the pull loop (abort_on_missing_resource): the bus reports it in health, recreates both and
// consumes again, so the bridge never goes silently deaf.
import { setTimeout as delay } from 'node:timers/promises';
import {
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@remotemedia/core';
import {
  BRIDGE_CONSUMER,
  type Envelope,
  encodeEnvelope,
  INTROSPECTION_STREAM,
  introspectionSubjects,
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
import { ensureStreams } from './jetstream-streams.js';
import { Limiter } from './limiter.js';

/** Notifications meaning the consumer will not deliver again until it is recreated. */
const MISSING = new Set(['consumer_deleted', 'consumer_not_found', 'stream_not_found']);
const RECREATE_RETRY_MS = 1000;

export class JetStreamBus implements EventBus {
  readonly kind = 'jetstream';
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #logger: Logger | undefined;
  /** Messages being handled: released (nak) if close() cannot wait for them. */
  readonly #inFlight = new Set<JsMsg>();
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> | undefined;
  #problem: string | undefined;
  #closed = false;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, logger?: Logger) {
    this.#js = jetstream(nc);
    this.#jsm = jsm;
    this.#logger = logger;
  }

  static async open(nc: NatsConnection, logger?: Logger): Promise<JetStreamBus> {
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm);
    return new JetStreamBus(nc, jsm, logger);
  }

  async consume(handler: EventHandler): Promise<void> {
    const first = await this.#subscribe();
    this.#loop = this.#run(handler, first).catch((error: unknown) => {
      // Not expected (#run handles its errors); never an unhandled rejection.
      this.#problem = `consuming stopped: ${String(error)}`;
      this.#logger?.error('introspection consumer stopped', { error: String(error) });
    });
  }

  health(): BusHealth {
    return this.#problem === undefined
      ? { consuming: true }
      : { consuming: false, error: this.#problem };
  }

  async publish(event: Envelope): Promise<void> {
    await this.#js.publish(introspectionSubjects.node(event.source_node_id), encodeEnvelope(event));
  }

  async deadLetter(data: Uint8Array, reason: string): Promise<void> {
    const meta = headers();
    meta.set('RemoteMedia-Dead-Letter-Reason', reason.slice(0, 1000).replace(/[\r\n]/g, ' '));
    await this.#js.publish(introspectionSubjects.deadLetter, data, { headers: meta });
  }

  async close(timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
    this.#closed = true;
    await this.#messages?.close().catch(() => undefined);
    try {
      await withDeadline(this.#loop ?? Promise.resolve(), timeoutMs, 'handlers still running');
    } catch {
      // Let another consumer (or the next run) have them now instead of after ack_wait.
      for (const msg of this.#inFlight) msg.nak();
      this.#inFlight.clear();
    }
  }

  async #subscribe(): Promise<ConsumerMessages> {
    const consumer = await this.#js.consumers.get(INTROSPECTION_STREAM, BRIDGE_CONSUMER);
    const messages = await consumer.consume({
      max_messages: BATCH_SIZE,
      expires: BATCH_WAIT_MS,
      abort_on_missing_resource: true,
    });
    this.#messages = messages;
    void this.#watch(messages);
    return messages;
  }

  /** Reports a vanished consumer or stream in health as soon as the client notices. */
  async #watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (MISSING.has(status.type)) this.#problem = `JetStream ${status.type.replace(/_/g, ' ')}`;
    }
  }

  async #run(handler: EventHandler, first: ConsumerMessages): Promise<void> {
    const limiter = new Limiter(BATCH_SIZE);
    let messages: ConsumerMessages | undefined = first;
    while (messages !== undefined) {
      try {
        for await (const msg of messages) {
          if (this.#closed)
            msg.nak(); // buffered before close: leave it to the next consumer
          else await limiter.run(() => this.#deliver(handler, msg));
        }
      } catch (error) {
        this.#problem = `consuming stopped: ${(error as Error).message}`;
      }
      messages = this.#closed ? undefined : await this.#recreate();
    }
    await limiter.idle();
  }

  async #deliver(handler: EventHandler, msg: JsMsg): Promise<void> {
    this.#inFlight.add(msg);
    let handled = false;
    try {
      await handler(msg.data);
      handled = true;
    } catch {
      // nak below
    }
    if (!this.#inFlight.delete(msg)) return; // already released by close()
    if (handled) msg.ack();
    else msg.nak(1000);
  }

  /** Recreates the stream and consumer until it can consume again; undefined once closed. */
  async #recreate(): Promise<ConsumerMessages | undefined> {
    this.#logger?.warn('introspection consumer lost; recreating it', { error: this.#problem });
    while (!this.#closed) {
      // Right after a deletion the server may still be removing the old stream's files: a
      // stream recreated at once can lose them. Wait a moment first.
      await delay(RECREATE_RETRY_MS);
      if (this.#closed) break;
      try {
        await ensureStreams(this.#jsm);
        const messages = await this.#subscribe();
        this.#problem = undefined;
        this.#logger?.info('introspection consumer recreated; consuming again');
        return messages;
      } catch (error) {
        this.#problem = `cannot recreate the consumer: ${(error as Error).message}`;
      }
    }
    return undefined;
  }
}
