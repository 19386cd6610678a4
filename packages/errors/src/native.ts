import { isErrorCode } from './codes.js';
import { RemoteMediaError } from './remote-media-error.js';

// Native crates report errors as "ERR_CODE: message" (one encoding that works for sync calls and
// async tasks alike); this turns them back into RemoteMediaError.
const CODED = /^(ERR_[A-Z_]+): ([\s\S]*)$/;

/** Converts anything thrown by a native binding into a RemoteMediaError with a stable code. */
export function fromNativeError(error: unknown): RemoteMediaError {
  if (error instanceof RemoteMediaError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const match = CODED.exec(message);
  if (match?.[1] !== undefined && isErrorCode(match[1])) {
    return new RemoteMediaError(match[1], match[2] ?? '', { cause: error });
  }
  if (/panic/i.test(message)) {
    return new RemoteMediaError(
      'ERR_NATIVE_PANIC',
      `native code panicked: ${message}. The call failed but the process is intact; please report this bug`,
      { cause: error },
    );
  }
  // napi argument conversion failures (a wrong typed array kind, a missing argument).
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'InvalidArg' || code === 'NumberExpected' || code === 'ObjectExpected') {
    return new RemoteMediaError('ERR_INVALID_INPUT', message, { cause: error });
  }
  return new RemoteMediaError('ERR_INTERNAL', message, { cause: error });
}
