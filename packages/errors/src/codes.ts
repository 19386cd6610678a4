/**
 * Stable error codes. Code that handles errors matches on these, never on messages. Every code
 * native code throws (crates/audio `ErrorCode`) is here; a cargo test holds the two lists together.
 */
export const ErrorCodes = [
  'ERR_INVALID_PARAM',
  'ERR_INVALID_INPUT',
  'ERR_NODE_NOT_FOUND',
  'ERR_CYCLE',
  'ERR_MANIFEST',
  'ERR_TIMEOUT',
  'ERR_ABORTED',
  'ERR_CLOSED',
  'ERR_IO',
  'ERR_WORKER_CRASHED',
  'ERR_NATIVE_PANIC',
  'ERR_NATIVE_BINDING',
  'ERR_TRANSPORT',
  'ERR_REMOTE',
  'ERR_INTERNAL',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

const known = new Set<string>(ErrorCodes);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}
