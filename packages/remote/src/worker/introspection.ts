// A worker's introspection: NODE_INTROSPECTION on start, on tag or node-set change, on every
// heartbeat and in reply to REGISTRY_REQUEST_INTROSPECTION; NODE_SHUTDOWN when it drains.
import { setTimeout as delay } from 'node:timers/promises';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '@remotemedia/contract';
import {
  type EventType,
  type IntrospectionPayload,
  makeEnvelope,
  type NodeKind,
  parseEnvelope,
} from '../introspection/envelope.js';
import { type IntrospectionPublisher, natsPublisher } from '../introspection/publisher.js';
import { introspectionSubjects } from '../introspection/subjects.js';

export interface IntrospectionOptions {
  /** What kind of node this worker is for the registry. @default 'compute' */
  nodeType?: NodeKind;
  /** Where events go. @default this worker's NATS connection */
  publisher?: IntrospectionPublisher;
  /** Heartbeat event period, ms. @default entryTtlMs / 3 */
  heartbeatMs?: number;
  /** An HTTP health URL to record for this worker, if it has one. */
  healthEndpoint?: string;
}

export type IntrospectionReason = 'start' | 'tags' | 'nodes' | 'heartbeat' | 'request' | 'shutdown';

/** A lost NODE_SHUTDOWN leaves the node registered until it goes stale: try it this often. */
const SHUTDOWN_ATTEMPTS = 3;
const SHUTDOWN_RETRY_MS = 200;

export class WorkerIntrospection {
  readonly #nc: NatsConnection;
  readonly #nodeId: string;
  readonly #describe: () => Omit<IntrospectionPayload, 'node_id' | 'node_type'>;
  readonly #options: IntrospectionOptions;
  readonly #publisher: IntrospectionPublisher;
  readonly #logger: Logger;
  #subscription: Subscription | undefined;
  #timer: NodeJS.Timeout | undefined;
  #published = 0;
  /** Set by stop(): nothing is published after NODE_SHUTDOWN (it would register the node again). */
  #stopped = false;
  /** NODE_INTROSPECTION events being published: NODE_SHUTDOWN goes out after them. */
  readonly #sending = new Set<Promise<void>>();

  constructor(
    nc: NatsConnection,
    nodeId: string,
    describe: () => Omit<IntrospectionPayload, 'node_id' | 'node_type'>,
    options: IntrospectionOptions,
    logger: Logger,
  ) {
    this.#nc = nc;
    this.#nodeId = nodeId;
    this.#describe = describe;
    this.#options = options;
    this.#publisher = options.publisher ?? natsPublisher(nc);
    this.#logger = logger;
  }

  /** Events published so far. */
  get published(): number {
    return this.#published;
  }

  async start(heartbeatMs: number): Promise<void> {
    this.#subscription = this.#nc.subscribe(introspectionSubjects.request, {
      callback: (error, msg) => {
        if (error !== null) return;
        let correlationId: string;
        try {
          correlationId = parseEnvelope(msg.data).event_id;
        } catch (failure) {
          this.#logger.warn(`worker ${this.#nodeId}: ignored a bad introspection request`, {
            error: String(failure),
          });
          return;
        }
        void this.publish('request', correlationId);
      },
    });
    await this.#nc.flush();
    await this.publish('start');
    this.#timer = setInterval(
      () => void this.publish('heartbeat'),
      this.#options.heartbeatMs ?? heartbeatMs,
    );
    this.#timer.unref();
  }

  /** Publishes NODE_INTROSPECTION; failures are logged (the next heartbeat repeats the state). */
  async publish(reason: IntrospectionReason, correlationId?: string): Promise<void> {
    if (this.#stopped) return;
    const sending = this.#send('NODE_INTROSPECTION', reason, 1, correlationId);
    this.#sending.add(sending);
    await sending.finally(() => this.#sending.delete(sending));
  }

  /** Stops answering and heartbeating, then tells the registry this worker is gone. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    await Promise.all(this.#sending); // #send never rejects
    await this.#send('NODE_SHUTDOWN', 'shutdown', SHUTDOWN_ATTEMPTS);
  }

  async #send(
    type: EventType,
    reason: IntrospectionReason,
    attempts: number,
    correlationId?: string,
  ): Promise<void> {
    const described = this.#describe();
    const payload: IntrospectionPayload = {
      node_id: this.#nodeId,
      node_type: this.#options.nodeType ?? 'compute',
      ...described,
      endpoints: {
        ...described.endpoints,
        ...(this.#options.healthEndpoint === undefined
          ? {}
          : { health: this.#options.healthEndpoint }),
      },
      metadata: { ...described.metadata, reason },
    };
    const event = makeEnvelope(type, this.#nodeId, {
      payload,
      ...(correlationId === undefined ? {} : { correlationId }),
    });
    for (let attempt = 1; ; attempt++) {
      try {
        // The same event each time: its id lets the stream and the bridge drop a duplicate.
        await this.#publisher.publish(event);
        this.#published++;
        return;
      } catch (error) {
        if (attempt >= attempts) {
          this.#logger.warn(`worker ${this.#nodeId}: introspection event not published`, {
            event: event.event_id,
            error: String(error),
          });
          return;
        }
        await delay(SHUTDOWN_RETRY_MS * attempt);
      }
    }
  }
}
