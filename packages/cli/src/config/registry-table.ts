// The [registry] table of remotemedia.toml (what `remotemedia registry` runs): allowed keys with
// their checks, and their conversion to RegistryConfig.
import { definedOnly } from '../defined-only.js';
import {
  booleanValue,
  type Check,
  envName,
  integerIn,
  nonEmptyString,
  oneOf,
  stringList,
  type TableSpec,
} from './checks.js';
import type { RegistryConfig } from './types.js';

// Timers cannot wait longer than 2^31 - 1 ms (Node fires a longer one after 1 ms).
const durationMs: Check = integerIn(1, 2_147_483_647);

export const registrySpec: TableSpec = {
  bus: oneOf('jetstream', 'kafka'),
  stale_after_ms: durationMs,
  remove_after_ms: durationMs,
  sweep_interval_ms: durationMs,
  retry_interval_ms: durationMs,
  health_timeout_ms: durationMs,
  http: { host: nonEmptyString, port: integerIn(0, 65_535) },
  kafka: {
    brokers: stringList,
    client_id: nonEmptyString,
    partitions: integerIn(1, 10_000),
    ssl: booleanValue,
  },
  postgres: {
    url_env: envName,
    host: nonEmptyString,
    port: integerIn(1, 65_535),
    database: nonEmptyString,
    user: nonEmptyString,
    password_env: envName,
    max: integerIn(1, 1000),
    connection_timeout_ms: durationMs,
  },
  discovery: { bucket: nonEmptyString, entry_ttl_ms: durationMs, timeout_ms: durationMs },
};

type Table = Record<string, unknown>;

/** A problem spanning keys, at the key it is reported on (the table was checked before). */
export function registryProblem(
  registry: Table | undefined,
): { path: string[]; message: string } | undefined {
  const brokers = (registry?.kafka as Table | undefined)?.brokers;
  if (registry?.bus === 'kafka' && brokers === undefined) {
    return {
      path: ['registry', 'bus'],
      message: 'registry.bus = "kafka" needs [registry.kafka] brokers',
    };
  }
  return undefined;
}

export function registryConfig(registry: Table = {}): RegistryConfig {
  const http = (registry.http ?? {}) as Table;
  const kafka = (registry.kafka ?? {}) as Table;
  const postgres = (registry.postgres ?? {}) as Table;
  const discovery = (registry.discovery ?? {}) as Table;
  return {
    ...definedOnly<Omit<RegistryConfig, 'http' | 'kafka' | 'postgres' | 'discovery'>>({
      bus: registry.bus as RegistryConfig['bus'],
      staleAfterMs: registry.stale_after_ms as number | undefined,
      removeAfterMs: registry.remove_after_ms as number | undefined,
      sweepIntervalMs: registry.sweep_interval_ms as number | undefined,
      retryIntervalMs: registry.retry_interval_ms as number | undefined,
      healthTimeoutMs: registry.health_timeout_ms as number | undefined,
    }),
    http: definedOnly<RegistryConfig['http']>({
      host: http.host as string | undefined,
      port: http.port as number | undefined,
    }),
    kafka: definedOnly<RegistryConfig['kafka']>({
      brokers: kafka.brokers as string[] | undefined,
      clientId: kafka.client_id as string | undefined,
      partitions: kafka.partitions as number | undefined,
      ssl: kafka.ssl as boolean | undefined,
    }),
    postgres: definedOnly<RegistryConfig['postgres']>({
      urlEnv: postgres.url_env as string | undefined,
      host: postgres.host as string | undefined,
      port: postgres.port as number | undefined,
      database: postgres.database as string | undefined,
      user: postgres.user as string | undefined,
      passwordEnv: postgres.password_env as string | undefined,
      max: postgres.max as number | undefined,
      connectionTimeoutMs: postgres.connection_timeout_ms as number | undefined,
    }),
    discovery: definedOnly<RegistryConfig['discovery']>({
      bucket: discovery.bucket as string | undefined,
      entryTtlMs: discovery.entry_ttl_ms as number | undefined,
      timeoutMs: discovery.timeout_ms as number | undefined,
    }),
  };
}
