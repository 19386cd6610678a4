// This package's addon, loaded by the one loader of @remotemedia/native (ERR_NATIVE_BINDING that
// says what to do). Written by the generator; do not edit.
import { loadNativeAddon } from '@remotemedia/native';

/** The addon's exports, typed by `napi build` (binding.d.cts). */
export type Binding = typeof import('../binding.cjs');

export const binding = loadNativeAddon<Binding>(new URL('..', import.meta.url));
