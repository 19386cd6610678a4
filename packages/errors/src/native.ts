import { isErrorCode } from './codes.js';
import { RemoteMediaError } from './remote-media-error.js';

// napi-rs argument conversion failures: the call's arguments were of the wrong kind.
const ARGUMENT_CODES = new Set(['InvalidArg', 'NumberExpected', 'ObjectExpected']);

/**
 * Anything thrown (by a native binding, a node, a provider) as a RemoteMediaError, decided by its
 * data only: a RemoteMediaError stays itself; an error whose `code` is one of ours (native
 * bindings set it, see crates/napi-support) gets that code; a napi argument error is
 * ERR_INVALID_INPUT; anything else is ERR_INTERNAL with the original as `cause` and its message
 * unchanged. The wording of a message never decides the code.
 */
export function fromNativeError(error: unknown): RemoteMediaError {
  if (error instanceof RemoteMediaError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (isErrorCode(code)) return new RemoteMediaError(code, message, { cause: error });
  if (typeof code === 'string' && ARGUMENT_CODES.has(code)) {
    return new RemoteMediaError('ERR_INVALID_INPUT', message, { cause: error });
  }
  return new RemoteMediaError('ERR_INTERNAL', message, { cause: error });
}
