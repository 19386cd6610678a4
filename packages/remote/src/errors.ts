// Error mapping at the wire: what a worker sends for a failure, and what the caller gets back
// (ERR_REMOTE with the remote code as `cause`, ERR_TRANSPORT, ERR_TIMEOUT).

import { errors as natsErrors } from '@nats-io/transport-node';
import { isRemoteMediaError, RemoteMediaError } from '@remotemedia/errors';

/** An error as it travels from a worker to a caller. */
export interface WireError {
  code: string;
  message: string;
  retryable?: boolean;
}

export function toWireError(error: unknown): WireError {
  if (isRemoteMediaError(error)) {
    return { code: error.code, message: error.message, retryable: error.retryable };
  }
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: typeof code === 'string' && code.startsWith('ERR_') ? code : 'ERR_INTERNAL',
    message,
  };
}

/**
 * The caller's error for a remote application failure: code ERR_REMOTE, and `cause` a
 * RemoteMediaError with the remote code and message (see `remoteCause`).
 */
export function remoteError(wire: WireError, where: string): RemoteMediaError {
  const cause = new RemoteMediaError(wire.code as never, wire.message, {
    retryable: wire.retryable === true,
  });
  return new RemoteMediaError('ERR_REMOTE', `${where} failed with ${wire.code}: ${wire.message}`, {
    retryable: wire.retryable === true,
    cause,
  });
}

/** The remote code and message of an ERR_REMOTE error (undefined for other errors). */
export function remoteCause(error: unknown): { code: string; message: string } | undefined {
  if (!isRemoteMediaError(error, 'ERR_REMOTE')) return undefined;
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code !== 'string') return undefined;
  return { code: cause.code, message: String(cause.message) };
}

export function transportError(message: string, cause?: unknown): RemoteMediaError {
  return new RemoteMediaError('ERR_TRANSPORT', message, { retryable: true, cause });
}

export function timeoutError(message: string): RemoteMediaError {
  return new RemoteMediaError('ERR_TIMEOUT', message, { retryable: true });
}

/** Maps an error thrown by the NATS client during a request to our codes. */
export function fromRequestError(
  error: unknown,
  where: string,
  timeoutMs: number,
): RemoteMediaError {
  if (isRemoteMediaError(error)) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (error instanceof natsErrors.TimeoutError || cause instanceof natsErrors.TimeoutError) {
    return timeoutError(
      `${where}: no reply within ${timeoutMs} ms; the worker may be overloaded or gone`,
    );
  }
  if (
    error instanceof natsErrors.NoRespondersError ||
    cause instanceof natsErrors.NoRespondersError
  ) {
    return transportError(
      `${where}: no worker is listening (it stopped or crashed); start a worker or retry`,
      error,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return transportError(`${where}: ${message}`, error);
}
