// A worker: serves every node type of a registry over NATS (services API, a queue group per
// type), keeps streaming sessions, announces itself in the discovery store, drains on SIGTERM.
// Each concern has its own module; this one starts them and stops them in order.
import { type Service, type ServiceMsg, Svcm } from '@nats-io/services';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '@remotemedia/contract';
import { type AnyNodeRegistry, defaultLogger } from '@remotemedia/core';
import type { TSchema } from 'typebox';
import { openConnection } from '../connect.js';
import { DEFAULT_BUCKET, DEFAULT_ENTRY_TTL_MS } from '../discovery.js';
import { subjects, subjectToken } from '../subjects.js';
import { checkTags, type Tags } from '../tags.js';
import type { MethodSchemas, TypedHandler } from '../typed.js';
import { Announcer, announcementOf } from './announcer.js';
import { WorkerIntrospection } from './introspection.js';
import { answerNodeRequest, type NodeEndpointContext } from './node-requests.js';
import type { ServeOptions, WorkerMetrics } from './options.js';
import { answerSessionRequest } from './session-requests.js';
import { SessionTable } from './sessions.js';
import { onTerminateSignal } from './signals.js';
import { TypedMethods } from './typed-methods.js';

export type { ServeOptions, WorkerMetrics } from './options.js';

/** Starts a worker serving every node type of `registry`. Resolves once it is reachable. */
export async function serve(
  registry: AnyNodeRegistry,
  options: ServeOptions = {},
): Promise<Worker> {
  const nc = await openConnection({ ...options, name: options.name ?? 'remotemedia-worker' });
  try {
    const worker = new Worker(nc, registry, options);
    await worker.start();
    return worker;
  } catch (error) {
    await nc.close();
    throw error;
  }
}

export class Worker {
  readonly id: string;
  readonly name: string;
  readonly incarnation = Date.now();
  readonly #nc: NatsConnection;
  readonly #registry: AnyNodeRegistry;
  readonly #options: ServeOptions;
  readonly #logger: Logger;
  readonly #sessions: SessionTable;
  readonly #typed = new TypedMethods();
  readonly #announcer: Announcer;
  #tags: Tags;
  #service: Service | undefined;
  #sessionSub: Subscription | undefined;
  #unaryCalls = 0;
  #draining: Promise<void> | undefined;
  #closed: Promise<void>;
  #resolveClosed!: () => void;
  #removeSignals: (() => void) | undefined;
  #introspection: WorkerIntrospection | undefined;

  constructor(nc: NatsConnection, registry: AnyNodeRegistry, options: ServeOptions) {
    this.#nc = nc;
    this.#registry = registry;
    this.#options = options;
    this.#logger = options.logger ?? registry.logger ?? defaultLogger;
    this.id = subjectToken(
      'worker id',
      options.id ?? `w${Math.random().toString(36).slice(2, 12)}`,
    );
    this.name = options.name ?? 'remotemedia-worker';
    this.#tags = checkTags(options.tags);
    this.#sessions = new SessionTable(options.sessionIdleMs ?? 60_000);
    this.#announcer = new Announcer(
      nc,
      options.bucket ?? DEFAULT_BUCKET,
      options.entryTtlMs ?? DEFAULT_ENTRY_TTL_MS,
      () => announcementOf(this.#identity(), this.#tags),
      this.#logger,
    );
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
  }

  /** Resolves when the worker has stopped (after `drain()` or `close()`). */
  get closed(): Promise<void> {
    return this.#closed;
  }

  get tags(): Tags {
    return { ...this.#tags };
  }

  metrics(): WorkerMetrics {
    return {
      sessions: this.#sessions.metrics(),
      unaryCalls: this.#unaryCalls,
      draining: this.#draining !== undefined,
      introspectionEvents: this.#introspection?.published ?? 0,
    };
  }

  async start(): Promise<void> {
    const types = this.#registry.listNodeTypes();
    for (const type of types) subjectToken('node type', type);
    // @nats-io/services pins an older nats-core; the connection API it uses is the same.
    this.#service = await new Svcm(this.#nc as never).add({
      name: this.name,
      version: '0.1.0',
      description: `RemoteMedia worker serving ${types.join(', ')}`,
      metadata: { worker: this.id },
      statsHandler: async () => this.metrics(),
    });
    this.#serveNodeTypes(this.#service, types);
    this.#typed.serveOn(this.#service);
    // Sessions stay on a plain subscription so they keep running while the service drains.
    this.#sessionSub = this.#nc.subscribe(subjects.sessions(this.id), {
      callback: (error, msg) => {
        if (error === null) void answerSessionRequest(this.#sessions, msg);
      },
    });
    await this.#nc.flush();
    if (this.#options.discovery !== false) await this.registerSelf(this.#tags);
    await this.#startIntrospection();
    if (this.#options.handleSignals !== false) {
      this.#removeSignals = onTerminateSignal(() => void this.drain());
    }
    this.#logger.info(`worker ${this.id} serving ${types.length} node types`, {
      worker: this.id,
      types,
    });
  }

  /**
   * Serves a typed method: requests are validated against `schemas.request` (ERR_INVALID_INPUT
   * naming the field), responses against `schemas.response`; a thrown coded error reaches the
   * caller as ERR_REMOTE carrying that code.
   */
  registerTyped<Q extends TSchema, R extends TSchema>(
    method: string,
    schemas: MethodSchemas<Q, R>,
    handler: TypedHandler<Q, R>,
  ): this {
    this.#typed.add(method, schemas, handler);
    if (this.#service !== undefined) void this.#introspection?.publish('nodes');
    return this;
  }

  /**
   * Resolves once the server has every endpoint added so far: a method registered on a running
   * worker answers callers on other connections only after that.
   */
  async flush(): Promise<void> {
    await this.#nc.flush();
  }

  /** Announces this worker (id, address, node types with metadata, tags, incarnation). */
  async registerSelf(tags: Tags = this.#tags): Promise<void> {
    const changed = JSON.stringify(checkTags(tags)) !== JSON.stringify(this.#tags);
    this.#tags = checkTags(tags);
    if (changed) void this.#introspection?.publish('tags');
    await this.#announcer.start();
  }

  /** Sets several tags in one atomic update (a reader sees all of them or none); null removes. */
  async updateTags(patch: Record<string, string | null>): Promise<void> {
    const next: Record<string, unknown> = { ...this.#tags };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    this.#tags = checkTags(next);
    if (this.#announcer.started) await this.#announcer.announce();
    await this.#introspection?.publish('tags');
  }

  /**
   * Stops taking new sessions and calls, leaves the discovery store, waits for open sessions
   * to end (at most `drainTimeoutMs`), then drains the connection. Idempotent.
   */
  drain(): Promise<void> {
    this.#draining ??= this.#drain();
    return this.#draining;
  }

  /** Stops at once: open sessions are closed. */
  async close(): Promise<void> {
    if (this.#draining === undefined) {
      this.#options.drainTimeoutMs = 0;
      await this.drain();
    }
    await this.#closed;
  }

  async #drain(): Promise<void> {
    this.#logger.info(`worker ${this.id} draining (${this.#sessions.size} sessions open)`);
    this.#announcer.stopHeartbeat();
    this.#removeSignals?.();
    await this.#service?.stop().catch(() => undefined);
    await this.#announcer.leave();
    await this.#introspection?.stop();
    await this.#sessions.waitUntilEmpty(this.#options.drainTimeoutMs ?? 30_000);
    await this.#sessions.closeAll();
    this.#sessions.stop();
    this.#sessionSub?.unsubscribe();
    await this.#nc.drain().catch(() => undefined);
    this.#logger.info(`worker ${this.id} stopped`);
    this.#resolveClosed();
  }

  #serveNodeTypes(service: Service, types: readonly string[]): void {
    const context: NodeEndpointContext = {
      workerId: this.id,
      registry: this.#registry,
      sessions: this.#sessions,
      countUnaryCall: () => {
        this.#unaryCalls++;
      },
    };
    for (const type of types) {
      const handler = (error: Error | null, msg: ServiceMsg) => {
        if (error === null) void answerNodeRequest(context, type, msg);
      };
      // Shared queue group per type: any worker serving it can take the call.
      service.addEndpoint(`node-${type}`, {
        subject: subjects.node(type),
        queue: subjects.queue(type),
        handler,
        metadata: { type },
      });
      // This worker only, for callers that chose it by tags.
      service.addEndpoint(`worker-${type}`, {
        subject: subjects.workerNode(this.id, type),
        queue: subjects.queue(this.id),
        handler,
        metadata: { type },
      });
    }
  }

  async #startIntrospection(): Promise<void> {
    const setting = this.#options.introspection ?? true;
    if (setting === false) return;
    this.#introspection = new WorkerIntrospection(
      this.#nc,
      this.id,
      () => this.#describe(),
      setting === true ? {} : setting,
      this.#logger,
    );
    await this.#introspection.start((this.#options.entryTtlMs ?? DEFAULT_ENTRY_TTL_MS) / 3);
  }

  /** The introspection payload: what the registry records about this worker. */
  #describe() {
    const announcement = announcementOf(this.#identity(), this.#tags);
    return {
      capabilities: {
        nodes: announcement.nodes,
        methods: this.#typed.names(),
        tags: announcement.tags,
      },
      endpoints: { address: announcement.address },
      metadata: { name: this.name, incarnation: this.incarnation },
    };
  }

  #identity() {
    return {
      id: this.id,
      name: this.name,
      incarnation: this.incarnation,
      registry: this.#registry,
    };
  }
}
