// Kafka security settings, and reading them from the environment so credentials stay out of
// config files and command lines: REMOTEMEDIA_KAFKA_SASL_MECHANISM (plain | scram-sha-256 |
// scram-sha-512), REMOTEMEDIA_KAFKA_SASL_USERNAME, REMOTEMEDIA_KAFKA_SASL_PASSWORD,
// REMOTEMEDIA_KAFKA_SSL=1.
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { RemoteMediaError } from '@remotemedia/errors';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export interface KafkaSasl {
  mechanism: (typeof KAFKA_SASL_MECHANISMS)[number];
  username: string;
  password: string;
}

export interface KafkaSecurity {
  sasl?: KafkaSasl;
  /** `true` for TLS with the system's CAs, or Node TLS options (ca, cert, key, servername). */
  ssl?: boolean | TlsOptions;
}

export function kafkaEnvConfig(env: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  const config: KafkaSecurity = {};
  if (env.REMOTEMEDIA_KAFKA_SSL === '1' || env.REMOTEMEDIA_KAFKA_SSL === 'true') config.ssl = true;
  const mechanism = env.REMOTEMEDIA_KAFKA_SASL_MECHANISM?.toLowerCase();
  if (mechanism === undefined || mechanism === '') return config;
  const checked = checkMechanism(mechanism, 'REMOTEMEDIA_KAFKA_SASL_MECHANISM');
  const username = env.REMOTEMEDIA_KAFKA_SASL_USERNAME;
  const password = env.REMOTEMEDIA_KAFKA_SASL_PASSWORD;
  if (username === undefined || password === undefined) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      'REMOTEMEDIA_KAFKA_SASL_MECHANISM needs REMOTEMEDIA_KAFKA_SASL_USERNAME and REMOTEMEDIA_KAFKA_SASL_PASSWORD',
    );
  }
  config.sasl = { mechanism: checked, username, password };
  return config;
}

/** The mechanism in the client's spelling, or a coded error naming where it came from. */
export function checkMechanism(mechanism: string, where: string): KafkaSasl['mechanism'] {
  const lower = mechanism.toLowerCase();
  if (!(KAFKA_SASL_MECHANISMS as readonly string[]).includes(lower)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${where} must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}, got '${mechanism}'`,
    );
  }
  return lower as KafkaSasl['mechanism'];
}
