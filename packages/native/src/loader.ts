// Loading a package's native addon, and calling into it, with errors that say what to do.
import { fromNativeError, RemoteMediaError } from '@remotemedia/errors';

export interface NativePackageInfo {
  /** npm name of the package that owns the addon, e.g. '@remotemedia/node-vad'. */
  packageName: string;
}

/** The napi-rs platform suffix of this process, e.g. 'linux-x64-gnu', 'darwin-arm64', 'win32-x64-msvc'. */
export function platformSuffix(): string {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
    return `linux-${arch}-${report?.header?.glibcVersionRuntime ? 'gnu' : 'musl'}`;
  }
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** The error for an addon that cannot be loaded: platform, expected package, and the fixes. */
export function nativeBindingError(info: NativePackageInfo, cause: unknown): RemoteMediaError {
  const suffix = platformSuffix();
  const expected = `${info.packageName}-${suffix}`;
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new RemoteMediaError(
    'ERR_NATIVE_BINDING',
    [
      `${info.packageName} could not load its native binary for ${suffix} (Node ${process.versions.node}, N-API ${process.versions.napi}).`,
      `It comes from the optional dependency ${expected}, installed with ${info.packageName} on supported platforms.`,
      'To fix:',
      `  - reinstall without omitting optional dependencies (no --no-optional / --omit=optional): npm install ${info.packageName}`,
      '  - npm can skip optional dependencies when package-lock.json was written on another platform (npm bug 4828): delete node_modules and package-lock.json, then npm install',
      '  - if node_modules was copied from another OS or CPU, delete it and install on this machine',
      `  - on Linux, glibc and musl (Alpine) need different binaries: this process was detected as ${suffix.endsWith('musl') ? 'musl' : 'glibc'}`,
      `  - check that ${expected} exists for your platform; if not, build from source with Rust: npm run build:native in the package`,
      `Loader said: ${detail}`,
    ].join('\n'),
    { cause },
  );
}

/** Loads an addon through its generated loader; a failure becomes ERR_NATIVE_BINDING. */
export function loadNativeBinding<T>(load: () => T, info: NativePackageInfo): T {
  try {
    return load();
  } catch (error) {
    throw nativeBindingError(info, error);
  }
}

export interface NativeCaller<B> {
  /** Calls into the binding; a thrown error comes back as a RemoteMediaError with a code. */
  call<T>(fn: (native: B) => T): T;
  /** Same for `AsyncTask` exports that return promises. */
  callAsync<T>(fn: (native: B) => Promise<T>): Promise<T>;
}

export function nativeCaller<B>(binding: B): NativeCaller<B> {
  return {
    call(fn) {
      try {
        return fn(binding);
      } catch (error) {
        throw fromNativeError(error);
      }
    },
    async callAsync(fn) {
      try {
        return await fn(binding);
      } catch (error) {
        throw fromNativeError(error);
      }
    },
  };
}
