// A bidirectional stream over one worker session: `send` frames in (bounded window =
// backpressure), iterate `outputs`, `end()` to flush, `abort()` or dispose to tear both
// directions down and release the worker's session.
import { createInbox, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { RemoteMediaError } from '@remotemedia/errors';
import { encode } from '../codec.js';
import { remoteError, timeoutError, transportError } from '../errors.js';
import { isErrorReply, type SessionReply } from '../protocol.js';
import { decodeReply } from './reply.js';

export interface BidiStreamOptions {
  /** Fail when the worker owes a reply and nothing arrives for this long, ms. */
  idleTimeoutMs: number;
  /** Inputs in flight before `send` waits. */
  window: number;
  signal?: AbortSignal | undefined;
  /** Called once the session is released. */
  onRelease?: () => void;
}

/** Releases the worker session of a stream its caller dropped without closing it. */
const orphans = new FinalizationRegistry<() => void>((release) => release());

export class BidiStream<In = unknown, Out = unknown> implements AsyncDisposable {
  readonly workerId: string;
  readonly sessionId: string;
  readonly #nc: NatsConnection;
  readonly #subject: string;
  readonly #where: string;
  readonly #options: BidiStreamOptions;
  readonly #inbox: Subscription;
  readonly #outputs: Out[] = [];
  #seq = 0;
  #inFlight = 0;
  #ending = false;
  #ended = false;
  #failure: RemoteMediaError | undefined;
  #released: Promise<void> | undefined;
  #idle: NodeJS.Timeout | undefined;
  #wakeReader: (() => void) | undefined;
  #wakeSender: (() => void) | undefined;
  readonly #onAbort = () => this.abort();
  readonly #token = {};

  constructor(
    nc: NatsConnection,
    session: { workerId: string; sessionId: string; subject: string; where: string },
    options: BidiStreamOptions,
  ) {
    this.#nc = nc;
    this.workerId = session.workerId;
    this.sessionId = session.sessionId;
    this.#subject = session.subject;
    this.#where = session.where;
    this.#options = options;
    this.#inbox = nc.subscribe(createInbox(), {
      callback: (error, msg) => this.#onReply(error, msg.data, msg.headers?.code),
    });
    options.signal?.addEventListener('abort', this.#onAbort, { once: true });
    const subject = this.#subject;
    orphans.register(
      this,
      () => {
        if (!nc.isClosed()) nc.publish(subject, encode({ op: 'close' }));
      },
      this.#token,
    );
  }

  /** Sends one input; waits while `window` inputs are unanswered. Rejects once the stream failed. */
  async send(value: In): Promise<void> {
    while (this.#failure === undefined && this.#inFlight >= this.#options.window) {
      await new Promise<void>((resolve) => {
        this.#wakeSender = resolve;
      });
    }
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#ending) {
      throw new RemoteMediaError('ERR_CLOSED', `${this.#where}: send() after end()`);
    }
    this.#inFlight++;
    this.#nc.publish(this.#subject, encode({ op: 'process', seq: this.#seq++, value }), {
      reply: this.#inbox.getSubject(),
    });
    this.#armIdle();
  }

  /** No more inputs: the worker flushes, `outputs` ends after the flushed values. */
  end(): void {
    if (this.#ending || this.#failure !== undefined) return;
    this.#ending = true;
    this.#inFlight++;
    this.#nc.publish(this.#subject, encode({ op: 'flush', seq: this.#seq++ }), {
      reply: this.#inbox.getSubject(),
    });
    this.#armIdle();
  }

  /** Outputs in order; throws ERR_TIMEOUT, ERR_TRANSPORT, ERR_REMOTE or ERR_ABORTED. */
  async *outputs(): AsyncGenerator<Out, void, undefined> {
    try {
      while (true) {
        const next = this.#outputs.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (this.#failure !== undefined) throw this.#failure;
        if (this.#ended) return;
        await new Promise<void>((resolve) => {
          this.#wakeReader = resolve;
        });
      }
    } finally {
      if (!this.#ended && this.#failure === undefined) this.abort();
      await this.#release();
    }
  }

  /** Aborts both directions and releases the worker's session. Idempotent. */
  abort(reason?: unknown): void {
    if (this.#failure !== undefined || this.#ended) {
      void this.#release();
      return;
    }
    this.#fail(
      new RemoteMediaError('ERR_ABORTED', `${this.#where}: the stream was aborted`, {
        cause: reason,
      }),
    );
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.abort();
    await this.#release();
  }

  #onReply(error: Error | null, data: Uint8Array, status: number | undefined): void {
    if (this.#failure !== undefined || this.#ended) return;
    if (error !== null || (data.length === 0 && status === 503)) {
      this.#fail(
        transportError(
          `${this.#where}: the worker's session is gone (worker stopped or crashed)`,
          error,
        ),
      );
      return;
    }
    let reply: SessionReply;
    try {
      reply = decodeReply<SessionReply>(data, this.#where);
    } catch (failure) {
      this.#fail(failure as RemoteMediaError);
      return;
    }
    if (isErrorReply(reply)) {
      this.#fail(remoteError(reply.error, this.#where));
      return;
    }
    if ('closed' in reply) return;
    this.#inFlight--;
    if (reply.value !== undefined && reply.value !== null) this.#outputs.push(reply.value as Out);
    if (reply.end === true) {
      this.#ended = true;
      this.#stopIdle();
    } else if (this.#inFlight > 0) this.#armIdle();
    else this.#stopIdle();
    this.#wake();
  }

  /** Fails every waiter; called on timeout, transport loss, remote error or abort. */
  fail(error: RemoteMediaError): void {
    if (this.#failure === undefined && !this.#ended) this.#fail(error);
  }

  #fail(error: RemoteMediaError): void {
    this.#failure = error;
    this.#outputs.length = 0;
    this.#stopIdle();
    this.#wake();
    void this.#release();
  }

  #wake(): void {
    const reader = this.#wakeReader;
    const sender = this.#wakeSender;
    this.#wakeReader = undefined;
    this.#wakeSender = undefined;
    reader?.();
    sender?.();
  }

  #armIdle(): void {
    this.#stopIdle();
    this.#idle = setTimeout(() => {
      this.#fail(
        timeoutError(
          `${this.#where}: nothing from worker ${this.workerId} for ${this.#options.idleTimeoutMs} ms (idle timeout); the worker may be gone or stuck`,
        ),
      );
    }, this.#options.idleTimeoutMs);
  }

  #stopIdle(): void {
    if (this.#idle !== undefined) clearTimeout(this.#idle);
    this.#idle = undefined;
  }

  #release(): Promise<void> {
    this.#released ??= this.#doRelease();
    return this.#released;
  }

  async #doRelease(): Promise<void> {
    orphans.unregister(this.#token);
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    this.#inbox.unsubscribe();
    this.#options.onRelease?.();
    if (this.#nc.isClosed()) return;
    // Tell the worker to drop the session; a dead worker has nothing to release.
    await this.#nc
      .request(this.#subject, encode({ op: 'close' }), {
        timeout: Math.min(2000, this.#options.idleTimeoutMs),
      })
      .catch(() => undefined);
  }
}
