// Runtime options, their defaults, and the worker command line they turn into.
import { join } from 'node:path';
import type { Logger } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';

export interface PythonRuntimeOptions {
  /** Python executable. @default `<venv>/bin/python`, else `$REMOTEMEDIA_PYTHON`, else 'python3' */
  python?: string;
  /** A virtualenv with the `remotemedia` pip package installed. */
  venv?: string;
  /** Modules or packages (dotted names) whose `@node` classes the workers serve. */
  modules?: readonly string[];
  /** Folders scanned for node modules (added to the worker's sys.path). */
  paths?: readonly string[];
  /** fnmatch patterns on module names: only matching modules of `modules`/`paths` are imported. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Serve the nodes shipped in `remotemedia.nodes`. @default true */
  builtins?: boolean;
  /** Worker processes per node type; instances are spread over them. @default 1 */
  workersPerType?: number;
  /** Calls in flight per worker; more wait (backpressure). @default 16 */
  maxInFlight?: number;
  /** Per call (process, flush) timeout; a worker that misses it is restarted. @default 30000 */
  callTimeoutMs?: number;
  /** Timeout of `create` (the node's initialize: model loading). @default 120000 */
  initTimeoutMs?: number;
  /** Worker start to handshake. @default 30000 */
  startTimeoutMs?: number;
  /** Grace period for cleanup at close before SIGKILL. @default 5000 */
  shutdownTimeoutMs?: number;
  /** Extra environment variables of the workers. */
  env?: Record<string, string>;
  cwd?: string;
  /** Worker stdout/stderr lines and discovery failures. @default warnings to the console */
  logger?: Logger;
}

export interface ResolvedOptions {
  python: string;
  args: string[];
  workersPerType: number;
  maxInFlight: number;
  callTimeoutMs: number;
  initTimeoutMs: number;
  startTimeoutMs: number;
  shutdownTimeoutMs: number;
  env: NodeJS.ProcessEnv;
  cwd: string | undefined;
  logger: Logger;
}

const ignore = (): void => {};
const consoleLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: (message, fields) => console.warn(`[remotemedia] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[remotemedia] ${message}`, fields ?? ''),
};

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${name} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** setTimeout fires at once for a delay over 2^31-1 ms: a huge timeout would kill every call. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function timeoutMs(name: string, value: number | undefined, fallback: number): number {
  const ms = positiveInteger(name, value, fallback);
  if (ms > MAX_TIMER_MS) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days), got ${ms}`,
    );
  }
  return ms;
}

export function resolveOptions(options: PythonRuntimeOptions): ResolvedOptions {
  const python =
    options.python ??
    (options.venv === undefined ? undefined : join(options.venv, 'bin', 'python')) ??
    process.env.REMOTEMEDIA_PYTHON ??
    'python3';
  const args: string[] = [];
  if (options.builtins === false) args.push('--no-builtins');
  for (const m of options.modules ?? []) args.push('--module', m);
  for (const p of options.paths ?? []) args.push('--path', p);
  for (const p of options.include ?? []) args.push('--include', p);
  for (const p of options.exclude ?? []) args.push('--exclude', p);
  return {
    python,
    args,
    workersPerType: positiveInteger('workersPerType', options.workersPerType, 1),
    maxInFlight: positiveInteger('maxInFlight', options.maxInFlight, 16),
    callTimeoutMs: timeoutMs('callTimeoutMs', options.callTimeoutMs, 30_000),
    initTimeoutMs: timeoutMs('initTimeoutMs', options.initTimeoutMs, 120_000),
    startTimeoutMs: timeoutMs('startTimeoutMs', options.startTimeoutMs, 30_000),
    shutdownTimeoutMs: timeoutMs('shutdownTimeoutMs', options.shutdownTimeoutMs, 5_000),
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    logger: options.logger ?? consoleLogger,
  };
}
