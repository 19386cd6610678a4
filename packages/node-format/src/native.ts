// This package's addon, loaded by the one loader of @remotemedia/native (ERR_NATIVE_BINDING that
// says what to do), and a caller that turns every native error into a RemoteMediaError with a code.
import { loadNativeAddon, nativeCaller } from '@remotemedia/native';

/** The addon's exports, typed by `napi build` (binding.d.cts). */
export type Binding = typeof import('../binding.cjs');

export const binding = loadNativeAddon<Binding>(new URL('..', import.meta.url));

export const { call: callNative, callAsync: callNativeAsync } = nativeCaller(binding);
