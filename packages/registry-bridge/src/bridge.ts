// The registry bridge: consumes introspection events and registers every node in discovery (NATS
// KV) and PostgreSQL. A store that fails gets its registrations queued and backfilled when it
// returns; a malformed event is dead-lettered; nodes without heartbeat are marked, then removed.
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { defaultLogger, type Logger } from '@remotemedia/core';
import { RemoteMediaError } from '@remotemedia/errors';
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
import { type BridgeHealth, overall, probe, redact } from './health.js';
import { startHttp } from './http.js';
import { BridgeMetrics, type BridgeMetricsSnapshot } from './metrics.js';
import { NodeChain } from './node-chain.js';
import { type RegistryBridgeOptions, resolved } from './options.js';
import { StaleNodes } from './stale-nodes.js';
import { StoreWriter } from './store-writer.js';
import { DiscoveryStore } from './stores/discovery.js';
import { PostgresStore } from './stores/postgres.js';
import { eventTime } from './stores/store.js';

/** Connects, starts consuming, and asks every running worker to introspect. */
export async function createRegistryBridge(
  options: RegistryBridgeOptions = {},
): Promise<RegistryBridge> {
  resolved(options); // bad options fail before anything connects
  const nc = await openConnection({ name: 'remotemedia-registry-bridge', ...options });
  const bridge = new RegistryBridge(nc, options);
  try {
    await bridge.start();
    return bridge;
  } catch (error) {
    await bridge.close();
    throw error;
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
    this.#writer = new StoreWriter(
      [this.discovery, this.postgres],
      this.#chain,
      () => this.#metrics,
      this.#logger,
    );
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
    await Promise.all([
      this.postgres.ready().catch((error: unknown) => this.#writer.markDown('postgres', error)),
      this.discovery.ready().catch((error: unknown) => this.#writer.markDown('discovery', error)),
    ]);
    const bus = this.#options.bus ?? 'jetstream';
    try {
      this.#bus =
        bus === 'jetstream' ? await JetStreamBus.open(this.#nc) : await KafkaBus.open(bus.kafka);
    } catch (error) {
      throw new RemoteMediaError(
        'ERR_TRANSPORT',
        bus === 'jetstream'
          ? `cannot open the JetStream stream for introspection events: ${redact((error as Error).message)}; the NATS server needs JetStream (nats-server -js)`
          : `cannot reach Kafka at ${bus.kafka.brokers.join(', ')}: ${redact((error as Error).message)}; check the brokers and that the broker runs`,
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
    discovery.pending = this.#writer.pending('discovery');
    postgres.pending = this.#writer.pending('postgres');
    const components = { nats, discovery, postgres };
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
    return this.#stale.sweep(now, staleAfterMs, removeAfterMs);
  }

  async close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const timer of this.#timers) clearInterval(timer);
      await this.#bus?.close();
      await this.#http?.close();
      await this.postgres.close().catch(() => undefined);
      // A drain needs the server; without one, give up after a moment and close.
      const drained = this.#nc.drain().catch(() => undefined);
      const timeout = new Promise((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([drained, timeout]);
      if (!this.#nc.isClosed()) await this.#nc.close().catch(() => undefined);
    })();
    return this.#closing;
  }

  async #handle(data: Uint8Array): Promise<void> {
    let event: Envelope;
    try {
      event = parseEnvelope(data);
    } catch (error) {
      const reason = (error as Error).message;
      // If the dead-letter write fails, the event is not acked and comes back (counted once).
      await this.bus.deadLetter(data, reason);
      this.#metrics.malformed.inc();
      this.#metrics.deadLettered.inc();
      this.#logger.warn('malformed introspection event dead-lettered', {
        event: eventIdOf(data),
        error: reason,
      });
      return;
    }
    if (event.event_type === 'REGISTRY_REQUEST_INTROSPECTION') return;
    const received = performance.now();
    await this.#chain.run(event.source_node_id, () => this.#register(event, received));
  }

  async #register(event: Envelope, received: number): Promise<void> {
    const results = await this.#writer.write(event);
    const id = event.source_node_id;
    if (event.event_type === 'NODE_SHUTDOWN') {
      this.#metrics.deregistrations.inc();
      this.#metrics.registeredNodes.delete(id);
      this.#stale.forget(id);
      return;
    }
    const ok = results.every(Boolean);
    this.#metrics.registrations.inc({ result: ok ? 'successful' : 'failed' });
    this.#metrics.registeredNodes.add(id);
    this.#stale.heartbeat(id, eventTime(event));
    if (ok) this.#metrics.latency.observe((performance.now() - received) / 1000);
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
