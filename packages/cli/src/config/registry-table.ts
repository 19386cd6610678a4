// The [registry] table of remotemedia.toml (what `remotemedia registry` runs): allowed keys with
// their checks, and their conversion to RegistryConfig.

import { camelTable } from './camel-table.js';
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
    sasl_mechanism: oneOf('plain', 'scram-sha-256', 'scram-sha-512'),
    sasl_username: nonEmptyString,
    sasl_password_env: envName,
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

const SASL_KEYS = ['sasl_mechanism', 'sasl_username', 'sasl_password_env'] as const;

/** Problems spanning keys, at the key each is reported on (the table was checked before). */
export function registryProblems(
  registry: Table | undefined,
): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const kafka = registry?.kafka as Table | undefined;
  if (registry?.bus === 'kafka' && kafka?.brokers === undefined) {
    problems.push({
      path: ['registry', 'bus'],
      message: 'registry.bus = "kafka" needs [registry.kafka] brokers',
    });
  }
  const given = SASL_KEYS.filter((key) => kafka?.[key] !== undefined);
  if (given.length > 0 && given.length < SASL_KEYS.length) {
    const missing = SASL_KEYS.filter((key) => kafka?.[key] === undefined);
    problems.push({
      path: ['registry', 'kafka', given[0] as string],
      message: `[registry.kafka] SASL needs ${SASL_KEYS.join(', ')} together; missing: ${missing.join(', ')}`,
    });
  }
  return problems;
}

/** [registry]: every key is its RegistryConfig field in camelCase (`stale_after_ms` -> `staleAfterMs`). */
export function registryConfig(registry: Table = {}): RegistryConfig {
  const { http, kafka, postgres, discovery, ...top } = registry;
  return {
    ...camelTable<Omit<RegistryConfig, 'http' | 'kafka' | 'postgres' | 'discovery'>>(top),
    http: camelTable(http),
    kafka: camelTable(kafka),
    postgres: camelTable(postgres),
    discovery: camelTable(discovery),
  };
}
