// Loading a package's native addon, and calling into it, with errors that say what to do. One
// loader for every native package: the addon is `<binaryName>.<platform>.node` in the package
// folder (a local build) or the platform package `<name>-<platform>` (an install from npm).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromNativeError, RemoteMediaError } from '@remotemedia/errors';

export interface NativePackageInfo {
  /** npm name of the package that owns the addon, e.g. '@remotemedia/node-vad'. */
  packageName: string;
}

let libc: 'gnu' | 'musl' | undefined;

/** glibc or musl, decided once per process: ldd names musl; else Node's report names glibc. */
function linuxLibc(): 'gnu' | 'musl' {
  if (libc !== undefined) return libc;
  try {
    libc = readFileSync('/usr/bin/ldd', 'utf8').includes('musl') ? 'musl' : undefined;
  } catch {
    // no ldd (minimal images): ask the report below
  }
  if (libc === undefined) {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
    libc = report?.header?.glibcVersionRuntime ? 'gnu' : 'musl';
  }
  return libc;
}

/** The napi-rs platform suffix of this process, e.g. 'linux-x64-gnu', 'darwin-arm64', 'win32-x64-msvc'. */
export function platformSuffix(): string {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${linuxLibc()}`;
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

export interface LoadAddonOptions {
  /**
   * Load only `<binaryName>.<platform>.node` from this folder (relative to the package), e.g. the
   * `test/.addon` build; without it, the package folder, then the platform package.
   */
  addonDir?: string;
}

/**
 * Loads the native addon of the package in `packageDir` (a folder, or a file URL of it, holding
 * its package.json with `name` and `napi.binaryName`). `NAPI_RS_NATIVE_LIBRARY_PATH` names an
 * addon file to load instead. Any failure is ERR_NATIVE_BINDING naming the platform, the
 * expected package and the fixes.
 */
export function loadNativeAddon<T>(packageDir: string | URL, options: LoadAddonOptions = {}): T {
  const dir = typeof packageDir === 'string' ? packageDir : fileURLToPath(packageDir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    napi?: { binaryName?: string };
  };
  const suffix = platformSuffix();
  const require = createRequire(join(dir, 'package.json'));
  const override = process.env.NAPI_RS_NATIVE_LIBRARY_PATH;
  const candidates =
    override !== undefined && override !== ''
      ? [override]
      : [
          join(dir, options.addonDir ?? '', `${pkg.napi?.binaryName ?? 'index'}.${suffix}.node`),
          ...(options.addonDir === undefined ? [`${pkg.name}-${suffix}`] : []),
        ];
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      return require(candidate) as T;
    } catch (error) {
      failures.push(
        `${candidate}: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
      );
    }
  }
  throw nativeBindingError(
    { packageName: pkg.name },
    new Error(`cannot load the native addon; tried ${failures.join('; ')}`),
  );
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
