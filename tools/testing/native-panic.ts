// Shared by every native package's panic test: the `test-panic` build of the addon exports
// `testPanic(message)`; calling it must give ERR_NATIVE_PANIC carrying the message, not an abort.
import { fromNativeError, type RemoteMediaError } from '@remotemedia/errors';
import { loadNativeAddon } from '@remotemedia/native';
import { expect } from 'vitest';

/** Loads the addon in `<package>/test/.addon`, built by the package's `build:test-addon` script. */
export function loadTestAddon<T>(testFileUrl: string): T & { testPanic(message: string): void } {
  return loadNativeAddon(new URL('..', testFileUrl), { addonDir: 'test/.addon' });
}

/** Triggers the deliberate panic and checks that it came back as ERR_NATIVE_PANIC. */
export function expectPanicIsCoded(addon: { testPanic(message: string): void }): RemoteMediaError {
  let caught: RemoteMediaError | undefined;
  try {
    addon.testPanic('deliberate test panic');
  } catch (error) {
    caught = fromNativeError(error);
  }
  expect(caught).toMatchObject({ code: 'ERR_NATIVE_PANIC' });
  expect(caught?.message).toMatch(/deliberate test panic/);
  return caught as RemoteMediaError;
}
