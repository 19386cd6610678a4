// This package's addon, loaded by the one loader of @remotemedia/native (ERR_NATIVE_BINDING that
// says what to do), and a caller that turns every native error into a RemoteMediaError with a code.
import { fileURLToPath } from 'node:url';
import { loadNativeAddon, nativeCaller } from '@remotemedia/native';

/** The addon's exports, typed by `napi build` (binding.d.cts). */
export type Binding = typeof import('../binding.cjs');

export const binding = loadNativeAddon<Binding>(new URL('..', import.meta.url));

export const { call: callNative, callAsync: callNativeAsync } = nativeCaller(binding);

/**
 * The Silero weights, shipped once in this package (not in each platform binary; the build copies
 * them from crates/silero/model). Native code reads the file when the first Silero engine is made.
 */
export const SILERO_MODEL_FILE = fileURLToPath(
  new URL('../model/silero_vad_v6.bin', import.meta.url),
);
binding.setSileroModelFile(SILERO_MODEL_FILE);
