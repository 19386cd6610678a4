// What a RemoteNode needs from the client that made it: sessions opened and released on a
// worker, the connection their calls go over, and where to report a worker that went silent.
import type { NatsConnection } from '@nats-io/transport-node';
import type { Tags } from '../tags.js';

/** An open worker session. */
export interface SessionHandle {
  workerId: string;
  sessionId: string;
  subject: string;
  /** 'Type on worker id', for messages. */
  where: string;
}

export interface SessionHost {
  readonly connection: NatsConnection;
  /** Default timeout of session calls, ms. */
  readonly callTimeoutMs: number;
  readonly router: { suspect(workerId: string | undefined): void };
  openSession(type: string, params: Record<string, unknown>, tags: Tags): Promise<SessionHandle>;
  releaseSession(session: SessionHandle): Promise<void>;
}
