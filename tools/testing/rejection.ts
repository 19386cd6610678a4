// The error a promise rejects with, for tests of coded failures.
import { isRemoteMediaError, type RemoteMediaError } from '@remotemedia/errors';

/** The RemoteMediaError `promise` rejects with; fails the test on anything else or on success. */
export async function rejection(promise: Promise<unknown>): Promise<RemoteMediaError> {
  try {
    await promise;
  } catch (error) {
    if (isRemoteMediaError(error)) return error;
    throw new Error(`expected a RemoteMediaError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/**
 * The code of the RemoteMediaError `run` throws, or undefined when it returns; fails the test
 * when it throws anything else.
 */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isRemoteMediaError(error)) return error.code;
    throw new Error(`expected a RemoteMediaError, got ${String(error)}`, { cause: error });
  }
  return undefined;
}
