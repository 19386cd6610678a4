// The generated loader behind ERR_NATIVE_BINDING errors that say what to do, and a caller that
// turns every native error into a RemoteMediaError with a code.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadNativeBinding, nativeCaller } from '@remotemedia/native';

export type Binding = typeof import('../binding.cjs');

export const binding = loadNativeBinding<Binding>(
  () => createRequire(import.meta.url)('../binding.cjs'),
  {
    packageName: '@remotemedia/node-vad',
  },
);

export const { call: callNative, callAsync: callNativeAsync } = nativeCaller(binding);

/**
 * The Silero weights, shipped once in this package (not in each platform binary; the build copies
 * them from crates/silero/model). Native code reads the file when the first Silero engine is made.
 */
export const SILERO_MODEL_FILE = fileURLToPath(
  new URL('../model/silero_vad_v6.bin', import.meta.url),
);
binding.setSileroModelFile(SILERO_MODEL_FILE);
