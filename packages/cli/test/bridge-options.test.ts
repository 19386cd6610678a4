// [registry] of remotemedia.toml to the bridge's options: Kafka security settings, with the SASL
// password read from the variable the file names (never from the file itself).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse-config.js';
import { bridgeOptions } from '../src/registry/bridge-options.js';

const KAFKA = [
  '[registry]',
  'bus = "kafka"',
  '[registry.kafka]',
  'brokers = ["kafka-1:9092", "kafka-2:9092"]',
  'client_id = "bridge-eu"',
];

describe('bridgeOptions', () => {
  it('passes SASL and SSL from [registry.kafka] to the Kafka bus', () => {
    const config = parseConfig(
      [
        ...KAFKA,
        'ssl = true',
        'sasl_mechanism = "scram-sha-512"',
        'sasl_username = "bridge"',
        'sasl_password_env = "BRIDGE_KAFKA_PASSWORD"',
      ].join('\n'),
      'remotemedia.toml',
    );
    const options = bridgeOptions(config, {}, { BRIDGE_KAFKA_PASSWORD: 's3cret' });
    expect(options.bus).toEqual({
      kafka: {
        brokers: ['kafka-1:9092', 'kafka-2:9092'],
        clientId: 'bridge-eu',
        config: {
          ssl: true,
          sasl: { mechanism: 'scram-sha-512', username: 'bridge', password: 's3cret' },
        },
      },
    });
  });

  it('leaves kafkajs defaults (and the REMOTEMEDIA_KAFKA_* variables) alone without them', () => {
    const options = bridgeOptions(parseConfig(KAFKA.join('\n'), 'remotemedia.toml'), {}, {});
    expect(options.bus).toEqual({
      kafka: { brokers: ['kafka-1:9092', 'kafka-2:9092'], clientId: 'bridge-eu' },
    });
  });
});
