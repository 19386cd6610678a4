// A worker: serves every node type of a registry over NATS (services API, a queue group per
// type), keeps streaming sessions, announces itself in the discovery store, drains on SIGTERM.
import { type Service, type ServiceMsg, Svcm } from '@nats-io/services';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '@remotemedia/contract';
import { type AnyNodeRegistry, defaultLogger } from '@remotemedia/core';
import { RemoteMediaError } from '@remotemedia/errors';
import type { TSchema } from 'typebox';
import { decode, encode } from '../codec.js';
import { type ConnectionOptions, openConnection } from '../connect.js';
import {
  DEFAULT_BUCKET,
  DEFAULT_ENTRY_TTL_MS,
  type DiscoveryStore,
  openDiscovery,
  type WorkerAnnouncement,
} from '../discovery.js';
import { toWireError } from '../errors.js';
import type { NodeRequest, SessionRequest } from '../protocol.js';
import { subjects, subjectToken } from '../subjects.js';
import { checkTags, type Tags } from '../tags.js';
import { assertMatches, checkMethodName, type MethodSchemas, type TypedHandler } from '../typed.js';
import { type IntrospectionOptions, WorkerIntrospection } from './introspection.js';
import { type SessionMetrics, SessionTable } from './sessions.js';

export interface ServeOptions extends ConnectionOptions {
  /** Worker name (service name in `nats micro`). @default 'remotemedia-worker' */
  name?: string;
  /** Unique id of this worker. @default a random id */
  id?: string;
  /** Capabilities callers select by (`{ gpu: 'true' }`). */
  tags?: Tags;
  /** Announce in the discovery store. @default true */
  discovery?: boolean;
  /** KV bucket of the discovery store. @default 'remotemedia_workers' */
  bucket?: string;
  /** Discovery entry lifetime without heartbeat, ms (heartbeat every third). @default 15000 */
  entryTtlMs?: number;
  /** A session nobody touched for this long is closed (its caller is gone). @default 60000 */
  sessionIdleMs?: number;
  /** Longest wait for open sessions to end during a drain, ms. @default 30000 */
  drainTimeoutMs?: number;
  /** Drain on SIGTERM and SIGINT. @default true */
  handleSignals?: boolean;
  /**
   * Publish introspection events (start, tag/node-set change, heartbeat, on request, shutdown)
   * for the registry bridge; `false` turns them off. @default true
   */
  introspection?: boolean | IntrospectionOptions;
  logger?: Logger;
}

interface TypedEntry {
  method: string;
  schemas: MethodSchemas;
  handler: TypedHandler<TSchema, TSchema>;
}

export interface WorkerMetrics {
  sessions: SessionMetrics;
  unaryCalls: number;
  draining: boolean;
  /** Introspection events published. */
  introspectionEvents: number;
}

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
  #tags: Tags;
  #service: Service | undefined;
  #sessionSub: Subscription | undefined;
  #discovery: DiscoveryStore | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #unaryCalls = 0;
  #draining: Promise<void> | undefined;
  #closed: Promise<void>;
  #resolveClosed!: () => void;
  #signalHandler: (() => void) | undefined;
  #introspection: WorkerIntrospection | undefined;
  readonly #typed: {
    method: string;
    schemas: MethodSchemas;
    handler: TypedHandler<TSchema, TSchema>;
  }[] = [];

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
    for (const type of types) {
      const handler = (error: Error | null, msg: ServiceMsg) => {
        if (error === null) void this.#onNodeRequest(type, msg);
      };
      // Shared queue group per type: any worker serving it can take the call.
      this.#service.addEndpoint(`node-${type}`, {
        subject: subjects.node(type),
        queue: subjects.queue(type),
        handler,
        metadata: { type },
      });
      // This worker only, for callers that chose it by tags.
      this.#service.addEndpoint(`worker-${type}`, {
        subject: subjects.workerNode(this.id, type),
        queue: subjects.queue(this.id),
        handler,
        metadata: { type },
      });
    }
    for (const typed of this.#typed) this.#addTypedEndpoint(typed);
    // Sessions stay on a plain subscription so they keep running while the service drains.
    this.#sessionSub = this.#nc.subscribe(subjects.sessions(this.id), {
      callback: (error, msg) => {
        if (error === null) void this.#onSessionRequest(msg.subject, msg);
      },
    });
    await this.#nc.flush();
    if (this.#options.discovery !== false) await this.registerSelf(this.#tags);
    await this.#startIntrospection();
    if (this.#options.handleSignals !== false) this.#installSignals();
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
    const typed = {
      method: checkMethodName(method),
      schemas,
      handler: handler as TypedHandler<TSchema, TSchema>,
    };
    this.#typed.push(typed);
    if (this.#service !== undefined) {
      this.#addTypedEndpoint(typed);
      void this.#introspection?.publish('nodes');
    }
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
    const ttl = this.#options.entryTtlMs ?? DEFAULT_ENTRY_TTL_MS;
    this.#discovery ??= await openDiscovery(this.#nc, this.#options.bucket ?? DEFAULT_BUCKET, ttl);
    await this.#announce();
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => {
      this.#announce().catch((error: unknown) =>
        this.#logger.warn(`worker ${this.id}: heartbeat failed`, { error: String(error) }),
      );
    }, ttl / 3);
    this.#heartbeat.unref();
  }

  /** Sets several tags in one atomic update (a reader sees all of them or none); null removes. */
  async updateTags(patch: Record<string, string | null>): Promise<void> {
    const next: Record<string, unknown> = { ...this.#tags };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    this.#tags = checkTags(next);
    if (this.#discovery !== undefined) await this.#announce();
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
    clearInterval(this.#heartbeat);
    this.#removeSignals();
    await this.#service?.stop().catch(() => undefined);
    await this.#discovery?.delete(this.id).catch(() => undefined);
    await this.#introspection?.stop();
    await this.#waitForSessions(this.#options.drainTimeoutMs ?? 30_000);
    await this.#sessions.closeAll();
    this.#sessions.stop();
    this.#sessionSub?.unsubscribe();
    await this.#nc.drain().catch(() => undefined);
    this.#logger.info(`worker ${this.id} stopped`);
    this.#resolveClosed();
  }

  #waitForSessions(timeoutMs: number): Promise<void> {
    if (this.#sessions.size === 0 || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const sessions = this.#sessions;
      function done() {
        clearTimeout(timer);
        sessions.onChange(undefined);
        resolve();
      }
      sessions.onChange(() => {
        if (sessions.size === 0) done();
      });
    });
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
    const announcement = this.#announcement();
    return {
      capabilities: {
        nodes: announcement.nodes,
        methods: this.#typed.map((typed) => typed.method),
        tags: announcement.tags,
      },
      endpoints: { address: announcement.address },
      metadata: { name: this.name, incarnation: this.incarnation },
    };
  }

  #announcement(): WorkerAnnouncement {
    return {
      id: this.id,
      name: this.name,
      address: `rm.w.${this.id}`,
      nodes: this.#registry.listNodeTypes().map((type) => ({
        type,
        runtime: this.#registry.runtimesOf(type)[0] ?? 'ts',
        metadata: this.#registry.getMetadata(type),
      })),
      tags: this.#tags,
      incarnation: this.incarnation,
      updatedAt: Date.now(),
    };
  }

  async #announce(): Promise<void> {
    await this.#discovery?.put(this.id, this.#announcement());
  }

  async #onNodeRequest(type: string, msg: ServiceMsg): Promise<void> {
    let request: NodeRequest;
    try {
      request = decode<NodeRequest>(msg.data);
    } catch (error) {
      msg.respond(encode({ error: toWireError(badMessage(error)) }));
      return;
    }
    try {
      const instance = await this.#registry.createNode(type, request.params ?? {});
      if (request.op === 'open') {
        const session = this.#sessions.open(type, instance);
        msg.respond(encode({ session, worker: this.id }));
        return;
      }
      this.#unaryCalls++;
      try {
        const value = await instance.process(request.input);
        const flushed = await instance.flush?.();
        msg.respond(encode({ value, flushed, worker: this.id }));
      } finally {
        await instance.close?.();
      }
    } catch (error) {
      msg.respond(encode({ error: toWireError(error) }));
    }
  }

  async #onSessionRequest(
    subject: string,
    msg: { data: Uint8Array; respond(data: Uint8Array): boolean },
  ): Promise<void> {
    const sessionId = subject.slice(subject.lastIndexOf('.') + 1);
    let request: SessionRequest;
    try {
      request = decode<SessionRequest>(msg.data);
    } catch (error) {
      msg.respond(encode({ seq: -1, error: toWireError(badMessage(error)) }));
      return;
    }
    if (request.op === 'close') {
      await this.#sessions.close(sessionId).catch(() => undefined);
      msg.respond(encode({ closed: true }));
      return;
    }
    try {
      if (request.op === 'process') {
        const value = await this.#sessions.run(sessionId, (node) => node.process(request.value));
        msg.respond(encode({ seq: request.seq, value }));
      } else {
        const value = await this.#sessions.run(sessionId, (node) => node.flush?.());
        msg.respond(encode({ seq: request.seq, value, end: true }));
      }
    } catch (error) {
      msg.respond(encode({ seq: request.seq, error: toWireError(error) }));
    }
  }

  #addTypedEndpoint(typed: TypedEntry): void {
    this.#service?.addEndpoint(`method-${typed.method}`, {
      subject: subjects.method(typed.method),
      queue: subjects.queue(`m-${typed.method}`),
      handler: (error, msg) => {
        if (error !== null) return;
        void (async () => {
          try {
            const request = decode(msg.data);
            assertMatches(typed.schemas.request, request, 'request', typed.method);
            const response = await typed.handler(request);
            assertMatches(typed.schemas.response, response, 'response', typed.method);
            msg.respond(encode({ value: response }));
          } catch (failure) {
            msg.respond(encode({ error: toWireError(failure) }));
          }
        })();
      },
    });
  }

  #installSignals(): void {
    const handler = () => {
      void this.drain();
    };
    this.#signalHandler = handler;
    process.once('SIGTERM', handler);
    process.once('SIGINT', handler);
  }

  #removeSignals(): void {
    if (this.#signalHandler === undefined) return;
    process.off('SIGTERM', this.#signalHandler);
    process.off('SIGINT', this.#signalHandler);
  }
}

function badMessage(error: unknown): RemoteMediaError {
  return new RemoteMediaError(
    'ERR_INVALID_INPUT',
    `the request is not a valid msgpack message: ${(error as Error).message}`,
  );
}
