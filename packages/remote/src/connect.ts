// One place that turns our options (and REMOTEMEDIA_NATS_* env) into a NATS connection.
// Credentials are passed through, never logged.

import { connect, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { RemoteMediaError, redactCredentials, redactError } from '@remotemedia/errors';

export interface ConnectionOptions {
  /** NATS URLs. @default process.env.REMOTEMEDIA_NATS_URL ?? 'nats://127.0.0.1:4222' */
  servers?: string | string[];
  /** Connection name shown by the server. */
  name?: string;
  /** @default process.env.REMOTEMEDIA_NATS_USER */
  user?: string;
  /** @default process.env.REMOTEMEDIA_NATS_PASSWORD */
  pass?: string;
  /** @default process.env.REMOTEMEDIA_NATS_TOKEN */
  token?: string;
  /** Passed to the NATS client as is (ca/cert/key files, handshakeFirst...). */
  tls?: NodeConnectionOptions['tls'];
  /** Delay between reconnect attempts, ms. @default 250 */
  reconnectTimeWaitMs?: number;
}

export async function openConnection(options: ConnectionOptions): Promise<NatsConnection> {
  const env = process.env;
  const servers = options.servers ?? env.REMOTEMEDIA_NATS_URL ?? 'nats://127.0.0.1:4222';
  const user = options.user ?? env.REMOTEMEDIA_NATS_USER;
  const pass = options.pass ?? env.REMOTEMEDIA_NATS_PASSWORD;
  const token = options.token ?? env.REMOTEMEDIA_NATS_TOKEN;
  try {
    return await connect({
      servers,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(user === undefined ? {} : { user }),
      ...(pass === undefined ? {} : { pass }),
      ...(token === undefined ? {} : { token }),
      ...(options.tls === undefined ? {} : { tls: options.tls }),
      // Keep trying through a server restart; calls have their own timeouts meanwhile.
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectTimeWaitMs ?? 250,
    });
  } catch (error) {
    // A server URL may carry a user and password or a token: never in the message.
    const where = redactCredentials(Array.isArray(servers) ? servers.join(', ') : servers);
    throw new RemoteMediaError(
      'ERR_TRANSPORT',
      `cannot connect to NATS at ${where}: ${redactCredentials((error as Error).message)}; check the URL, that nats-server runs, and the credentials`,
      { retryable: true, cause: redactError(error) },
    );
  }
}
