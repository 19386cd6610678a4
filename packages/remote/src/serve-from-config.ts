// The entry point `remotemedia serve` calls: a worker for an already-built registry, options
// from the config file and the environment, stopped by SIGTERM/SIGINT after a graceful drain.
import type { AnyNodeRegistry } from '@remotemedia/core';
import { type ServeOptions, serve, type Worker } from './worker/worker.js';

export interface ServeConfig {
  /** `[remote] servers` of remotemedia.toml, or REMOTEMEDIA_NATS_URL. */
  servers?: string | string[];
  name?: string;
  tags?: Record<string, string>;
}

/**
 * Starts a worker and resolves with it once it serves; `worker.closed` resolves after a signal
 * has drained it. Credentials come from options or REMOTEMEDIA_NATS_USER/PASSWORD/TOKEN.
 */
export async function serveFromConfig(
  registry: AnyNodeRegistry,
  config: ServeConfig,
  options: Omit<ServeOptions, keyof ServeConfig> = {},
): Promise<Worker> {
  return serve(registry, { ...options, ...config, handleSignals: true });
}
