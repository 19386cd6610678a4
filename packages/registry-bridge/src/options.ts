// Options of the registry bridge, with their defaults in one place.
import type { Logger } from '@remotemedia/core';
import { RemoteMediaError } from '@remotemedia/errors';
import type { NatsConnectionOptions } from '@remotemedia/remote';
import type { KafkaBusOptions } from './bus/kafka.js';
import type { DiscoveryOptions } from './stores/discovery.js';
import type { PostgresOptions } from './stores/postgres.js';

export interface RegistryBridgeOptions extends NatsConnectionOptions {
  /** Where events come from. @default 'jetstream' (on the NATS connection) */
  bus?: 'jetstream' | { kafka: KafkaBusOptions };
  postgres?: PostgresOptions;
  discovery?: DiscoveryOptions;
  /** A node without a heartbeat event for this long is marked stale, ms. @default 30000 */
  staleAfterMs?: number;
  /** ...and removed from both stores after this long, ms. @default 2 * staleAfterMs */
  removeAfterMs?: number;
  /** How often stale nodes are looked for, ms. @default staleAfterMs / 3 */
  sweepIntervalMs?: number;
  /** How often a store that failed is retried and backfilled, ms. @default 1000 */
  retryIntervalMs?: number;
  /** Serve GET /healthz and /metrics. `port: 0` picks a free port. @default off */
  http?: { port?: number; host?: string };
  /** A health probe slower than this counts as down, ms. @default 1000 */
  healthTimeoutMs?: number;
  /** A store write slower than this counts as the store being down (queued), ms. @default 3000 */
  storeTimeoutMs?: number;
  /**
   * An event stamped further than this ahead of the bridge clock is dead-lettered (it would
   * otherwise win over every later event of its node), ms. @default 60000
   */
  maxClockSkewMs?: number;
  /** close() waits this long for events being handled, and as long for a last backfill, ms. @default 3000 */
  closeTimeoutMs?: number;
  logger?: Logger;
}

/** Defaults applied and every duration checked; ERR_INVALID_PARAM names the bad option. */
export function resolved(options: RegistryBridgeOptions) {
  const staleAfterMs = positive('staleAfterMs', options.staleAfterMs ?? 30_000);
  const settings = {
    staleAfterMs,
    removeAfterMs: positive('removeAfterMs', options.removeAfterMs ?? 2 * staleAfterMs),
    sweepIntervalMs: positive('sweepIntervalMs', options.sweepIntervalMs ?? staleAfterMs / 3),
    retryIntervalMs: positive('retryIntervalMs', options.retryIntervalMs ?? 1000),
    healthTimeoutMs: positive('healthTimeoutMs', options.healthTimeoutMs ?? 1000),
    storeTimeoutMs: positive('storeTimeoutMs', options.storeTimeoutMs ?? 3000),
    maxClockSkewMs: positive('maxClockSkewMs', options.maxClockSkewMs ?? 60_000),
    closeTimeoutMs: positive('closeTimeoutMs', options.closeTimeoutMs ?? 3000),
  };
  if (settings.removeAfterMs < staleAfterMs) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `removeAfterMs (${settings.removeAfterMs}) must be at least staleAfterMs (${staleAfterMs}): a node is marked stale before it is removed`,
    );
  }
  return settings;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${name} must be a positive number of milliseconds, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
