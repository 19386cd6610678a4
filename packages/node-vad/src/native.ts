// The generated loader behind ERR_NATIVE_BINDING errors that say what to do, and a caller that
// turns every native error into a RemoteMediaError with a code.
import { createRequire } from 'node:module';
import { loadNativeBinding, nativeCaller } from '@remotemedia/native';

export type Binding = typeof import('../binding.cjs');

export const binding = loadNativeBinding<Binding>(
  () => createRequire(import.meta.url)('../binding.cjs'),
  {
    packageName: '@remotemedia/node-vad',
  },
);

export const { call: callNative, callAsync: callNativeAsync } = nativeCaller(binding);
