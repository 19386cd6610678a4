// The generated loader, wrapped so that every native error becomes a RemoteMediaError with a code.
import { fromNativeError } from '@remotemedia/errors';
import binding from '../binding.cjs';

export type Binding = typeof binding;

/** Calls into the native binding; a thrown error comes back as a RemoteMediaError. */
export function callNative<T>(call: (native: Binding) => T): T {
  try {
    return call(binding);
  } catch (error) {
    throw fromNativeError(error);
  }
}

/** Async variant of {@link callNative} for `AsyncTask` exports. */
export async function callNativeAsync<T>(call: (native: Binding) => Promise<T>): Promise<T> {
  try {
    return await call(binding);
  } catch (error) {
    throw fromNativeError(error);
  }
}
