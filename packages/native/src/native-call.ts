// Every call into a kit binding goes through here, so its errors reach JS with their code.
import { fromNativeError } from '@remotemedia/errors';

/** A native call whose error comes back as a RemoteMediaError with the code Rust set. */
export function native<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw fromNativeError(error);
  }
}
