import type { ErrorCode } from './codes.js';

/** Brand shared by every copy of this class (ESM and CJS builds, duplicated installs). */
const BRAND = Symbol.for('remotemedia.RemoteMediaError');

export interface RemoteMediaErrorOptions {
  /** The node (pipeline id) the error belongs to, when there is one. */
  nodeId?: string | undefined;
  /** True when trying the same call again may succeed (transient failures only). */
  retryable?: boolean | undefined;
  cause?: unknown;
}

/** The one error class of RemoteMedia: a stable `code`, a message that says what to do, `cause`. */
export class RemoteMediaError extends Error {
  readonly code: ErrorCode;
  readonly nodeId: string | undefined;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: RemoteMediaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RemoteMediaError';
    this.code = code;
    this.nodeId = options.nodeId;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof` that also holds across the ESM and CJS copies of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  /** A copy of this error attributed to a pipeline node. */
  withNode(nodeId: string): RemoteMediaError {
    if (this.nodeId === nodeId) return this;
    const copy = new RemoteMediaError(this.code, this.message, {
      nodeId,
      retryable: this.retryable,
      cause: this.cause,
    });
    if (this.stack !== undefined) copy.stack = this.stack;
    return copy;
  }

  toJSON(): {
    name: string;
    code: ErrorCode;
    message: string;
    nodeId?: string;
    retryable: boolean;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.nodeId === undefined ? {} : { nodeId: this.nodeId }),
      retryable: this.retryable,
    };
  }
}

export function isRemoteMediaError(value: unknown, code?: ErrorCode): value is RemoteMediaError {
  return value instanceof RemoteMediaError && (code === undefined || value.code === code);
}
