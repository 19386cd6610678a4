// A worker's reply, decoded on the client side. Bytes that are not a valid message mean the peer
// or the link is broken, not that the caller's input was wrong: ERR_TRANSPORT, retryable.
import { decode } from '../codec.js';
import { transportError } from '../errors.js';

export function decodeReply<T>(bytes: Uint8Array, where: string): T {
  try {
    return decode<T>(bytes);
  } catch (error) {
    throw transportError(
      `${where}: the worker's reply is not a valid message (${(error as Error).message})`,
      error,
    );
  }
}
