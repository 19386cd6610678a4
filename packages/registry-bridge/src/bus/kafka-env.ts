// Kafka credentials from the environment, so they stay out of config files and command lines:
// REMOTEMEDIA_KAFKA_SASL_MECHANISM (plain | scram-sha-256 | scram-sha-512),
// REMOTEMEDIA_KAFKA_SASL_USERNAME, REMOTEMEDIA_KAFKA_SASL_PASSWORD, REMOTEMEDIA_KAFKA_SSL=1.
import { RemoteMediaError } from '@remotemedia/errors';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export function kafkaEnvConfig(
  env: NodeJS.ProcessEnv = process.env,
): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const config: Pick<KafkaConfig, 'sasl' | 'ssl'> = {};
  if (env.REMOTEMEDIA_KAFKA_SSL === '1' || env.REMOTEMEDIA_KAFKA_SSL === 'true') config.ssl = true;
  const mechanism = env.REMOTEMEDIA_KAFKA_SASL_MECHANISM?.toLowerCase();
  if (mechanism === undefined || mechanism === '') return config;
  if (!(MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `REMOTEMEDIA_KAFKA_SASL_MECHANISM must be one of ${MECHANISMS.join(', ')}, got '${mechanism}'`,
    );
  }
  const username = env.REMOTEMEDIA_KAFKA_SASL_USERNAME;
  const password = env.REMOTEMEDIA_KAFKA_SASL_PASSWORD;
  if (username === undefined || password === undefined) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      'REMOTEMEDIA_KAFKA_SASL_MECHANISM needs REMOTEMEDIA_KAFKA_SASL_USERNAME and REMOTEMEDIA_KAFKA_SASL_PASSWORD',
    );
  }
  config.sasl = { mechanism, username, password } as SASLOptions;
  return config;
}
