// The registry bridge: consumes introspection events and registers every node in discovery (NATS
// KV) and PostgreSQL. A store that fails gets its registrations queued and backfilled when it
// returns; a malformed event (or one a store refuses) is dead-lettered; nodes without heartbeat
// are marked, then removed.
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { defaultLogger, type Logger } from '@remotemedia/core';
import { RemoteMediaError, redactCredentials, redactError } from '@remotemedia/errors';
import {
  type Envelope,
  encodeEnvelope,
  introspectionSubjects,
  makeEnvelope,
  openConnection,
  parseEnvelope,
} from '@remotemedia/remote';
import type { EventBus } from './bus/event-bus.js';
import { JetStreamBus } from './bus/jetstream.js';
import { KafkaBus } from './bus/kafka.js';
import { withDeadline } from './deadline.js';
import { Deregistrations } from './deregistrations.js';
import { type BridgeHealth, type ComponentHealth, overall, probe } from './health.js';
import { startHttp } from './http.js';
import { BridgeMetrics, type BridgeMetricsSnapshot } from './metrics.js';
import { NodeChain } from './node-chain.js';
import { type RegistryBridgeOptions, resolved } from './options.js';
import { StaleNodes } from './stale-nodes.js';
import { StoreWriter } from './store-writer.js';
import { DiscoveryStore } from './stores/discovery.js';
import { PostgresStore } from './stores/postgres.js';
import { eventTime, type Received, type StoreName } from './stores/store.js';

/** Connects, starts consuming, and asks every running worker to introspect. */
export async function createRegistryBridge(
  options: RegistryBridgeOptions = {},
): Promise<RegistryBridge> {
  resolved(options); // bad options fail before anything connects
  let nc: NatsConnection;
  try {
    nc = await openConnection({ name: 'remotemedia-registry-bridge', ...options });
  } catch (error) {
    throw redactError(error); // its message may quote a server URL with a token or password
  }
  const bridge = new RegistryBridge(nc, options);
  try {
    await bridge.start();
    return bridge;
  } catch (error) {
    await bridge.close();
    throw redactError(error);
  }
}

export class RegistryBridge {
  readonly id = `registry-bridge-${randomUUID().slice(0, 8)}`;
  readonly discovery: DiscoveryStore;
  readonly postgres: PostgresStore;
  readonly #nc: NatsConnection;
  readonly #options: RegistryBridgeOptions;
  readonly #settings: ReturnType<typeof resolved>;
  readonly #logger: Logger;
  readonly #chain = new NodeChain();
  readonly #metrics: BridgeMetrics;
  readonly #writer: StoreWriter;
  readonly #stale: StaleNodes;
  readonly #deregistrations = new Deregistrations();
  #bus: EventBus | undefined;
  #timers: NodeJS.Timeout[] = [];
  #http: { url: string; close(): Promise<void> } | undefined;
  #closing: Promise<void> | undefined;

  constructor(nc: NatsConnection, options: RegistryBridgeOptions) {
    this.#nc = nc;
    this.#options = options;
    this.#settings = resolved(options);
    this.#logger = options.logger ?? defaultLogger;
    this.discovery = new DiscoveryStore(nc, options.discovery);
    this.postgres = new PostgresStore(options.postgres);
    this.#writer = new StoreWriter({
      stores: [this.discovery, this.postgres],
      chain: this.#chain,
      metrics: () => this.#metrics,
      logger: this.#logger,
      applyTimeoutMs: this.#settings.storeTimeoutMs,
      onRejected: (received, store, error) => this.#rejected(received, store, error),
    });
    this.#metrics = new BridgeMetrics((store) => this.#writer.pending(store));
    this.#stale = new StaleNodes(this, this.#chain, this.#metrics, this.#logger);
  }

  /** `http://host:port` of /healthz and /metrics, when `http` was given. */
  get httpUrl(): string | undefined {
    return this.#http?.url;
  }

  get bus(): EventBus {
    if (this.#bus === undefined) throw new Error('the bridge has not started');
    return this.#bus;
  }

  async start(): Promise<void> {
    // A store down at start is not fatal: registrations queue until it answers.
    const timeout = this.#settings.storeTimeoutMs;
    await Promise.all([
      withDeadline(
        this.postgres.ready(),
        timeout,
        `postgres did not answer within ${timeout} ms`,
      ).catch((error: unknown) => this.#writer.markDown('postgres', error)),
      withDeadline(
        this.discovery.ready(),
        timeout,
        `discovery did not answer within ${timeout} ms`,
      ).catch((error: unknown) => this.#writer.markDown('discovery', error)),
    ]);
    const bus = this.#options.bus ?? 'jetstream';
    try {
      this.#bus =
        bus === 'jetstream'
          ? await JetStreamBus.open(this.#nc, this.#logger)
          : await KafkaBus.open(bus.kafka);
    } catch (error) {
      if (error instanceof RemoteMediaError && error.code === 'ERR_INVALID_PARAM') throw error;
      throw new RemoteMediaError(
        'ERR_TRANSPORT',
        bus === 'jetstream'
          ? `cannot open the JetStream stream for introspection events: ${redactCredentials((error as Error).message)}; the NATS server needs JetStream (nats-server -js)`
          : `cannot reach Kafka at ${bus.kafka.brokers.join(', ')}: ${redactCredentials((error as Error).message)}; check the brokers and that the broker runs`,
        { retryable: true, cause: error },
      );
    }
    await this.#bus.consume((data) => this.#handle(data));
    const { retryIntervalMs, sweepIntervalMs } = this.#settings;
    this.#timers.push(setInterval(() => void this.#writer.backfill(), retryIntervalMs));
    this.#timers.push(setInterval(() => void this.sweep(), sweepIntervalMs));
    for (const timer of this.#timers) timer.unref();
    if (this.#options.http !== undefined) {
      this.#http = await startHttp(
        { health: () => this.checkHealth(), metricsText: () => this.#metrics.text() },
        this.#options.http.port ?? 0,
        this.#options.http.host ?? '127.0.0.1',
      );
    }
    await this.requestIntrospection();
    this.#logger.info(`registry bridge ${this.id} started on ${this.#bus.kind}`);
  }

  /** Publishes REGISTRY_REQUEST_INTROSPECTION; running workers answer. Returns its event id. */
  async requestIntrospection(): Promise<string> {
    const request = makeEnvelope('REGISTRY_REQUEST_INTROSPECTION', this.id);
    this.#nc.publish(introspectionSubjects.request, encodeEnvelope(request));
    await this.#nc.flush();
    return request.event_id;
  }

  async checkHealth(): Promise<BridgeHealth> {
    const timeout = this.#settings.healthTimeoutMs;
    const [nats, discovery, postgres] = await Promise.all([
      probe(
        async () => {
          if (this.#nc.isClosed()) throw new Error('connection closed');
          await this.#nc.rtt();
        },
        true,
        timeout,
      ),
      probe(() => this.discovery.ping(), false, timeout),
      probe(() => this.postgres.ping(), false, timeout),
    ]);
    const consuming = this.#bus?.health() ?? { consuming: false, error: 'not started' };
    const bus: ComponentHealth = consuming.consuming
      ? { status: 'up', critical: true }
      : {
          status: 'down',
          critical: true,
          error: redactCredentials(consuming.error ?? 'not consuming'),
        };
    const components = {
      nats,
      bus,
      discovery: this.#withWrites('discovery', discovery),
      postgres: this.#withWrites('postgres', postgres),
    };
    return { status: overall(components), components };
  }

  metrics(): Promise<BridgeMetricsSnapshot> {
    return this.#metrics.snapshot();
  }

  /** Prometheus text, as served on /metrics. */
  metricsText(): Promise<string> {
    return this.#metrics.text();
  }

  /** Marks nodes silent for `staleAfterMs` and removes those silent for `removeAfterMs`. */
  sweep(now = Date.now()): Promise<void> {
    const { staleAfterMs, removeAfterMs } = this.#settings;
    this.#deregistrations.prune(now - removeAfterMs);
    return this.#stale.sweep(now, staleAfterMs, removeAfterMs);
  }

  async close(): Promise<void> {
    this.#closing ??= (async () => {
      const { closeTimeoutMs } = this.#settings;
      for (const timer of this.#timers) clearInterval(timer);
      await this.#bus?.close(closeTimeoutMs);
      await this.#lastBackfill(closeTimeoutMs);
      await this.#http?.close();
      // pool.end() waits for a server that may not answer.
      await withDeadline(this.postgres.close(), closeTimeoutMs, 'postgres close').catch(
        () => undefined,
      );
      // A drain needs the server; without one, give up after a moment and close.
      await withDeadline(this.#nc.drain(), closeTimeoutMs, 'NATS drain').catch(() => undefined);
      if (!this.#nc.isClosed()) await this.#nc.close().catch(() => undefined);
    })();
    return this.#closing;
  }

  /** The store's own probe, down also while its writes are failing; with its queue length. */
  #withWrites(store: StoreName, probed: ComponentHealth): ComponentHealth {
    const reason = this.#writer.downReason(store);
    const health =
      reason === undefined || probed.status === 'down'
        ? probed
        : { ...probed, status: 'down' as const, error: reason };
    return { ...health, pending: this.#writer.pending(store) };
  }

  /** Registrations still queued are lost with this process: try once more, and say how many. */
  async #lastBackfill(timeoutMs: number): Promise<void> {
    await withDeadline(this.#writer.backfill(), timeoutMs, 'backfill').catch(() => undefined);
    const discovery = this.#writer.pending('discovery');
    const postgres = this.#writer.pending('postgres');
    if (discovery + postgres > 0) {
      this.#logger.warn(
        `registry bridge ${this.id} closing with registrations not written: dropped ${discovery} for discovery, ${postgres} for postgres (the nodes' next heartbeats repeat them)`,
      );
    }
  }

  async #handle(data: Uint8Array): Promise<void> {
    const receivedAt = Date.now();
    let event: Envelope;
    try {
      event = parseEnvelope(data);
    } catch (error) {
      this.#metrics.malformed.inc();
      await this.#deadLetter(data, (error as Error).message, eventIdOf(data));
      return;
    }
    if (event.event_type === 'REGISTRY_REQUEST_INTROSPECTION') return;
    const ahead = eventTime(event) - receivedAt;
    if (ahead > this.#settings.maxClockSkewMs) {
      // Ordering trusts event times: one from far ahead would freeze its node's registration.
      const reason = `event_timestamp ${event.event_timestamp} is ${ahead} ms ahead of the bridge clock (maxClockSkewMs ${this.#settings.maxClockSkewMs})`;
      await this.#deadLetter(data, reason, event.event_id);
      return;
    }
    const started = performance.now();
    await this.#chain.run(event.source_node_id, () =>
      this.#register({ event, receivedAt }, started),
    );
  }

  /** If the dead-letter write fails, the event is not acked and comes back. */
  async #deadLetter(data: Uint8Array, reason: string, eventId: string | undefined): Promise<void> {
    await this.bus.deadLetter(data, reason);
    this.#metrics.deadLettered.inc();
    this.#logger.warn('introspection event dead-lettered', { event: eventId, error: reason });
  }

  async #rejected(received: Received, store: StoreName, error: unknown): Promise<void> {
    const reason = `${store} refused the event: ${redactCredentials((error as Error).message)}`;
    await this.#deadLetter(encodeEnvelope(received.event), reason, received.event.event_id);
  }

  async #register(received: Received, started: number): Promise<void> {
    const { event, receivedAt } = received;
    const id = event.source_node_id;
    if (event.event_type === 'NODE_INTROSPECTION' && this.#deregistrations.outdates(event)) {
      this.#logger.debug(`event ${event.event_id} predates node ${id}'s shutdown; ignored`);
      return;
    }
    const outcomes = await this.#writer.write(received);
    if (event.event_type === 'NODE_SHUTDOWN') {
      this.#deregistrations.record(event, receivedAt);
      this.#metrics.deregistrations.inc();
      this.#metrics.registeredNodes.delete(id);
      this.#stale.forget(id);
      return;
    }
    this.#deregistrations.forget(id);
    const ok = outcomes.every((outcome) => outcome === 'written');
    this.#metrics.registrations.inc({ result: ok ? 'successful' : 'failed' });
    this.#metrics.registeredNodes.add(id);
    this.#stale.heartbeat(id, receivedAt);
    if (ok) this.#metrics.latency.observe((performance.now() - started) / 1000);
  }
}

function eventIdOf(data: Uint8Array): string | undefined {
  try {
    const id = (JSON.parse(new TextDecoder().decode(data)) as { event_id?: unknown }).event_id;
    return typeof id === 'string' ? id.slice(0, 128) : undefined;
  } catch {
    return undefined;
  }
}
