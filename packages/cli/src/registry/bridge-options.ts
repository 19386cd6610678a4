// `remotemedia registry`'s options for createRegistryBridge: [registry] and [remote] of the
// config, with the command-line flags replacing their keys.
import { RemoteMediaError } from '@remotemedia/errors';
import type { KafkaBusOptions, RegistryBridgeOptions } from '@remotemedia/registry-bridge';
import type { RemoteMediaConfig } from '../config/types.js';
import { definedOnly } from '../defined-only.js';
import { stderrLogger } from '../remote/logger.js';
import { parseServers, serversOf } from '../remote/options.js';
import { secretFromEnv } from './env-secret.js';
import { postgresOptions } from './postgres-options.js';

/** Where /healthz and /metrics listen when neither the config nor a flag says. */
export const DEFAULT_HTTP = { host: '127.0.0.1', port: 9464 } as const;

export interface RegistryFlags {
  servers?: string;
  bus?: string;
  brokers?: string;
  host?: string;
  port?: number;
}

type KafkaSasl = NonNullable<KafkaBusOptions['config']>['sasl'];

/** kafkajs security settings from [registry.kafka]; the password from the variable it names. */
function kafkaSecurity(
  kafka: RemoteMediaConfig['registry']['kafka'],
  env: NodeJS.ProcessEnv,
): KafkaBusOptions['config'] {
  const { ssl, saslMechanism, saslUsername, saslPasswordEnv } = kafka;
  const password = secretFromEnv(
    saslPasswordEnv,
    { table: 'registry.kafka', key: 'sasl_password_env' },
    env,
  );
  const sasl =
    saslMechanism !== undefined && saslUsername !== undefined && password !== undefined
      ? ({ mechanism: saslMechanism, username: saslUsername, password } as KafkaSasl)
      : undefined;
  const config = definedOnly<NonNullable<KafkaBusOptions['config']>>({
    ssl: ssl === true ? true : undefined,
    sasl,
  });
  return Object.keys(config).length > 0 ? config : undefined;
}

function busOf(
  config: RemoteMediaConfig['registry'],
  flags: RegistryFlags,
  env: NodeJS.ProcessEnv,
): RegistryBridgeOptions['bus'] {
  const bus = flags.bus ?? config.bus ?? 'jetstream';
  if (bus === 'jetstream') return 'jetstream';
  if (bus !== 'kafka') {
    throw new RemoteMediaError('ERR_INVALID_PARAM', `--bus is jetstream or kafka, got '${bus}'`);
  }
  const brokers = flags.brokers === undefined ? config.kafka.brokers : parseServers(flags.brokers);
  if (brokers === undefined) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      'the kafka bus needs brokers: --brokers host:9092,... or [registry.kafka] brokers',
    );
  }
  const { clientId, partitions } = config.kafka;
  return {
    kafka: definedOnly<KafkaBusOptions>({
      brokers,
      clientId,
      partitions,
      config: kafkaSecurity(config.kafka, env),
    }),
  };
}

export function bridgeOptions(
  config: RemoteMediaConfig,
  flags: RegistryFlags,
  env: NodeJS.ProcessEnv = process.env,
): RegistryBridgeOptions {
  const registry = config.registry;
  return definedOnly<RegistryBridgeOptions>({
    servers: serversOf(config, flags.servers),
    tls: config.remote.tls,
    bus: busOf(registry, flags, env),
    postgres: postgresOptions(registry.postgres, env),
    discovery: registry.discovery,
    staleAfterMs: registry.staleAfterMs,
    removeAfterMs: registry.removeAfterMs,
    sweepIntervalMs: registry.sweepIntervalMs,
    retryIntervalMs: registry.retryIntervalMs,
    healthTimeoutMs: registry.healthTimeoutMs,
    http: {
      host: flags.host ?? registry.http.host ?? DEFAULT_HTTP.host,
      port: flags.port ?? registry.http.port ?? DEFAULT_HTTP.port,
    },
    logger: stderrLogger,
  });
}
