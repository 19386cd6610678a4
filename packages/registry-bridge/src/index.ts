// @remotemedia/registry-bridge: node introspection events into discovery and PostgreSQL.

export { redactCredentials } from '@remotemedia/errors';
export { createRegistryBridge, RegistryBridge } from './bridge.js';
export type { BusHealth } from './bus/event-bus.js';
export { BATCH_SIZE, BATCH_WAIT_MS, type EventBus, type EventHandler } from './bus/event-bus.js';
export { JetStreamBus } from './bus/jetstream.js';
export {
  DEAD_LETTER_TOPIC,
  KafkaBus,
  type KafkaBusOptions,
  type KafkaConfig,
} from './bus/kafka.js';
export { type KafkaSasl, type KafkaSecurity, kafkaEnvConfig } from './bus/kafka-env.js';
export type {
  BridgeHealth,
  BridgeStatus,
  ComponentHealth,
  ComponentStatus,
} from './health.js';
export type { BridgeMetricsSnapshot } from './metrics.js';
export type { RegistryBridgeOptions } from './options.js';
export { type DiscoveryOptions, DiscoveryStore } from './stores/discovery.js';
export { migrations } from './stores/migrations.js';
export { type PostgresOptions, PostgresStore } from './stores/postgres.js';
export type { Received, RegistrationStore, StoreName } from './stores/store.js';
