// The messages between callers and workers (msgpack-encoded, see codec.ts).
import { RemoteMediaError } from '@remotemedia/errors';
import { decode } from './codec.js';
import type { WireError } from './errors.js';

/** To a node endpoint: open a session, or run one unary call (process, then flush). */
export type NodeRequest =
  | { op: 'open'; params: Record<string, unknown> }
  | { op: 'call'; params: Record<string, unknown>; input: unknown };

export type OpenReply = { session: string; worker: string } | { error: WireError };
export type CallReply =
  | { value?: unknown; flushed?: unknown; worker: string }
  | { error: WireError };

/** To a session subject. */
export type SessionRequest =
  | { op: 'process'; seq: number; value: unknown }
  | { op: 'flush'; seq: number }
  | { op: 'close' };

/** From a session: one reply per request, in order. `end` marks the flush reply. */
export type SessionReply =
  | { seq: number; value?: unknown; end?: true }
  | { seq: number; error: WireError }
  | { closed: true };

export function isErrorReply(reply: object): reply is { error: WireError } {
  return 'error' in reply && (reply as { error?: unknown }).error !== undefined;
}

/** Decodes a request a worker received; a message that is not msgpack is ERR_INVALID_INPUT. */
export function decodeRequest<T>(data: Uint8Array): T {
  try {
    return decode<T>(data);
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `the request is not a valid msgpack message: ${(error as Error).message}`,
    );
  }
}
