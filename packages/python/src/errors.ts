// Error frames and worker failures as RemoteMediaError, always with the Python side's story.
import { type ErrorCode, isErrorCode, RemoteMediaError } from '@remotemedia/errors';

/** The exception a Python node raised (the `cause` of the RemoteMediaError). */
export class PythonException extends Error {
  /** Python exception class name, e.g. 'ValueError'. */
  readonly pythonType: string;
  /** `traceback.format_exc()` text; empty for errors raised by the worker itself. */
  readonly traceback: string;

  constructor(pythonType: string, message: string, traceback: string) {
    super(message);
    this.name = 'PythonException';
    this.pythonType = pythonType;
    this.traceback = traceback;
  }
}

// Codes a worker may send; anything else becomes ERR_INTERNAL.
const FROM_WORKER = new Set<ErrorCode>([
  'ERR_INVALID_INPUT',
  'ERR_INVALID_PARAM',
  'ERR_NODE_NOT_FOUND',
  'ERR_CLOSED',
  'ERR_TRANSPORT',
  'ERR_INTERNAL',
]);

/** `what`: the call that failed, e.g. 'PyGain.process'. */
export function fromErrorFrame(header: Record<string, unknown>, what: string): RemoteMediaError {
  const raw = header.code;
  const code: ErrorCode = isErrorCode(raw) && FROM_WORKER.has(raw) ? raw : 'ERR_INTERNAL';
  const etype = String(header.etype ?? 'Exception');
  const message = String(header.message ?? '');
  const traceback = String(header.traceback ?? '');
  const text = `${what} raised ${etype}: ${message}${traceback ? `\nPython traceback:\n${traceback.trimEnd()}` : ''}`;
  return new RemoteMediaError(code, text, {
    retryable: code === 'ERR_TRANSPORT',
    cause: new PythonException(etype, message, traceback),
  });
}

export function tail(stderr: string): string {
  const trimmed = stderr.trimEnd();
  return trimmed
    ? `\nworker stderr (last lines):\n${trimmed.split('\n').slice(-20).join('\n')}`
    : '';
}
