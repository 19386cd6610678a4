// The generated loader behind ERR_NATIVE_BINDING errors that say what to do.
import { createRequire } from 'node:module';
import { loadNativeBinding } from '@remotemedia/native';

export type Binding = typeof import('../binding.cjs');

export const binding = loadNativeBinding<Binding>(
  () => createRequire(import.meta.url)('../binding.cjs'),
  { packageName: '@remotemedia/node-denoise' },
);
