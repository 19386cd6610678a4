// The caller side: unary calls, streams and bidirectional streams with default timeouts,
// typed methods, discovery look-ups, and the remote runtime core's registry uses for
// `.remote()` types and manifest nodes placed remote.
import type { NatsConnection } from '@nats-io/transport-node';
import type {
  NodeInstance,
  RemoteCreateOptions,
  RemoteRuntimeProvider,
} from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import type { Static, TSchema } from 'typebox';
import { decode, encode } from '../codec.js';
import { type ConnectionOptions, openConnection } from '../connect.js';
import {
  DEFAULT_BUCKET,
  DEFAULT_ENTRY_TTL_MS,
  type DiscoveryStore,
  openDiscovery,
  type WorkerAnnouncement,
} from '../discovery.js';
import { fromRequestError, remoteError, transportError } from '../errors.js';
import { type CallReply, isErrorReply, type OpenReply } from '../protocol.js';
import { subjects } from '../subjects.js';
import { checkTags, type Tags } from '../tags.js';
import { assertMatches, checkMethodName } from '../typed.js';
import { BidiStream } from './bidi.js';
import { RemoteNode } from './remote-node.js';
import { Router } from './route.js';
import type { SessionHandle, SessionHost } from './session.js';

export interface ClientOptions extends ConnectionOptions {
  /** Default idle timeout of streams: fail when the worker owes a reply this long, ms. @default 10000 */
  idleTimeoutMs?: number;
  /** Default timeout of unary calls and session calls, ms. @default 10000 */
  callTimeoutMs?: number;
  /** Default inputs in flight per stream before `send` waits. @default 16 */
  window?: number;
  /** KV bucket of the discovery store. @default 'remotemedia_workers' */
  bucket?: string;
}

export interface CallOptions {
  params?: Record<string, unknown>;
  /** Only workers with every one of these tags. */
  tags?: Tags;
  timeoutMs?: number;
}

export interface StreamCallOptions {
  params?: Record<string, unknown>;
  tags?: Tags;
  /** Overrides the client's idle timeout for this stream. */
  idleTimeoutMs?: number;
  window?: number;
  signal?: AbortSignal;
}

export class RemoteClient implements RemoteRuntimeProvider, SessionHost {
  readonly connection: NatsConnection;
  readonly router: Router;
  readonly idleTimeoutMs: number;
  readonly callTimeoutMs: number;
  readonly #window: number;
  readonly #bucket: string;
  readonly #streams = new Set<BidiStream>();
  #discovery: Promise<DiscoveryStore> | undefined;
  #closed = false;

  private constructor(nc: NatsConnection, options: ClientOptions) {
    this.connection = nc;
    this.idleTimeoutMs = positive(options.idleTimeoutMs ?? 10_000, 'idleTimeoutMs');
    this.callTimeoutMs = positive(options.callTimeoutMs ?? 10_000, 'callTimeoutMs');
    this.#window = positive(options.window ?? 16, 'window');
    this.#bucket = options.bucket ?? DEFAULT_BUCKET;
    this.router = new Router(() => this.#openDiscovery(), DEFAULT_ENTRY_TTL_MS);
    void this.#watchStatus();
  }

  static async connect(options: ClientOptions = {}): Promise<RemoteClient> {
    return new RemoteClient(
      await openConnection({ name: 'remotemedia-client', ...options }),
      options,
    );
  }

  /** One input through a fresh instance of `type` on some worker (process, then flush). */
  async call(type: string, input: unknown, options: CallOptions = {}): Promise<unknown> {
    const tags = checkTags(options.tags);
    const route = await this.router.route(type, tags);
    const timeout = options.timeoutMs ?? this.callTimeoutMs;
    const where = `${type}${route.workerId === undefined ? '' : ` on worker ${route.workerId}`}`;
    const reply = await this.#request<CallReply>(
      route.subject,
      { op: 'call', params: options.params ?? {}, input },
      where,
      timeout,
      route.workerId,
    );
    if (isErrorReply(reply)) throw remoteError(reply.error, where);
    return reply.value;
  }

  /** A bidirectional stream: `{ send, end, outputs, abort }`, disposable with `await using`. */
  async openStream<In = unknown, Out = unknown>(
    type: string,
    options: StreamCallOptions = {},
  ): Promise<BidiStream<In, Out>> {
    const session = await this.openSession(type, options.params ?? {}, checkTags(options.tags));
    const stream = new BidiStream<In, Out>(this.connection, session, {
      idleTimeoutMs: positive(options.idleTimeoutMs ?? this.idleTimeoutMs, 'idleTimeoutMs'),
      window: positive(options.window ?? this.#window, 'window'),
      signal: options.signal,
      onRelease: () => this.#streams.delete(stream as BidiStream),
    });
    this.#streams.add(stream as BidiStream);
    return stream;
  }

  /** Every value of `source` through one remote session; yields the outputs, then the flushed ones. */
  async *stream<In = unknown, Out = unknown>(
    type: string,
    source: AsyncIterable<In> | Iterable<In>,
    options: StreamCallOptions = {},
  ): AsyncGenerator<Out, void, undefined> {
    await using stream = await this.openStream<In, Out>(type, options);
    const pump = (async () => {
      try {
        for await (const value of source) await stream.send(value);
        stream.end();
      } catch (error) {
        stream.abort(error);
      }
    })();
    yield* stream.outputs();
    await pump;
  }

  /** Calls a typed method; the response is checked against `response` when given. */
  async callTyped<R extends TSchema>(
    method: string,
    request: unknown,
    options: { response?: R; timeoutMs?: number } = {},
  ): Promise<Static<R>> {
    const timeout = options.timeoutMs ?? this.callTimeoutMs;
    const reply = await this.#request<{ value: unknown } | { error: never }>(
      subjects.method(checkMethodName(method)),
      request,
      method,
      timeout,
      undefined,
    );
    if (isErrorReply(reply)) throw remoteError(reply.error, method);
    if (options.response !== undefined)
      assertMatches(options.response, reply.value, 'response', method);
    return reply.value as Static<R>;
  }

  /** Live workers from the discovery store. */
  async workers(): Promise<WorkerAnnouncement[]> {
    return (await this.#openDiscovery()).list();
  }

  /** RemoteRuntimeProvider: a node instance whose calls run on a worker with `tags`. */
  async create(
    type: string,
    params: Record<string, unknown>,
    options: RemoteCreateOptions,
  ): Promise<NodeInstance> {
    const node = new RemoteNode(this, type, params, checkTags(options.tags));
    // Open the session now so bad params or a missing worker fail at pipeline creation.
    await node.open();
    return node;
  }

  /** Opens a session of `type` on a worker (by queue group, or chosen by tags). */
  async openSession(
    type: string,
    params: Record<string, unknown>,
    tags: Tags,
  ): Promise<SessionHandle> {
    const route = await this.router.route(type, tags);
    const target = `${type}${route.workerId === undefined ? '' : ` on worker ${route.workerId}`}`;
    const reply = await this.#request<OpenReply>(
      route.subject,
      { op: 'open', params },
      target,
      this.callTimeoutMs,
      route.workerId,
    );
    if (isErrorReply(reply)) throw remoteError(reply.error, target);
    return {
      workerId: reply.worker,
      sessionId: reply.session,
      subject: subjects.session(reply.worker, reply.session),
      where: `${type} on worker ${reply.worker}`,
    };
  }

  /** Closes a session (best effort: a dead worker has nothing to release). */
  async releaseSession(session: SessionHandle): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection
      .request(session.subject, encode({ op: 'close' }), {
        timeout: Math.min(2000, this.callTimeoutMs),
      })
      .catch(() => undefined);
  }

  /** Aborts open streams and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const stream of this.#streams) stream.abort();
    await this.connection.drain().catch(() => undefined);
  }

  async #request<T>(
    subject: string,
    body: unknown,
    where: string,
    timeout: number,
    workerId: string | undefined,
  ): Promise<T> {
    if (this.#closed) throw new RemoteMediaError('ERR_CLOSED', 'the remote client is closed');
    try {
      const msg = await this.connection.request(subject, encode(body), { timeout });
      return decode<T>(msg.data);
    } catch (error) {
      this.router.suspect(workerId);
      throw fromRequestError(error, where, timeout);
    }
  }

  #openDiscovery(): Promise<DiscoveryStore> {
    this.#discovery ??= openDiscovery(this.connection, this.#bucket).catch((error: unknown) => {
      this.#discovery = undefined;
      throw error;
    });
    return this.#discovery;
  }

  async #watchStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type !== 'disconnect') continue;
      // Replies to open streams may be lost while disconnected: fail them now.
      for (const stream of this.#streams) {
        stream.fail(
          transportError(
            `lost the connection to NATS (${String(status.server)}); the stream cannot continue`,
          ),
        );
      }
      this.#streams.clear();
    }
  }
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${name} must be a positive number, got ${value}`,
    );
  }
  return value;
}
