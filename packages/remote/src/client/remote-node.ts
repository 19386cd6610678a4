// A NodeInstance whose calls run in a session on a remote worker, for the executor: a lost or
// silent worker fails the call with a retryable code and the next call opens a new session
// (on another worker, when one is there), so the executor's retry policy carries over.
import type { NodeInstance } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { decode, encode } from '../codec.js';
import { fromRequestError, remoteError } from '../errors.js';
import { isErrorReply, type SessionReply } from '../protocol.js';
import type { SessionHandle, SessionHost } from './session.js';

export class RemoteNode implements NodeInstance {
  readonly #client: SessionHost;
  readonly #type: string;
  readonly #params: Record<string, unknown>;
  readonly #tags: Record<string, string>;
  #session: Promise<SessionHandle> | undefined;
  #seq = 0;
  #closed = false;

  constructor(
    client: SessionHost,
    type: string,
    params: Record<string, unknown>,
    tags: Record<string, string>,
  ) {
    this.#client = client;
    this.#type = type;
    this.#params = params;
    this.#tags = tags;
  }

  /** Opens the worker session (otherwise the first call does). */
  async open(): Promise<void> {
    this.#session ??= this.#client.openSession(this.#type, this.#params, this.#tags);
    await this.#session.catch((error: unknown) => {
      this.#session = undefined;
      throw error;
    });
  }

  process(input: unknown): Promise<unknown> {
    return this.#call({ op: 'process', seq: this.#seq++, value: input });
  }

  flush(): Promise<unknown> {
    return this.#call({ op: 'flush', seq: this.#seq++ });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const session = await this.#session?.catch(() => undefined);
    this.#session = undefined;
    if (session !== undefined) await this.#client.releaseSession(session);
  }

  async #call(request: object): Promise<unknown> {
    if (this.#closed) {
      throw new RemoteMediaError('ERR_CLOSED', `remote node '${this.#type}' is closed`);
    }
    this.#session ??= this.#client.openSession(this.#type, this.#params, this.#tags);
    const session = await this.#session.catch((error: unknown) => {
      this.#session = undefined;
      throw error;
    });
    const timeout = this.#client.callTimeoutMs;
    let reply: SessionReply;
    try {
      const msg = await this.#client.connection.request(session.subject, encode(request), {
        timeout,
      });
      reply = decode<SessionReply>(msg.data);
    } catch (error) {
      // The worker is gone or stuck: forget the session so a retry opens a new one elsewhere.
      this.#session = undefined;
      this.#client.router.suspect(session.workerId);
      throw fromRequestError(error, session.where, timeout);
    }
    if (isErrorReply(reply)) {
      if (reply.error.code === 'ERR_CLOSED') this.#session = undefined;
      throw remoteError(reply.error, session.where);
    }
    return 'value' in reply ? reply.value : undefined;
  }
}
